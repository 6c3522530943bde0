// The App Home as a service: built from every feature's data and published; features refresh
// the Homes of the members a change concerns, after the change and without ever failing it.
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { translator } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import type { SlackGateway } from '../../slack/gateway.ts';
import { startOfMonth } from '../../time/calendar-date.ts';
import type { ContractService } from '../contracts/service.ts';
import type { EventService } from '../events/service.ts';
import type { HelpService } from '../help/service.ts';
import type { MemberService } from '../members/service.ts';
import type { NetworkService } from '../network/service.ts';
import type { ReportService } from '../reports/service.ts';
import type { TimeSheetService } from '../timesheets/service.ts';
import { HOME_SHEETS_SHOWN } from '../timesheets/views.ts';
import type { HealthService } from './health.ts';
import { HOME_LIST_SHOWN, homeView } from './views.ts';

/** How many of the network's next deadlines a coordinator's Home lists (then « … and N more → /contrat »). */
export const HOME_DEADLINES = HOME_LIST_SHOWN;
/** Past events still without their attendance are chased over this many days. */
const ATTENDANCE_CHASE_DAYS = 60;
export interface HomeDeps {
  members: MemberService;
  events: EventService;
  network: NetworkService;
  help: HelpService;
  contracts: ContractService;
  reports: ReportService;
  timesheets: TimeSheetService;
  health: HealthService;
  slack: SlackGateway;
  clock: Clock;
  config: Config;
  logger: Logger;
}

export class HomeService {
  readonly #deps: HomeDeps;

  constructor(deps: HomeDeps) {
    this.#deps = deps;
  }

  /** Builds and publishes a member's App Home. */
  async publish(teamId: string, userId: string): Promise<void> {
    const { members, events, network, help, contracts, reports, timesheets, health, slack, clock, config } = this.#deps;
    const member = await members.resolve(teamId, userId);
    const isCoordinator = await members.isCoordinator(teamId, userId);
    const now = clock.now();
    const today = contracts.today();
    const month = { from: startOfMonth(today), to: today };
    const [mine, feedUrl, helpLists, myMilestones, networkMilestones, monthData, unanswered, sheets, todo] = await Promise.all([
      events.forOrganizer(teamId, userId, now),
      network.calendarUrls(teamId),
      help.forHome(teamId, userId),
      contracts.upcoming(teamId, 365, userId),
      isCoordinator ? contracts.upcomingInNetwork(teamId, 90, HOME_DEADLINES) : Promise.resolve(undefined),
      reports.figures(teamId, month),
      isCoordinator ? help.unanswered(teamId) : Promise.resolve(undefined),
      timesheets.forHome(teamId, userId, isCoordinator, HOME_SHEETS_SHOWN),
      isCoordinator ? this.#todo(teamId, now) : Promise.resolve(undefined),
    ]);
    const view = homeView(
      {
        displayName: member.firstName,
        role: isCoordinator ? 'coordinateur' : 'animateur',
        locale: member.locale,
        timeZone: config.timeZone,
        events: { ...mine, feedUrl },
        help: helpLists,
        contracts: { mine: myMilestones, network: networkMilestones },
        month: { from: month.from, figures: monthData.network },
        unanswered,
        health: isCoordinator ? await health.report(teamId) : undefined,
        timesheets: sheets,
        ...(todo ? { todo } : {}),
      },
      translator(member.locale),
    );
    await slack.publishHome(userId, view);
  }

  /** A coordinator's to-dos: reminders sent and not marked done, recent events without their attendance. */
  async #todo(teamId: string, now: Date) {
    const { contracts, events } = this.#deps;
    const since = new Date(now.getTime() - ATTENDANCE_CHASE_DAYS * 24 * 3600_000);
    const [reminders, attendance] = await Promise.all([
      contracts.unacknowledged(teamId, HOME_LIST_SHOWN),
      events.missingAttendance(teamId, since, now, HOME_LIST_SHOWN),
    ]);
    return { reminders, attendance };
  }

  /** Republishes the Homes of the members concerned by a change, in the background. */
  refresh(teamId: string, userIds: Iterable<string>): void {
    for (const userId of new Set(userIds)) {
      this.publish(teamId, userId).catch((error: unknown) => this.#deps.logger.debug('App Home refresh failed', { error }));
    }
  }
}
