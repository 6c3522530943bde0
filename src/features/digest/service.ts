// The weekly digest and the monthly report, for the coordinators.
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Store } from '../../db/store.ts';
import { translator } from '../../i18n/index.ts';
import type { Counts, JobPlan, PlanStep } from '../../jobs/types.ts';
import type { Logger } from '../../logger.ts';
import type { SlackGateway } from '../../slack/gateway.ts';
import type { Outbox } from '../../slack/outbox.ts';
import { addDays, dayOfWeek, type IsoDate, isoDate, startOfMonth, yearAndMonth } from '../../time/calendar-date.ts';
import { firstWorkingDayOfMonth } from '../../time/working-days.ts';
import { localDate, zonedInstant } from '../../time/zone.ts';
import type { ContractService } from '../contracts/service.ts';
import type { EventService } from '../events/service.ts';
import type { HelpService } from '../help/service.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import { CSV_FILES } from '../reports/csv.ts';
import type { ReportService } from '../reports/service.ts';
import { calendarNotes } from './calendar.ts';
import { type DigestData, digestMessage, digestText, monthlyReportText, NEXT_SHOWN, SPACES_SHOWN, TOP } from './views.ts';

const DAY_MS = 24 * 3600_000;

export interface DigestDeps {
  store: Store;
  events: EventService;
  help: HelpService;
  reports: ReportService;
  contracts: ContractService;
  network: NetworkService;
  members: MemberService;
  outbox: Outbox;
  slack: SlackGateway;
  clock: Clock;
  config: Config;
  logger: Logger;
}

export class DigestService {
  readonly #deps: DigestDeps;

  constructor(deps: DigestDeps) {
    this.#deps = deps;
  }

