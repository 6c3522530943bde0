// The composition root: every service built once, with its dependencies given explicitly.
// Listeners receive these services; only services and repositories reach the database.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, providerOf } from './db/client.ts';
import { Store } from './db/store.ts';
import { ContractService } from './features/contracts/service.ts';
import { contractMessages } from './features/contracts/views.ts';
import { DigestService } from './features/digest/service.ts';
import { EventService } from './features/events/service.ts';
import { displayFor, eventMessages } from './features/events/views.ts';
import { BilanPackService } from './features/evidence/pack.ts';
import { EvidenceService } from './features/evidence/service.ts';
import { HelpService } from './features/help/service.ts';
import { helpMessages } from './features/help/views.ts';
import { HealthService } from './features/home/health.ts';
import { HomeService } from './features/home/service.ts';
import { MemberService } from './features/members/service.ts';
import { NetworkService } from './features/network/service.ts';
import { ParticipantService } from './features/participants/service.ts';
import { participantMessages } from './features/participants/views.ts';
import { ReportService } from './features/reports/service.ts';
import { SkillService } from './features/skills/service.ts';
import { TimeSheetService } from './features/timesheets/service.ts';
import { timesheetMessages } from './features/timesheets/views.ts';
import { JobClaims } from './jobs/claims.ts';
import { allJobs } from './jobs/registry.ts';
import type { JobDefinition } from './jobs/types.ts';
import type { Logger } from './logger.ts';
import { Repeats } from './slack/dedupe.ts';
import type { SlackGateway } from './slack/gateway.ts';
import { Outbox } from './slack/outbox.ts';

export interface Services {
  config: Config;
  clock: Clock;
  logger: Logger;
  slack: SlackGateway;
  outbox: Outbox;
  repeats: Repeats;
  members: MemberService;
  network: NetworkService;
  claims: JobClaims;
  health: HealthService;
  events: EventService;
  skills: SkillService;
  help: HelpService;
  contracts: ContractService;
  reports: ReportService;
  digest: DigestService;
  home: HomeService;
  evidence: EvidenceService;
  timesheets: TimeSheetService;
  participants: ParticipantService;
  pack: BilanPackService;
  /** Every scheduled job, collected from the features. */
  jobs: JobDefinition[];
}

export function createServices(deps: {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  slack: SlackGateway;
  /** Acts on these workspaces only (a command-line run given --team). */
  teams?: readonly string[];
  /** The start-up's time without Slack, for the health panel (main.ts). */
  slackOutage?: () => { from: Date; to: Date | undefined } | undefined;
}): Services {
  const { config, clock, logger, slack } = deps;
  const store = new Store(deps.db, providerOf(config.databaseUrl));
  const display = (locale: Config['defaultLocale']) => displayFor(locale, config.timeZone);
  const outbox = new Outbox({ store, slack, clock, logger });
  const network = new NetworkService({ store, config, logger, clock, ...(deps.teams ? { teams: deps.teams } : {}) });
  const members = new MemberService({
    store,
    slack,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
    configuredCoordinators: config.coordinatorUserIds,
  });
  const claims = new JobClaims(store.repos.jobRuns, { leaseMs: config.jobLeaseMs });
  const jobNames: string[] = [];
  const health = new HealthService({
    network,
    slack,
    claims,
    outbox,
    database: store,
    jobNames: () => jobNames,
    ...(deps.slackOutage ? { slackOutage: deps.slackOutage } : {}),
  });
  const events = new EventService({ store, outbox, network, members, messages: eventMessages, display, clock, config, logger });
  const skills = new SkillService({ store, logger, clock });
  const help = new HelpService({ store, outbox, network, members, skills, messages: helpMessages, display, clock, config, logger });
  const contracts = new ContractService({ store, outbox, members, network, slack, messages: contractMessages, clock, config, logger });
  const reports = new ReportService({ store, events, members, network, clock, config });
  const digest = new DigestService({ store, events, help, reports, contracts, network, members, outbox, slack, clock, config, logger });
  const participants = new ParticipantService({ store, messages: participantMessages, outbox, members, clock, config, logger });
  const timesheets = new TimeSheetService({ store, messages: timesheetMessages, outbox, network, members, clock, config, logger });
  const pack = new BilanPackService({ store, reports, timesheets, network, members, clock, config });
  const home = new HomeService({
    members,
    events,
    network,
    help,
    contracts,
    reports,
    timesheets,
    health,
    slack,
    clock,
    config,
    logger: logger.child('home'),
  });
  const evidence = new EvidenceService({ network, members, display, clock, config });
  const jobs = allJobs({ config, store, outbox, events, help, contracts, digest, network, timesheets });
  jobNames.push(...jobs.map((j) => j.name));
  return {
    config,
    clock,
    logger,
    slack,
    outbox,
    repeats: new Repeats(store),
    members,
    network,
    claims,
    health,
    events,
    skills,
    help,
    contracts,
    reports,
    digest,
    home,
    evidence,
    timesheets,
    participants,
    pack,
    jobs,
  };
}
