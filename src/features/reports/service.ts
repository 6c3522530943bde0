// Figures and exports for a period: the network's (coordinators) or a member's own.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import type { Store } from '../../db/store.ts';
import { translator } from '../../i18n/index.ts';
import { addDays, endOfMonth, type IsoDate, isoDay, monthsEndingWith } from '../../time/calendar-date.ts';
import { zonedInstant } from '../../time/zone.ts';
import type { EventService } from '../events/service.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import type { MonthCount } from './chart.ts';
import { figuresOf, type PeriodFigures, type SpaceFigures, spaceFiguresOf } from './compute.ts';
import {
  CSV_FILES,
  type CsvContext,
  type CsvFile,
  type CsvRow,
  eventRow,
  eventsHeader,
  helpHeader,
  helpRow,
  summaryTable,
  writeCsv,
} from './csv.ts';
import type { ExportedSpace, FigureScope, TopSpace } from './repo.ts';

export interface Period {
  /** First day, included. */
  from: IsoDate;
  /** Last day, included. */
  to: IsoDate;
}

export class ReportService {
  readonly #store: Store;
  readonly #events: EventService;
  readonly #members: MemberService;
  readonly #network: NetworkService;
  readonly #clock: Clock;
  readonly #config: Config;

  constructor(deps: {
    store: Store;
    events: EventService;
    members: MemberService;
    network: NetworkService;
    clock: Clock;
    config: Config;
  }) {
    this.#store = deps.store;
    this.#events = deps.events;
    this.#members = deps.members;
    this.#network = deps.network;
    this.#clock = deps.clock;
    this.#config = deps.config;
  }

  /** Instants bounding a period of calendar days in the network's time zone. */
  bounds(period: Period): { from: Date; to: Date } {
    const tz = this.#config.timeZone;
    return { from: zonedInstant(period.from, 0, 0, tz), to: zonedInstant(addDays(period.to, 1), 0, 0, tz) };
  }

