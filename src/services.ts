// The composition root: every service built once, with its dependencies given explicitly.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { ContractService } from './features/contracts/service.ts';
import { DigestService } from './features/digest/service.ts';
import { EventService } from './features/events/service.ts';
import { HelpService } from './features/help/service.ts';
import { HealthService } from './features/home/health.ts';
import { HomeService } from './features/home/service.ts';
import { MemberService } from './features/members/service.ts';
import { NetworkService } from './features/network/service.ts';
import { ReportService } from './features/reports/service.ts';
import { SkillService } from './features/skills/service.ts';
import { JobClaims } from './jobs/claims.ts';
import { allJobs } from './jobs/registry.ts';
import type { JobDefinition } from './jobs/types.ts';
import type { Logger } from './logger.ts';
import type { SlackGateway } from './slack/gateway.ts';
import { Outbox } from './slack/outbox.ts';

export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  slack: SlackGateway;
  outbox: Outbox;
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
  jobs: JobDefinition[];
}

export function createServices(deps: { config: Config; db: Db; clock: Clock; logger: Logger; slack: SlackGateway }): Services {
  const { config, db, clock, logger, slack } = deps;
  const outbox = new Outbox({ db, slack, clock, logger });
  const network = new NetworkService({ db, config, logger, clock });
  const members = new MemberService({
    db,
    slack,
    clock,
    logger,
    defaultLocale: config.defaultLocale,
    configuredCoordinators: config.coordinatorUserIds,
  });
  const claims = new JobClaims(db);
  const jobNames: string[] = [];
  const health = new HealthService({ network, slack, claims, outbox, jobNames: () => jobNames });
  const events = new EventService({ db, outbox, network, members, clock, config, logger });
  const skills = new SkillService({ db, logger });
  const help = new HelpService({ db, outbox, network, members, skills, clock, config, logger });
  const contracts = new ContractService({
    db,
    outbox,
    members,
    slack,
    clock,
    config,
    logger,
    coordinationChannel: async (teamId) => (await network.settings(teamId)).coordinationChannelId,
  });
  const reports = new ReportService({ db, network, clock, config });
  const digest = new DigestService({ db, reports, contracts, network, members, outbox, slack, clock, config, logger });
  const home = new HomeService({
    members,
    events,
    network,
    help,
    contracts,
    reports,
    health,
    slack,
    clock,
    config,
    logger: logger.child('home'),
  });
  const services: Services = {
    home,
    config,
    db,
    clock,
    logger,
    slack,
    outbox,
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
    jobs: [],
  };
  const jobs = allJobs(services);
  services.jobs = jobs;
  jobNames.push(...jobs.map((j) => j.name));
  return services;
}
