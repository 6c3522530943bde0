// The bilan pack ("dossier financeurs"): one ZIP with everything a funder asks for a period —
// the events, help and summary CSV files, the monthly hours by task kind, the participants'
// file, every time sheet's PDF, and the list of what is still missing. Files are written as
// they are read (a page at a time) into a temporary folder, then zipped as a stream.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import type { Store } from '../../db/store.ts';
import { formatShortDate } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import { addDays, type IsoDate } from '../../time/calendar-date.ts';
import { localDate, zonedInstant } from '../../time/zone.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import type { YesNoRefused } from '../participants/vocabulary.ts';
import { type CsvRow, CsvWriter, decimal, writeCsv } from '../reports/csv.ts';
import type { Period, ReportService } from '../reports/service.ts';
import type { TimeSheetService } from '../timesheets/service.ts';
import { TASK_KINDS } from '../timesheets/sheet.ts';

export const PACK_FILES = {
  time: 'temps_mensuel.csv',
  participants: 'participants_fse.csv',
  todo: 'a_completer.csv',
  sheets: 'feuilles_de_temps',
} as const;

export interface PackDeps {
  store: Store;
  reports: ReportService;
  timesheets: TimeSheetService;
  network: NetworkService;
  members: MemberService;
  clock: Clock;
  config: Config;
}

export interface PackSummary {
  /** The ZIP's file name. */
  filename: string;
  /** How many files it holds, and how many things are still to complete. */
  files: number;
  missing: number;
}

/** « 11/2026 ». */
const monthCell = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
/** « 21/03/2016 » for a calendar day. */
const dayCell = (day: IsoDate) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Records one thing still to complete (a row of a_completer.csv). */
type Note = (row: CsvRow) => Promise<void>;

export class BilanPackService {
  readonly #deps: PackDeps;

  constructor(deps: PackDeps) {
    this.#deps = deps;
  }

  /** The pack's file name for a period. */
  filename(period: Period): string {
    return `dossier-financeurs-${period.from}_${period.to}.zip`;
  }

  /**
   * Whether the period's pack is small enough to be made in the app and sent through Slack: it
   * holds one PDF per time sheet, and a national network's year (tens of thousands of sheets)
   * is written by `npm run export -- --pack` instead, streamed to disk.
   */
  async fitsSlack(teamId: string, period: Period): Promise<{ ok: true; sheets: number } | { ok: false; sheets: number; max: number }> {
    const max = this.#deps.config.packMaxSheetsInSlack;
    const sheets = await this.#deps.store.repos.timesheets.countInMonths(teamId, period.from.slice(0, 7), period.to.slice(0, 7));
    return sheets <= max ? { ok: true, sheets } : { ok: false, sheets, max };
  }

