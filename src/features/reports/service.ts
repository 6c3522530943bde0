// Figures and exports for a period: the network's (coordinators) or a member's own.
import { join } from 'node:path';
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import { translator } from '../../i18n/index.ts';
import { addDays, endOfMonth, type IsoDate, isoDay, monthsEndingWith } from '../../time/calendar-date.ts';
import { zonedInstant } from '../../time/zone.ts';
import type { EventDetails } from '../events/repo.ts';
import type { EventService } from '../events/service.ts';
import type { HelpDetails } from '../help/repo.ts';
import type { HelpService } from '../help/service.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import type { MonthCount } from './chart.ts';
import { computeFigures, FiguresBuilder, type PeriodFigures } from './compute.ts';
import {
  CSV_FILES,
  type CsvContext,
  type CsvFile,
  eventRow,
  eventsCsv,
  eventsHeader,
  helpCsv,
  helpHeader,
  helpRow,
  summaryCsv,
  summaryTable,
  writeCsv,
} from './csv.ts';

export interface Period {
  /** First day, included. */
  from: IsoDate;
  /** Last day, included. */
  to: IsoDate;
}

export interface PeriodData {
  events: EventDetails[];
  help: HelpDetails[];
  figures: PeriodFigures;
}

export class ReportService {
  readonly #events: EventService;
  readonly #help: HelpService;
  readonly #members: MemberService;
  readonly #network: NetworkService;
  readonly #clock: Clock;
  readonly #config: Config;

  constructor(deps: {
    events: EventService;
    help: HelpService;
    members: MemberService;
    network: NetworkService;
    clock: Clock;
    config: Config;
  }) {
    this.#events = deps.events;
    this.#help = deps.help;
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

  /** The events that started in the period and the help requests opened or resolved in it; `userId` narrows to one member's own activity. */
  async load(teamId: string, period: Period, userId?: string): Promise<PeriodData> {
    const { from, to } = this.bounds(period);
    const events = await this.#events.started(teamId, from, to, userId);
    const help = await this.#help.openedOrResolved(teamId, from, to, userId);
    const spaces = await this.#spacesOf(teamId, userId);
    const figures = computeFigures(events, help, { from, to, now: this.#clock.now() }, spaces);
    return { events, help, figures };
  }

  /**
   * The figures of a period, read a page at a time and never kept whole (the digest, /bilan,
   * the App Home, the monthly report): the same as `load(…).figures`.
   */
  async figures(teamId: string, period: Period, userId?: string): Promise<PeriodFigures> {
    const { from, to } = this.bounds(period);
    const figures = new FiguresBuilder({ from, to, now: this.#clock.now() }, await this.#spacesOf(teamId, userId));
    for await (const page of this.#events.startedPages(teamId, from, to, userId)) for (const e of page) figures.addEvent(e);
    for await (const page of this.#help.openedOrResolvedPages(teamId, from, to, userId)) for (const r of page) figures.addHelp(r);
    return figures.result();
  }

  async #csvContext(teamId: string, locale: Locale): Promise<CsvContext> {
    return { t: translator(locale), locale, timeZone: this.#config.timeZone, names: await this.#members.displayNames(teamId) };
  }

  async #spacesOf(teamId: string, userId: string | undefined): Promise<{ id: number; name: string; town: string }[]> {
    if (userId) return [];
    return (await this.#network.listSpaces(teamId, { includeArchived: true })).map((s) => ({ id: s.id, name: s.name, town: s.town }));
  }

  /** The three CSV files of a period, in memory (to upload them to Slack). */
  async csvFiles(teamId: string, period: Period, locale: Locale = this.#config.defaultLocale, userId?: string): Promise<CsvFile[]> {
    const data = await this.load(teamId, period, userId);
    const context = await this.#csvContext(teamId, locale);
    const { from, to } = this.bounds(period);
    const helpInPeriod = data.help.filter((r) => r.createdAt >= from && r.createdAt < to);
    return [eventsCsv(data.events, context), helpCsv(helpInPeriod, context), summaryCsv(data.figures, context)];
  }

  /**
   * The same three files written to `dir`, read from the database a page at a time and written
   * as they are read: a year of a national network never sits in memory. Returns their paths.
   */
  async writeCsvFiles(teamId: string, period: Period, dir: string, locale: Locale = this.#config.defaultLocale): Promise<string[]> {
    const context = await this.#csvContext(teamId, locale);
    const { from, to } = this.bounds(period);
    const figures = new FiguresBuilder({ from, to, now: this.#clock.now() }, await this.#spacesOf(teamId, undefined));
    const events = this.#events.startedPages(teamId, from, to);
    const help = this.#help.openedOrResolvedPages(teamId, from, to);
    const paths = [join(dir, CSV_FILES.events), join(dir, CSV_FILES.help), join(dir, CSV_FILES.summary)] as const;
    await writeCsv(
      paths[0],
      eventsHeader(context.t),
      (async function* () {
        for await (const page of events) {
          for (const e of page) {
            figures.addEvent(e);
            yield eventRow(e, context);
          }
        }
      })(),
    );
    await writeCsv(
      paths[1],
      helpHeader(context.t),
      (async function* () {
        for await (const page of help) {
          for (const r of page) {
            figures.addHelp(r);
            if (r.createdAt >= from && r.createdAt < to) yield helpRow(r, context);
          }
        }
      })(),
    );
    const summary = summaryTable(figures.result(), context);
    await writeCsv(
      paths[2],
      summary.header,
      (async function* () {
        yield* summary.rows;
      })(),
    );
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
    const label = (month: string) =>
      new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
        new Date(`${month}-15T12:00:00Z`),
      );
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
