// Figures and exports for a period: the network's (coordinators) or a member's own.
import type { Clock } from '../../clock.ts';
import type { Config, Locale } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { translator } from '../../i18n/index.ts';
import { addDays, type IsoDate } from '../../time/calendar-date.ts';
import { localDate, zonedInstant } from '../../time/zone.ts';
import { type EventDetails, findEvents } from '../events/repo.ts';
import { findHelps, type HelpDetails } from '../help/repo.ts';
import type { NetworkService } from '../network/service.ts';
import { type MonthCount, monthlyChartPng } from './chart.ts';
import { computeFigures, type PeriodFigures } from './compute.ts';
import { type CsvFile, eventsCsv, helpCsv, summaryCsv } from './csv.ts';

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
  readonly #db: Db;
  readonly #network: NetworkService;
  readonly #clock: Clock;
  readonly #config: Config;

  constructor(deps: { db: Db; network: NetworkService; clock: Clock; config: Config }) {
    this.#db = deps.db;
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
    const events = await findEvents(this.#db, {
      teamId,
      startAt: { gte: from, lt: to },
      ...(userId ? { organizers: { some: { userId } } } : {}),
    });
    const help = await findHelps(
      this.#db,
      {
        teamId,
        OR: [{ createdAt: { gte: from, lt: to } }, { resolvedAt: { gte: from, lt: to } }],
        ...(userId ? { AND: [{ OR: [{ requesterId: userId }, { helpers: { some: { userId } } }] }] } : {}),
      },
      100_000,
    );
    const spaces = userId
      ? []
      : (await this.#network.listSpaces(teamId, { includeArchived: true })).map((s) => ({ id: s.id, name: s.name, town: s.town }));
    const figures = computeFigures(events, help, { from, to, now: this.#clock.now() }, spaces);
    return { events, help, figures };
  }

  async names(teamId: string): Promise<Map<string, string>> {
    const members = await this.#db.member.findMany({ where: { teamId }, select: { userId: true, displayName: true } });
    return new Map(members.filter((m) => m.displayName).map((m) => [m.userId, m.displayName]));
  }

  async csvFiles(teamId: string, period: Period, locale: Locale = this.#config.defaultLocale, userId?: string): Promise<CsvFile[]> {
    const data = await this.load(teamId, period, userId);
    const context = { t: translator(locale), locale, timeZone: this.#config.timeZone, names: await this.names(teamId) };
    const helpInPeriod = data.help.filter((r) => {
      const { from, to } = this.bounds(period);
      return r.createdAt >= from && r.createdAt < to;
    });
    return [eventsCsv(data.events, context), helpCsv(helpInPeriod, context), summaryCsv(data.figures, context)];
  }

  /** Events per month and format, over the twelve months ending with `lastMonth` ("2026-11"). */
  async monthlyCounts(teamId: string, lastMonth: string, locale: Locale): Promise<{ months: string[]; counts: MonthCount[] }> {
    const [y, m] = lastMonth.split('-').map(Number) as [number, number];
    const months: string[] = [];
    for (let i = 11; i >= 0; i--) {
      const d = new Date(Date.UTC(y, m - 1 - i, 1));
      months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    }
    const first = `${months[0]}-01`;
    const end = addDays(`${y}-${String(m).padStart(2, '0')}-01`, 40).slice(0, 7);
    const { from, to } = this.bounds({ from: first, to: addDays(`${end}-01`, -1) });
    const events = await findEvents(this.#db, { teamId, status: 'scheduled', startAt: { gte: from, lt: to } });
    const t = translator(locale);
    const counts = new Map<string, number>();
    for (const e of events) {
      const key = `${localDate(e.startAt, this.#config.timeZone).slice(0, 7)}|${t(`event.format.${e.format}`)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Shown as « févr. 26 » / "Feb 26".
    const label = (month: string) =>
      new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
        new Date(`${month}-15T12:00:00Z`),
      );
    return {
      months: months.map(label),
      counts: [...counts.entries()].map(([key, count]) => {
        const [month = '', format = ''] = key.split('|');
        return { month: label(month), format, count };
      }),
    };
  }

  async monthlyChart(teamId: string, lastMonth: string, locale: Locale): Promise<Buffer> {
    const { months, counts } = await this.monthlyCounts(teamId, lastMonth, locale);
    return monthlyChartPng(counts, months, translator(locale));
  }
}
