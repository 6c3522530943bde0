// Monthly time sheets: made and sent on the first working day of the month for the month
// before, corrected week by week by their animator, signed by them, countersigned by a
// coordinator; re-opening voids the signatures (kept in the history). Reminders: once to the
// animator three working days after they were asked, once to the coordinators three working
// days after the animator signed. Everything that posts goes through the outbox, in the same
// transaction as the change it tells.
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import { isDuplicate, type Repositories, type Store } from '../../db/store.ts';
import { formatCalendarDate, formatDate, formatDaySpan, formatMonth, formatNumber } from '../../i18n/format.ts';
import { translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { Outbox } from '../../slack/outbox.ts';
import { addDays, daysBetween, type IsoDate, isoDay } from '../../time/calendar-date.ts';
import { firstWorkingDayOfMonth, workingDaysBefore } from '../../time/working-days.ts';
import { localDate, zonedInstant } from '../../time/zone.ts';
import { documentFrame, type PdfFile } from '../evidence/service.ts';
import { timeSheetPdf } from '../evidence/timesheet-pdf.ts';
import type { MemberService } from '../members/service.ts';
import { type NetworkService, slugify } from '../network/service.ts';
import type { SheetContract, SheetStatus, Signature, TimeSheet } from './repo.ts';
import {
  DEFAULT_WEEKLY_HOURS,
  eventHoursByDay,
  fingerprint,
  monthBounds,
  monthWeeks,
  prefill,
  proportionsFrom,
  readWeek,
  type SheetWeek,
  sheetWeeks,
  shortFingerprint,
  type TaskKind,
  type WeekError,
  zeroHours,
} from './sheet.ts';
import type { SheetData, SheetDisplay, SheetMessageKind, TimeSheetHome } from './views.ts';

/**
 * Last month's sheets are made on the first working day and, for anyone still without one (the
 * app was down, a run failed), on the days after it, up to this many days.
 */
export const CATCH_UP_DAYS = 7;

/** Reminders come this many working days after the animator was asked (or signed). */
export const REMINDER_WORKING_DAYS = 3;

export type SheetRefusal =
  | 'notFound'
  | 'notYours'
  | 'notEntitled'
  | 'coordinatorOnly'
  | 'stale'
  | 'signed'
  | 'notSigned'
  | 'done'
  | 'draft';

export type SheetResult = { ok: true; data: SheetData } | { ok: false; refusal: SheetRefusal; data?: SheetData };

/** How the time sheets' messages are rendered (the feature's views, given by the composition root). */
export interface TimeSheetMessages {
  /** The sheet, to its animator. */
  sheet(kind: SheetMessageKind, data: SheetData, d: SheetDisplay, by?: string): MessageContent;
  /** A signed sheet, to each coordinator (or the reminder of it). */
  countersign(data: SheetData, who: string, d: SheetDisplay, reminder: boolean): MessageContent;
  /** Several signed sheets still waiting, in one reminder to each coordinator. */
  countersignReminders(sheets: readonly { sheet: TimeSheet; name: string }[], d: SheetDisplay): MessageContent;
  /** To the animator: a coordinator approved the sheet. */
  countersigned(data: SheetData, by: string, d: SheetDisplay): MessageContent;
}

export interface TimeSheetDeps {
  store: Store;
  messages: TimeSheetMessages;
  outbox: Outbox;
  network: NetworkService;
  members: MemberService;
  clock: Clock;
  config: Config;
  logger: Logger;
}

/** "2026-11" → "2026-10". */
export function previousMonth(month: string): string {
  return addDays(isoDay(`${month}-01`), -1).slice(0, 7);
}

export class TimeSheetService {
  readonly #deps: TimeSheetDeps;
  readonly #logger: Logger;

  constructor(deps: TimeSheetDeps) {
    this.#deps = deps;
    this.#logger = deps.logger.child('timesheets');
  }

  get #repo() {
    return this.#deps.store.repos.timesheets;
  }

  #display(locale: Locale): SheetDisplay {
    return { t: translator(locale), locale, timeZone: this.#deps.config.timeZone };
  }

  #today(): IsoDate {
    return localDate(this.#deps.clock.now(), this.#deps.config.timeZone);
  }

  /** The sheet's weeks as its animator's contracts and events shape them. */
  async #weeks(teamId: string, userId: string, month: string): Promise<{ weeks: SheetWeek[]; contracts: SheetContract[] }> {
    const { first, last } = monthBounds(month);
    const contracts = (await this.#repo.contractsTouching(teamId, first, last, userId))[0]?.contracts ?? [];
    return { weeks: await this.#weeksFor(teamId, userId, month, contracts), contracts };
  }

  async #weeksFor(teamId: string, userId: string, month: string, contracts: readonly SheetContract[]): Promise<SheetWeek[]> {
    const { first, last } = monthBounds(month);
    const tz = this.#deps.config.timeZone;
    const events = await this.#repo.eventTimes(teamId, userId, zonedInstant(first, 0, 0, tz), zonedInstant(addDays(last, 1), 0, 0, tz));
    return sheetWeeks(month, contracts, eventHoursByDay(events, tz));
  }

  async #data(sheet: TimeSheet): Promise<SheetData> {
    const { weeks, contracts } = await this.#weeks(sheet.teamId, sheet.userId, sheet.month);
    const contract = contracts.find((c) => c.id === sheet.contractId) ?? contracts.at(-1);
    return { sheet, weeks, weeklyHours: contract?.weeklyHours ?? DEFAULT_WEEKLY_HOURS };
  }

  async #tell(r: Repositories, teamId: string, userId: string, content: (d: SheetDisplay) => MessageContent): Promise<number> {
    const locale = await this.#deps.members.quickLocale(teamId, userId);
    return this.#deps.outbox.enqueue(r, { teamId, kind: 'post', channel: userId, content: content(this.#display(locale)) });
  }

  async #tellCoordinators(r: Repositories, teamId: string, content: (d: SheetDisplay) => MessageContent): Promise<number[]> {
    const ids: number[] = [];
    for (const coordinator of await this.#deps.members.coordinators(teamId)) ids.push(await this.#tell(r, teamId, coordinator, content));
    return ids;
  }

  async #name(teamId: string, userId: string): Promise<string> {
    return (await this.#deps.members.namesOf(teamId, [userId])).get(userId) ?? userId;
  }

  // ——— The job ———

  /**
   * The `timesheets` plan, daily at 09:00: on the first working day of a month (and the week
   * after it, to catch up), a sheet for the month before to each animator with a contract in it
   * who has none yet; and the reminders that are due.
   */
  async plan(slot: Date): Promise<JobPlan> {
    const tz = this.#deps.config.timeZone;
    const today = localDate(slot, tz);
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const sheetMonth = previousMonth(today.slice(0, 7));
    const firstDay = firstWorkingDayOfMonth(year, month);
    const due = today >= firstDay && daysBetween(firstDay, today) < CATCH_UP_DAYS;
    const cutoff = zonedInstant(addDays(workingDaysBefore(today, REMINDER_WORKING_DAYS), 1), 0, 0, tz);
    const say = translator(this.#deps.config.defaultLocale);
    const steps: PlanStep[] = [];
    for (const teamId of await this.#deps.network.workspaces()) {
      if (due) {
        const { first, last } = monthBounds(sheetMonth);
        const have = await this.#repo.usersWithSheet(teamId, sheetMonth);
        for (const animator of await this.#repo.contractsTouching(teamId, first, last)) {
          if (have.has(animator.userId)) continue;
          steps.push({
            description: say('job.timesheets.wouldCreate', { who: animator.userId, month: sheetMonth }),
            planned: { sheets: 1 },
            run: async (): Promise<Counts> =>
              (await this.#create(teamId, animator.userId, sheetMonth, animator.contracts)) ? { sheets: 1 } : {},
          });
        }
      }
      for (const sheet of await this.#repo.toRemindEmployees(teamId, cutoff)) {
        steps.push({
          description: say('job.timesheets.wouldRemind', { who: sheet.userId, month: sheet.month }),
          planned: { reminders: 1 },
          run: async (): Promise<Counts> => ((await this.#remind(sheet, 'employee')) ? { reminders: 1 } : {}),
        });
      }
      const waiting = await this.#repo.toRemindManagers(teamId, cutoff);
      const [only] = waiting;
      if (only && waiting.length === 1) {
        steps.push({
          description: say('job.timesheets.wouldRemindManagers', { who: only.userId, month: only.month }),
          planned: { reminders: 1 },
          run: async (): Promise<Counts> => ((await this.#remind(only, 'manager')) ? { reminders: 1 } : {}),
        });
      } else if (waiting.length > 1) {
        // One message to each coordinator for all of them, not one per sheet.
        steps.push({
          description: say('job.timesheets.wouldRemindManagersOfMany', { count: waiting.length }),
          planned: { reminders: waiting.length },
          run: async (): Promise<Counts> => ({ reminders: await this.#remindManagersOfMany(teamId, waiting) }),
        });
      }
    }
    return {
      steps,
      summary: (c, mode) =>
        say(mode === 'dry-run' ? 'job.timesheets.planned' : 'job.timesheets.done', { sheets: c.sheets ?? 0, reminders: c.reminders ?? 0 }),
    };
  }

  /** Makes and sends one animator's sheet; false when another run made it first. */
  async #create(teamId: string, userId: string, month: string, contracts: readonly SheetContract[]): Promise<boolean> {
    const weeks = await this.#weeksFor(teamId, userId, month, contracts);
    const last = await this.#repo.ofMonth(teamId, userId, previousMonth(month));
    const hours = prefill(weeks, proportionsFrom(last ? [...last.weeks.values()] : undefined));
    const contract = contracts.at(-1);
    if (!contract) return false;
    const ids = await this.#deps.store
      .transaction(async (r) => {
        if (await r.timesheets.ofMonth(teamId, userId, month)) return undefined;
        const sheet = await r.timesheets.create({
          teamId,
          userId,
          month,
          contractId: contract.id,
          weeks: new Map(weeks.map((w, i) => [w.start, hours[i] ?? zeroHours()])),
          at: this.#deps.clock.now(),
        });
        const data = { sheet, weeks, weeklyHours: contract.weeklyHours ?? DEFAULT_WEEKLY_HOURS };
        return [await this.#tell(r, teamId, userId, (d) => this.#deps.messages.sheet('ready', data, d))];
      })
      .catch((error: unknown) => {
        // Another replica made the same sheet at the same moment (the unique key refused this one).
        if (isDuplicate(error)) return undefined;
        throw error;
      });
    if (!ids) return false;
    await this.#deps.outbox.deliver(ids);
    return true;
  }

  async #remind(sheet: TimeSheet, who: 'employee' | 'manager'): Promise<boolean> {
    const data = await this.#data(sheet);
    // Names are looked up before the transaction (an unknown one is asked of Slack).
    const name = who === 'manager' ? await this.#name(sheet.teamId, sheet.userId) : '';
    const ids = await this.#deps.store.transaction(async (r) => {
      if (!(await r.timesheets.markReminded(sheet.id, who, this.#deps.clock.now()))) return undefined;
      if (who === 'employee')
        return [await this.#tell(r, sheet.teamId, sheet.userId, (d) => this.#deps.messages.sheet('reminder', data, d))];
      return this.#tellCoordinators(r, sheet.teamId, (d) => this.#deps.messages.countersign(data, name, d, true));
    });
    if (!ids) return false;
    await this.#deps.outbox.deliver(ids);
    return true;
  }

  /** Reminds the coordinators of several waiting sheets in one message each; how many were still waiting. */
  async #remindManagersOfMany(teamId: string, sheets: readonly TimeSheet[]): Promise<number> {
    // Names are looked up before the transaction (an unknown one is asked of Slack).
    const names = await this.#deps.members.namesOf(
      teamId,
      sheets.map((s) => s.userId),
    );
    const done = await this.#deps.store.transaction(async (r) => {
      const reminded: { sheet: TimeSheet; name: string }[] = [];
      for (const sheet of sheets) {
        if (await r.timesheets.markReminded(sheet.id, 'manager', this.#deps.clock.now())) {
          reminded.push({ sheet, name: names.get(sheet.userId) ?? sheet.userId });
        }
      }
      if (reminded.length === 0) return { count: 0, posts: [] };
      return {
        count: reminded.length,
        posts: await this.#tellCoordinators(r, teamId, (d) => this.#deps.messages.countersignReminders(reminded, d)),
      };
    });
    await this.#deps.outbox.deliver(done.posts);
    return done.count;
  }

  // ——— What people do ———

  /** A sheet's PDF, for its animator or a coordinator (anyone else is refused). */
  async pdfFor(
    teamId: string,
    userId: string,
    id: number,
  ): Promise<{ ok: true; sheet: TimeSheet; file: PdfFile } | { ok: false; refusal: SheetRefusal }> {
    const sheet = await this.#repo.find(teamId, id);
    if (!sheet) return { ok: false, refusal: 'notFound' };
    if (sheet.userId !== userId && !(await this.#deps.members.isCoordinator(teamId, userId))) return { ok: false, refusal: 'notEntitled' };
    return { ok: true, sheet, file: await this.pdf(sheet) };
  }

  /** A sheet its animator may correct: theirs, still a draft. */
  async forEditing(teamId: string, userId: string, id: number): Promise<SheetResult> {
    const sheet = await this.#repo.find(teamId, id);
    if (!sheet) return { ok: false, refusal: 'notFound' };
    if (sheet.userId !== userId) return { ok: false, refusal: 'notYours' };
    if (sheet.status !== 'draft') return { ok: false, refusal: 'signed' };
    return { ok: true, data: await this.#data(sheet) };
  }

  /**
   * One week of the form saved. `typed` is what the fields hold. Errors come back field by
   * field; a sheet changed meanwhile (another window, a signature) is refused.
   */
  async saveWeek(
    teamId: string,
    userId: string,
    form: { sheetId: number; week: string; version: number },
    typed: Readonly<Record<TaskKind, string>>,
  ): Promise<SheetResult | { ok: false; errors: WeekError[]; week: SheetWeek; data: SheetData }> {
    const found = await this.forEditing(teamId, userId, form.sheetId);
    if (!found.ok) return found;
    const week = found.data.weeks.find((w) => w.start === form.week);
    if (!week) return { ok: false, refusal: 'notFound' };
    if (found.data.sheet.version !== form.version) return { ok: false, refusal: 'stale', data: found.data };
    const read = readWeek(typed, week);
    if (!read.ok) return { ok: false, errors: read.errors, week, data: found.data };
    const saved = await this.#deps.store.transaction((r) =>
      r.timesheets.saveWeek(found.data.sheet, week.start, read.hours, userId, this.#deps.clock.now()),
    );
    if (!saved) return { ok: false, refusal: 'stale', data: found.data };
    const sheet = await this.#repo.find(teamId, form.sheetId);
    return sheet ? { ok: true, data: { ...found.data, sheet } } : { ok: false, refusal: 'notFound' };
  }

  /** The animator's "Je certifie exact et je signe", on the version they read. */
  async sign(teamId: string, userId: string, id: number, version: number): Promise<SheetResult> {
    const found = await this.forEditing(teamId, userId, id);
    if (!found.ok) return found;
    const { sheet } = found.data;
    if (sheet.version !== version) return { ok: false, refusal: 'stale', data: found.data };
    const signature = await this.#signature(sheet, 'employee', userId);
    const name = signature.name;
    const ids = await this.#deps.store.transaction(async (r) => {
      if (!(await r.timesheets.sign(sheet, 'draft', 'signed', signature))) return undefined;
      const signed = await r.timesheets.find(teamId, id);
      if (!signed) return undefined;
      const data = { ...found.data, sheet: signed };
      return this.#tellCoordinators(r, teamId, (d) => this.#deps.messages.countersign(data, name, d, false));
    });
    if (!ids) return { ok: false, refusal: 'stale', data: found.data };
    await this.#deps.outbox.deliver(ids);
    return this.#fresh(teamId, id);
  }

  /** A coordinator's "Validé par le responsable", on the version they read. */
  async countersign(teamId: string, userId: string, id: number, version: number): Promise<SheetResult> {
    if (!(await this.#deps.members.isCoordinator(teamId, userId))) return { ok: false, refusal: 'coordinatorOnly' };
    const sheet = await this.#repo.find(teamId, id);
    if (!sheet) return { ok: false, refusal: 'notFound' };
    const data = await this.#data(sheet);
    if (sheet.status === 'countersigned') return { ok: false, refusal: 'done', data };
    if (sheet.status === 'draft') return { ok: false, refusal: 'notSigned', data };
    if (sheet.version !== version) return { ok: false, refusal: 'stale', data };
    const signature = await this.#signature(sheet, 'manager', userId);
    const ids = await this.#deps.store.transaction(async (r) => {
      if (!(await r.timesheets.sign(sheet, 'signed', 'countersigned', signature))) return undefined;
      const done = await r.timesheets.find(teamId, id);
      if (!done) return undefined;
      return [
        await this.#tell(r, teamId, sheet.userId, (d) => this.#deps.messages.countersigned({ ...data, sheet: done }, signature.name, d)),
      ];
    });
    if (!ids) return { ok: false, refusal: 'stale', data };
    await this.#deps.outbox.deliver(ids);
    return this.#fresh(teamId, id);
  }

  /** Back to a draft (its animator or a coordinator): signatures voided, the animator asked again. */
  async reopen(teamId: string, userId: string, id: number, version: number): Promise<SheetResult> {
    const sheet = await this.#repo.find(teamId, id);
    if (!sheet) return { ok: false, refusal: 'notFound' };
    const coordinator = await this.#deps.members.isCoordinator(teamId, userId);
    if (sheet.userId !== userId && !coordinator) return { ok: false, refusal: 'notEntitled' };
    const data = await this.#data(sheet);
    if (sheet.status === 'draft') return { ok: false, refusal: 'draft', data };
    if (sheet.version !== version) return { ok: false, refusal: 'stale', data };
    const by = await this.#name(teamId, userId);
    const ids = await this.#deps.store.transaction(async (r) => {
      if (!(await r.timesheets.reopen(sheet, userId, this.#deps.clock.now()))) return undefined;
      const reopened = await r.timesheets.find(teamId, id);
      if (!reopened) return undefined;
      const kind: SheetMessageKind = sheet.userId === userId ? 'updated' : 'reopened';
      return [await this.#tell(r, teamId, sheet.userId, (d) => this.#deps.messages.sheet(kind, { ...data, sheet: reopened }, d, by))];
    });
    if (!ids) return { ok: false, refusal: 'stale', data };
    await this.#deps.outbox.deliver(ids);
    this.#logger.info('time sheet reopened', { sheet: id, by: userId });
    return this.#fresh(teamId, id);
  }

  /** After the last week of the form: the sheet's message, up to date, to sign. */
  async sendUpdated(data: SheetData): Promise<void> {
    await this.#deps.outbox.deliver(
      await this.#deps.store.transaction(async (r) => [
        await this.#tell(r, data.sheet.teamId, data.sheet.userId, (d) => this.#deps.messages.sheet('updated', data, d)),
      ]),
    );
  }

  async #fresh(teamId: string, id: number): Promise<SheetResult> {
    const sheet = await this.#repo.find(teamId, id);
    return sheet ? { ok: true, data: await this.#data(sheet) } : { ok: false, refusal: 'notFound' };
  }

  async #signature(sheet: TimeSheet, role: Signature['role'], userId: string): Promise<Signature> {
    return {
      role,
      userId,
      name: await this.#name(sheet.teamId, userId),
      signedAt: this.#deps.clock.now(),
      fingerprint: fingerprint(contentOf(sheet)),
    };
  }

  /** The sheet as a PDF, printed in the network's language. */
  async pdf(sheet: TimeSheet): Promise<PdfFile> {
    for await (const file of this.pdfsOf(sheet.teamId, [sheet])) return file;
    throw new Error('a sheet printed no PDF');
  }

  /**
   * Sheets of one workspace already read (a page of the funders' pack) as their PDFs, in order:
   * what they print besides themselves (funders' texts, names, contracts, spaces) is read once
   * for all of them.
   */
  async *pdfsOf(teamId: string, sheets: readonly TimeSheet[]): AsyncGenerator<PdfFile> {
    const { network, members, config, clock } = this.#deps;
    const locale = config.defaultLocale;
    const d = this.#display(locale);
    const [funding, names, contracts] = await Promise.all([
      network.fundingText(teamId),
      members.namesOf(
        teamId,
        sheets.map((s) => s.userId),
      ),
      this.#repo.contracts(
        teamId,
        sheets.map((s) => s.contractId),
      ),
    ]);
    const spaces = await network.spaceNames(
      teamId,
      [...contracts.values()].flatMap((c) => (c.spaceId === undefined ? [] : [c.spaceId])),
    );
    const frame = documentFrame(funding, d.t);
    const hours = (n: number) => formatNumber(n, locale);
    for (const sheet of sheets) {
      const animator = names.get(sheet.userId) ?? sheet.userId;
      const contract = contracts.get(sheet.contractId);
      const space = contract?.spaceId === undefined ? undefined : spaces.get(contract.spaceId);
      const signed = (role: Signature['role']) => {
        const s = sheet.signatures.find((x) => x.role === role);
        return s
          ? { name: s.name, date: formatDate(s.signedAt, locale, config.timeZone), fingerprint: shortFingerprint(s.fingerprint) }
          : undefined;
      };
      const month = formatMonth(sheet.month, locale);
      const file = await timeSheetPdf(
        {
          animator,
          space: space ?? '—',
          contract: contract
            ? d.t('timesheet.pdf.contractLine', {
                type: d.t(`contract.type.${contract.type}`),
                from: formatCalendarDate(contract.startDate, locale),
                to: contract.endDate ? formatCalendarDate(contract.endDate, locale) : '',
                hours: hours(contract.weeklyHours ?? DEFAULT_WEEKLY_HOURS),
              })
            : '—',
          month,
          weeks: monthWeeks(sheet.month).map((w) => ({
            label: formatDaySpan(w.start, w.end, locale),
            hours: sheet.weeks.get(w.start) ?? zeroHours(),
          })),
          employee: signed('employee'),
          manager: signed('manager'),
          fingerprint: shortFingerprint(fingerprint(contentOf(sheet))),
          hours,
        },
        frame,
        d.t,
        clock.now(),
      );
      yield {
        filename: `feuille-de-temps-${sheet.month}-${slugify(animator)}.pdf`,
        title: `${d.t('timesheet.pdf.title')} — ${animator} — ${month}`,
        ...file,
      };
    }
  }

  /** The App Home's lines: the member's open sheets; for coordinators, last month's table. */
  async forHome(teamId: string, userId: string, coordinator: boolean, limit: number): Promise<TimeSheetHome> {
    const month = previousMonth(this.#today().slice(0, 7));
    const [mine, network] = await Promise.all([
      this.#repo.openOf(teamId, userId, 3),
      coordinator ? this.#repo.month(teamId, month, limit) : Promise.resolve(undefined),
    ]);
    return { mine, ...(network ? { network: { month, ...network } } : {}) };
  }

  /** A sheet's status, as the repository knows it (tests and the command line). */
  async status(teamId: string, userId: string, month: string): Promise<SheetStatus | undefined> {
    return (await this.#repo.ofMonth(teamId, userId, month))?.status;
  }
}

/** What a signature seals of a sheet. */
export function contentOf(sheet: TimeSheet) {
  return {
    teamId: sheet.teamId,
    userId: sheet.userId,
    month: sheet.month,
    weeks: [...sheet.weeks].map(([start, hours]) => ({ start, hours })),
  };
}