  /** The coordinators' destination: the coordination channel, or each coordinator's DMs. */
  async #destinations(teamId: string): Promise<{ channels: string[]; private: boolean }> {
    const channel = (await this.#deps.network.settings(teamId)).coordinationChannelId;
    if (channel) return { channels: [channel], private: await this.#deps.slack.isPrivateChannel(channel) };
    return { channels: await this.#deps.members.coordinators(teamId), private: true };
  }

  /** The digest's figures for the week before `slot` (Monday to Sunday, in the network's time zone). */
  async build(teamId: string, slot: Date, includeContracts: boolean): Promise<DigestData> {
    const { events, help, reports, contracts, network, config } = this.#deps;
    const today = localDate(slot, config.timeZone);
    const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
    const weekFrom = addDays(monday, -7);
    const weekTo = addDays(monday, -1);
    const week = { from: weekFrom, to: weekTo };
    const todayStart = zonedInstant(today, 0, 0, config.timeZone);
    const year = Number(today.slice(0, 4));
    // Independent reads: on PostgreSQL they run side by side on the pool.
    const [last, spaces, next, missing, stale, settings, ytd, upcoming] = await Promise.all([
      reports.figures(teamId, week),
      reports.busiestSpaces(teamId, week, SPACES_SHOWN),
      // Calendar days, not 24-hour blocks: the window ends at local midnight, clock change or not.
      events.comingUp(teamId, slot, zonedInstant(addDays(today, 15), 0, 0, config.timeZone), NEXT_SHOWN),
      events.missingAttendance(teamId, zonedInstant(addDays(today, -60), 0, 0, config.timeZone), todayStart, TOP),
      help.countStale(teamId, new Date(slot.getTime() - 7 * DAY_MS)),
      network.settings(teamId),
      events.countScheduledStarting(
        teamId,
        zonedInstant(isoDate(year, 1, 1), 0, 0, config.timeZone),
        zonedInstant(monday, 0, 0, config.timeZone),
      ),
      includeContracts ? contracts.upcomingInNetwork(teamId, 30, TOP) : Promise.resolve(undefined),
    ]);
    return {
      weekFrom,
      weekTo,
      lastWeek: last.network,
      spaces,
      next,
      missing,
      help: {
        opened: last.network.helpOpened,
        resolved: last.network.helpResolved,
        stale,
        medianHours: last.medianFirstAnswerHours,
      },
      contracts: upcoming,
      calendar: calendarNotes(today, addDays(today, 14), config.timeZone),
      ytd: { year, done: ytd, target: settings.yearlyEventTarget },
    };
  }

  /** The `weekly-digest` plan: one digest per workspace and week, whatever the reruns. */
  async weeklyPlan(slot: Date): Promise<JobPlan> {
    const { store, network, outbox, config } = this.#deps;
    const say = translator(config.defaultLocale);
    const steps: PlanStep[] = [];
    for (const teamId of await network.workspaces()) {
      const destinations = await this.#destinations(teamId);
      const data = await this.build(teamId, slot, destinations.private);
      const message = digestMessage(data, say, config.defaultLocale, config.timeZone);
      steps.push({
        description: `${say('job.digest.would', { channels: destinations.channels.join(', ') || say('job.nobody') })}\n${digestText(message)}`,
        planned: { posted: 1 },
        run: async (): Promise<Counts> => {
          // The week's key is claimed with the posts: a rerun or another replica posts nothing.
          const ids = await store.transaction(async (r) => {
            if (!(await r.notifications.claim(`digest:${teamId}:${data.weekFrom}`, teamId))) return undefined;
            const out: number[] = [];
            for (const channel of destinations.channels) {
              out.push(await outbox.enqueue(r, { teamId, kind: 'post', channel, content: message, ref: `digest:${data.weekFrom}` }));
            }
            return out;
          });
          if (!ids) return {};
          await outbox.deliver(ids);
          return { posted: 1 };
        },
      });
    }
    return { steps, summary: (c, mode) => say(mode === 'dry-run' ? 'job.digest.planned' : 'job.digest.done', { count: c.posted ?? 0 }) };
  }

  /**
   * The `monthly-report` plan, daily at 09:00: on the first working day of a month (or the next
   * run after it), the previous month's figures, its CSV files and a twelve-month chart.
   */
  async monthlyPlan(slot: Date): Promise<JobPlan> {
    const { store, network, reports, slack, config, logger } = this.#deps;
    const say = translator(config.defaultLocale);
    const summary: JobPlan['summary'] = (c, mode) =>
      say(mode === 'dry-run' ? 'job.monthly.planned' : 'job.monthly.done', { count: c.sent ?? 0 });
    const today = localDate(slot, config.timeZone);
    const first = firstWorkingDayOfMonth(...yearAndMonth(today));
    if (today < first || today > addDays(first, 6)) return { steps: [], summary: () => say('job.monthly.notYet') };
    const previous: IsoDate = addDays(startOfMonth(today), -1);
    const month = previous.slice(0, 7);
    const period = { from: startOfMonth(previous), to: previous };
    const locale = config.defaultLocale;
    const t = translator(locale);
    const steps: PlanStep[] = [];
    for (const teamId of await network.workspaces()) {
      // Each recipient's upload is recorded once it is done: a run that fails (or whose process
      // dies) leaves the others to the next run — its takeover, or the next day's — and nothing
      // is lost. Slack's files cannot be looked up afterwards: a process killed between an upload
      // and its record sends that one again (the window the README states).
      const { channels: recipients } = await this.#destinations(teamId);
      const keyOf = (channel: string) => `monthly:${teamId}:${month}:${channel}`;
      const left: string[] = [];
      for (const channel of recipients) if (!(await store.repos.notifications.claimed(keyOf(channel)))) left.push(channel);
      // Everyone has it already (or there is nobody to send it to: no channel, no coordinator).
      if (left.length === 0) continue;
      const figures = await reports.figures(teamId, period);
      const text = monthlyReportText(figures.network, period, t, locale);
      const files = [...Object.values(CSV_FILES), `evenements-${month}.png`].join(', ');
      steps.push({
        description: `${say('job.monthly.would', { channels: left.join(', '), files })}\n${text}`,
        planned: { sent: 1 },
        run: async (): Promise<Counts> => {
          const csv = await reports.csvFiles(teamId, period, locale);
          const chart = await reports.monthlyChart(teamId, month, locale);
          const uploads = [
            ...csv.map((f) => ({ filename: f.filename, content: f.content, title: f.filename })),
            { filename: `evenements-${month}.png`, content: chart, title: t('report.chartTitle') },
          ];
          try {
            for (const channel of left) {
              if (await store.repos.notifications.claimed(keyOf(channel))) continue;
              const target = channel.startsWith('U') ? await slack.openDirectMessage(channel) : channel;
              await slack.uploadFiles(target, uploads, text);
              await store.repos.notifications.claim(keyOf(channel), teamId);
            }
            return { sent: 1 };
          } catch (error) {
            logger.error('monthly report upload failed; the recipients left get it at the next run', { error });
            throw error;
          }
        },
      });
    }
    return { steps, summary };
  }
}