  #scope(teamId: string, period: Period, member?: string): FigureScope {
    return { teamId, ...this.bounds(period), ...(member ? { member } : {}) };
  }

  /**
   * What the network did in a period (the digest, /bilan, the App Home, the monthly report),
   * computed by the database; `userId` narrows to one member's own activity.
   */
  async figures(teamId: string, period: Period, userId?: string): Promise<PeriodFigures> {
    const scope = this.#scope(teamId, period, userId);
    const reports = this.#store.repos.reports;
    const [groups, help, median] = await Promise.all([
      reports.eventTotals(scope, this.#clock.now()),
      reports.helpCounts(scope),
      reports.medianFirstAnswerSeconds(scope),
    ]);
    return { network: figuresOf(groups, help), medianFirstAnswerHours: median === undefined ? undefined : median / 3600 };
  }

  /** Every space's figures for the period (those with nothing too), the busiest first. */
  async spaceFigures(teamId: string, period: Period): Promise<SpaceFigures[]> {
    const groups = await this.#store.repos.reports.spaceTotals(this.#scope(teamId, period), this.#clock.now());
    const spaces = await this.#network.listSpaces(teamId, { includeArchived: true });
    return spaceFiguresOf(groups, spaces);
  }

  /** The `limit` spaces that hosted the most events in the period, and how many hosted any. */
  async busiestSpaces(teamId: string, period: Period, limit: number): Promise<{ items: TopSpace[]; total: number }> {
    return this.#store.repos.reports.topSpaces(this.#scope(teamId, period), limit);
  }

  async #csvContext(teamId: string, locale: Locale): Promise<CsvContext> {
    return {
      t: translator(locale),
      locale,
      timeZone: this.#config.timeZone,
      names: await this.#members.displayNames(teamId),
      now: this.#clock.now(),
    };
  }

  /** The workspace's spaces by id, archived ones included (the list the summary reads too). */
  async #spacesById(teamId: string): Promise<Map<number, ExportedSpace>> {
    const spaces = await this.#network.listSpaces(teamId, { includeArchived: true });
    return new Map(spaces.map((s) => [s.id, { name: s.name, town: s.town }]));
  }

  /** The summary's figures: the network's (or the member's), then each space's for the network. */
  async #summary(teamId: string, period: Period, userId: string | undefined): Promise<[PeriodFigures, SpaceFigures[]]> {
    return [await this.figures(teamId, period, userId), userId ? [] : await this.spaceFigures(teamId, period)];
  }

  /**
   * The three CSV files of a period as bytes (to upload them to Slack): written to a temporary
   * folder as `writeCsvFiles` does, then read back; `userId` narrows to one member's activity.
   */
  async csvFiles(teamId: string, period: Period, locale: Locale = this.#config.defaultLocale, userId?: string): Promise<CsvFile[]> {
    const dir = await mkdtemp(join(tmpdir(), 'tiers-lieux-export-'));
    try {
      const paths = await this.writeCsvFiles(teamId, period, dir, locale, userId);
      return await Promise.all(paths.map(async (path) => ({ filename: basename(path), content: await readFile(path) })));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * The three files written to `dir`, read from the database a page at a time and written as
   * they are read: a year of a national network never sits in memory. Returns their paths.
   */
  async writeCsvFiles(
    teamId: string,
    period: Period,
    dir: string,
    locale: Locale = this.#config.defaultLocale,
    userId?: string,
  ): Promise<string[]> {
    const context = await this.#csvContext(teamId, locale);
    const scope = this.#scope(teamId, period, userId);
    const reports = this.#store.repos.reports;
    const rows = <T>(pages: AsyncIterable<T[]>, row: (item: T) => CsvRow) =>
      (async function* () {
        for await (const page of pages) for (const item of page) yield row(item);
      })();
    const paths = [join(dir, CSV_FILES.events), join(dir, CSV_FILES.help), join(dir, CSV_FILES.summary)] as const;
    // The events file (most of the work) is written while the others are: one file's rows are
    // formatted while the database reads the other's. Both end before a failure is told (and the
    // folder possibly removed).
    const written = await Promise.allSettled([
      writeCsv(
        paths[0],
        eventsHeader(context.t),
        rows(reports.exportedEvents(scope, await this.#spacesById(teamId)), (e) => eventRow(e, context)),
      ),
      (async () => {
        await writeCsv(
          paths[1],
          helpHeader(context.t),
          rows(reports.exportedRequests(scope), (r) => helpRow(r, context)),
        );
        const summary = summaryTable(...(await this.#summary(teamId, period, userId)), context);
        await writeCsv(
          paths[2],
          summary.header,
          (async function* () {
            yield* summary.rows;
          })(),
        );
      })(),
    ]);
    for (const file of written) if (file.status === 'rejected') throw file.reason;
    return [...paths];
  }

  /** Events per month and format, over the twelve months ending with `lastMonth` ("2026-11"). */
  async monthlyCounts(teamId: string, lastMonth: string, locale: Locale): Promise<{ months: string[]; counts: MonthCount[] }> {
    const months = monthsEndingWith(lastMonth, 12);
    const t = translator(locale);
    // Counted by the database, one month (in the network's time zone) at a time.
    const perMonth = await Promise.all(
      months.map(async (month) => {
        const first = isoDay(`${month}-01`);
        const { from, to } = this.bounds({ from: first, to: endOfMonth(first) });
        return { month, byFormat: await this.#events.countByFormat(teamId, from, to) };
      }),
    );
    // Shown as « févr. 26 » / "Feb 26".
    const short = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
    const label = (month: string) => short.format(new Date(`${month}-15T12:00:00Z`));
    return {
      months: months.map(label),
      counts: perMonth.flatMap(({ month, byFormat }) =>
        [...byFormat.entries()].map(([format, count]) => ({ month: label(month), format: t(`event.format.${format}`), count })),
      ),
    };
  }

  async monthlyChart(teamId: string, lastMonth: string, locale: Locale): Promise<Buffer> {
    const { months, counts } = await this.monthlyCounts(teamId, lastMonth, locale);
    // Vega, Vega-Lite and resvg are loaded when a chart is drawn (once a month), not at start-up.
    const { monthlyChartPng } = await import('./chart.ts');
    return monthlyChartPng(counts, months, translator(locale));
  }
}
