// The one door to the database for services: every feature's repository, bound either to the
// database or to one transaction. A service that must change several things at once (a row
// and the messages that announce it) asks for a transaction and receives the repositories
// bound to it; no Prisma type or query object leaves the repositories.
import { ContractRepository } from '../features/contracts/repo.ts';
import { EventRepository } from '../features/events/repo.ts';
import { HelpRepository } from '../features/help/repo.ts';
import { MemberRepository } from '../features/members/repo.ts';
import { NetworkRepository } from '../features/network/repo.ts';
import { ParticipantRepository } from '../features/participants/repo.ts';
import { ReportRepository } from '../features/reports/repo.ts';
import { SkillRepository } from '../features/skills/repo.ts';
import { TimeSheetRepository } from '../features/timesheets/repo.ts';
import { type Client, type Db, isUniqueViolation, type Provider } from './client.ts';
import { JobRunRepository } from './job-runs.ts';
import { NotificationRepository, ProcessedEventRepository, ProcessedSubmissionRepository } from './once.ts';
import { OutboxRepository } from './outbox.ts';

/** True when a write failed because the same thing was already recorded (a unique key). */
export const isDuplicate = isUniqueViolation;

export interface Repositories {
  events: EventRepository;
  help: HelpRepository;
  contracts: ContractRepository;
  members: MemberRepository;
  network: NetworkRepository;
  reports: ReportRepository;
  skills: SkillRepository;
  participants: ParticipantRepository;
  timesheets: TimeSheetRepository;
  outbox: OutboxRepository;
  jobRuns: JobRunRepository;
  processedEvents: ProcessedEventRepository;
  processedSubmissions: ProcessedSubmissionRepository;
  notifications: NotificationRepository;
}

function repositories(client: Client, provider: Provider): Repositories {
  return {
    events: new EventRepository(client),
    help: new HelpRepository(client),
    contracts: new ContractRepository(client),
    members: new MemberRepository(client),
    network: new NetworkRepository(client),
    reports: new ReportRepository(client, provider),
    skills: new SkillRepository(client),
    participants: new ParticipantRepository(client),
    timesheets: new TimeSheetRepository(client),
    outbox: new OutboxRepository(client),
    jobRuns: new JobRunRepository(client),
    processedEvents: new ProcessedEventRepository(client),
    processedSubmissions: new ProcessedSubmissionRepository(client),
    notifications: new NotificationRepository(client),
  };
}

export class Store {
  readonly #db: Db;
  readonly #provider: Provider;
  /** The repositories outside any transaction. */
  readonly repos: Repositories;

  constructor(db: Db, provider: Provider) {
    this.#db = db;
    this.#provider = provider;
    this.repos = repositories(db, provider);
  }

  /** Runs `work` in one transaction: everything it changes is kept, or nothing. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.#db.$transaction((tx) => work(repositories(tx, this.#provider)));
  }

  /** Whether the database answers (the health check). */
  async ping(): Promise<void> {
    await this.#db.$queryRaw`SELECT 1`;
  }
}