  /** The period's pack as bytes (to upload it to Slack): written to a temporary folder, then read back. */
  async bytes(teamId: string, period: Period, locale?: Locale): Promise<PackSummary & { content: Buffer }> {
    const dir = await mkdtemp(join(tmpdir(), 'tiers-lieux-pack-out-'));
    try {
      const path = join(dir, this.filename(period));
      const summary = await this.write(teamId, period, path, locale);
      return { ...summary, content: await readFile(path) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Writes the period's pack as a ZIP at `path`; says what it holds. */
  async write(teamId: string, period: Period, path: string, locale: Locale = this.#deps.config.defaultLocale): Promise<PackSummary> {
    const dir = await mkdtemp(join(tmpdir(), 'tiers-lieux-pack-'));
    try {
      const t = translator(locale);
      await this.#deps.reports.writeCsvFiles(teamId, period, dir, locale);
      // Every file is written as its rows are read, a page at a time; what is missing is found
      // along the way and written as it is found.
      const todo = new CsvWriter(join(dir, PACK_FILES.todo), [t('pack.todo.what'), t('pack.todo.concerns'), t('pack.todo.when')]);
      let missing = 0;
      const note = async (row: CsvRow) => {
        missing++;
        await todo.add(row);
      };
      try {
        await this.#timeFiles(teamId, period, dir, t, locale, note);
        await this.#participantsFile(teamId, period, dir, t, note);
        await this.#eventsMissing(teamId, period, t, note);
      } finally {
        await todo.close();
      }
      const files = await zipFolder(dir, path);
      return { filename: this.filename(period), files, missing };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** temps_mensuel.csv and every sheet's PDF; unsigned or unapproved sheets go to the list of what is missing. */
  async #timeFiles(teamId: string, period: Period, dir: string, t: Translate, locale: Locale, note: Note): Promise<void> {
    const { store, timesheets, members, config } = this.#deps;
    await mkdir(join(dir, PACK_FILES.sheets));
    async function* rows(): AsyncGenerator<CsvRow> {
      for await (const page of store.repos.timesheets.ofMonths(teamId, period.from.slice(0, 7), period.to.slice(0, 7))) {
        const [hours, names] = await Promise.all([
          store.repos.timesheets.hoursByKind(page.map((s) => s.id)),
          members.namesOf(
            teamId,
            page.map((s) => s.userId),
          ),
        ]);
        for (const sheet of page) {
          const name = names.get(sheet.userId) ?? sheet.userId;
          const signedOn = (role: 'employee' | 'manager') => {
            const s = sheet.signatures.find((x) => x.role === role);
            return s ? formatShortDate(s.signedAt, config.timeZone) : '';
          };
          const h = hours.get(sheet.id);
          for (const kind of TASK_KINDS) {
            yield [
              name,
              monthCell(sheet.month),
              t(`task.${kind}`),
              decimal(h?.[kind] ?? 0, locale),
              signedOn('employee'),
              signedOn('manager'),
            ];
          }
          if (sheet.status === 'draft') await note([t('pack.todo.unsigned'), name, monthCell(sheet.month)]);
          else if (sheet.status === 'signed') await note([t('pack.todo.notCountersigned'), name, monthCell(sheet.month)]);
        }
        for await (const pdf of timesheets.pdfsOf(teamId, page)) await writeFile(join(dir, PACK_FILES.sheets, pdf.filename), pdf.bytes);
      }
    }
    const header = [
      'pack.time.person',
      'pack.time.month',
      'pack.time.kind',
      'pack.time.hours',
      'pack.time.signed',
      'pack.time.countersigned',
    ] as const;
    await writeCsv(
      join(dir, PACK_FILES.time),
      header.map((k) => t(k)),
      rows(),
    );
  }

  /** participants_fse.csv: one row per participant present in the period, by pseudonymous id only. */
  async #participantsFile(teamId: string, period: Period, dir: string, t: Translate, note: Note): Promise<void> {
    const { store, network, clock, config } = this.#deps;
    const today = localDate(clock.now(), config.timeZone);
    const erased = t('pack.participant.erased');
    async function* rows(): AsyncGenerator<CsvRow> {
      for await (const page of store.repos.participants.inPeriod(teamId, period.from, period.to)) {
        const spaceNames = await network.spaceNames(
          teamId,
          page.flatMap((p) => (p.spaceId ? [p.spaceId] : [])),
        );
        for (const p of page) {
          const sensitive = (v: YesNoRefused | undefined) => (p.erasedAt ? erased : v ? t(`participant.answer.${v}`) : '');
          yield [
            p.code,
            p.gender ? t(`participant.gender.${p.gender}`) : '',
            p.ageBand ? t(`participant.ageBand.${p.ageBand}`) : '',
            p.employment ? t(`participant.employment.${p.employment}`) : '',
            p.education ? t(`participant.education.${p.education}`) : '',
            sensitive(p.disability),
            sensitive(p.otherDisadvantage),
            p.entryDate ? dayCell(p.entryDate) : '',
            p.exitDate ? dayCell(p.exitDate) : '',
            p.contractType ? t(`contract.type.${p.contractType}`) : '',
            p.spaceId ? (spaceNames.get(p.spaceId) ?? '') : '',
            p.exit4w ? t(`participant.exit.${p.exit4w}`) : '',
            p.exit6m ? t(`participant.exit.${p.exit6m}`) : '',
          ];
          if (!p.gender || !p.ageBand || !p.employment || !p.education)
            await note([t('pack.todo.entry'), p.code, p.entryDate ? dayCell(p.entryDate) : '']);
          if (p.exitDate && addDays(p.exitDate, 28) <= today && !p.exit4w)
            await note([t('pack.todo.exit4w'), p.code, dayCell(addDays(p.exitDate, 28))]);
          if (p.exitDate && addDays(p.exitDate, 182) <= today && !p.exit6m)
            await note([t('pack.todo.exit6m'), p.code, dayCell(addDays(p.exitDate, 182))]);
        }
      }
    }
    const header = [
      'pack.participant.id',
      'participant.field.gender',
      'participant.field.ageBand',
      'participant.field.employment',
      'participant.field.education',
      'participant.field.disability',
      'participant.field.otherDisadvantage',
      'pack.participant.entry',
      'pack.participant.exit',
      'pack.participant.contract',
      'pack.participant.space',
      'pack.participant.exit4w',
      'pack.participant.exit6m',
    ] as const;
    await writeCsv(
      join(dir, PACK_FILES.participants),
      header.map((k) => t(k)),
      rows(),
    );
  }

  /** Past events of the period without their attendance report, or without a kept attendance sheet. */
  async #eventsMissing(teamId: string, period: Period, t: Translate, note: Note): Promise<void> {
    const tz = this.#deps.config.timeZone;
    const scope = { teamId, from: zonedInstant(period.from, 0, 0, tz), to: zonedInstant(addDays(period.to, 1), 0, 0, tz) };
    for await (const page of this.#deps.store.repos.reports.eventsLackingEvidence(scope, this.#deps.clock.now())) {
      for (const e of page) {
        await note([t(e.reported ? 'pack.todo.noSheet' : 'pack.todo.noAttendance'), e.title, formatShortDate(e.startAt, tz)]);
      }
    }
  }
}

/** Zips a folder's files (one level of sub-folders) into `path`, streamed; returns how many files. */
async function zipFolder(dir: string, path: string): Promise<number> {
  const { ZipFile } = await import('yazl');
  const zip = new ZipFile();
  let count = 0;
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      for (const file of (await readdir(join(dir, entry.name))).sort()) {
        zip.addFile(join(dir, entry.name, file), `${entry.name}/${file}`);
        count++;
      }
    } else {
      zip.addFile(join(dir, entry.name), entry.name);
      count++;
    }
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  return count;
}
