// The real app, over HTTP, with signed requests, the fake Slack Web API and a real database.
import type { AddressInfo } from 'node:net';
import { createApp, type RunningApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { type Config, parseConfig } from '../../src/config.ts';
import type { SpaceInput } from '../../src/features/network/service.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { describePlan, executePlan, type JobDefinition } from '../../src/jobs/types.ts';
import { type Logger, memoryLogger } from '../../src/logger.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createWebClient, webApiGateway } from '../../src/slack/gateway.ts';
import { freshDatabase, type TestDatabase } from './database.ts';
import { FakeSlack } from './fake-slack.ts';
import {
  blockAction,
  blockSuggestion,
  eventCallback,
  postSigned,
  SIGNING_SECRET,
  type SlackResponse,
  slashCommand,
  TEAM_ID,
  viewSubmission,
} from './slack-requests.ts';

export const COORDINATOR = 'U0COORD1';
export const ANIMATOR = 'U0ANIM01';

export interface TestApp {
  url: string;
  slack: FakeSlack;
  db: TestDatabase;
  services: Services;
  clock: FixedClock;
  logger: Logger & { lines: string[] };
  config: Config;
  command(command: string, userId: string, text?: string): Promise<SlackResponse>;
  action(params: Parameters<typeof blockAction>[0]): Promise<SlackResponse>;
  submit(params: Parameters<typeof viewSubmission>[0]): Promise<SlackResponse>;
  /** Someone typing `value` in an external select menu: the menu's choices come back. */
  menu(params: Parameters<typeof blockSuggestion>[0]): Promise<SlackResponse>;
  event(event: Record<string, unknown>, eventId?: string, headers?: Record<string, string>): Promise<SlackResponse>;
  scheduler(owner?: string): Scheduler;
  /** Adds a space to the network (as a coordinator would in /reseau); returns its id. */
  addSpace(space: SpaceInput): Promise<number>;
  /** Carries out a job's plan for a slot, outside the scheduler's claim; returns its summary. */
  runJob(name: string, slot: Date): Promise<string>;
  /** What a job would do at a slot (its dry run's lines). */
  planJob(name: string, slot: Date): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTestApp(options: { env?: Record<string, string>; now?: string; db?: TestDatabase } = {}): Promise<TestApp> {
  const slack = new FakeSlack();
  await slack.start();
  const db = options.db ?? (await freshDatabase());
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: db.url,
    COORDINATOR_USER_IDS: COORDINATOR,
    TIMEZONE: 'Europe/Paris',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const clock = new FixedClock(options.now ?? '2026-11-30T08:00:00Z');
  const logger = memoryLogger();
  const gateway = webApiGateway(createWebClient({ token: config.slack.botToken, apiUrl: config.slack.apiUrl }));
  const services = createServices({ config, db: db.database.prisma, clock, logger, slack: gateway });
  await services.network.ensureWorkspace(TEAM_ID, 'Réseau test');
  await services.members.bootstrap(TEAM_ID);
  const running: RunningApp = createApp(services, {
    mode: 'http',
    // As main.ts does with its start-up auth.test: Bolt asks nothing more of Slack.
    bot: { botId: 'B0BOT', botUserId: 'U0BOT' },
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    port: 0,
  });
  const server = await running.start();
  if (!server) throw new Error('HTTP mode must give a server');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const events = `${url}/slack/events`;
  let responses = 0;
  const form = 'application/x-www-form-urlencoded';

  return {
    url,
    slack,
    db,
    services,
    clock,
    logger,
    config,
    command: (command, userId, text) =>
      postSigned(events, slashCommand({ command, userId, text, responseUrl: `${slack.url}/response/${++responses}` }), form),
    action: (params) => postSigned(events, blockAction({ responseUrl: `${slack.url}/response/${++responses}`, ...params }), form),
    submit: (params) => postSigned(events, viewSubmission(params), form),
    menu: (params) => postSigned(events, blockSuggestion(params), form),
    event: (event, eventId, headers) => postSigned(events, eventCallback(event, eventId), 'application/json', { headers: headers ?? {} }),
    scheduler: (owner = 'test') =>
      new Scheduler({
        jobs: services.jobs,
        claims: services.claims,
        clock,
        logger,
        timeZone: config.timeZone,
        owner,
        notBefore: async () => new Date(0),
      }),
    addSpace: async (space) => {
      const saved = await services.network.saveSpace(TEAM_ID, space, COORDINATOR);
      if (!saved.ok) throw new Error(`space ${space.name} refused: ${JSON.stringify(saved.errors)}`);
      return saved.space.id;
    },
    runJob: async (name, slot) => executePlan(await jobNamed(services, name).plan({ slot, logger })),
    planJob: async (name, slot) => describePlan(await jobNamed(services, name).plan({ slot, logger })).lines,
    close: async () => {
      services.outbox.stop();
      await running.stop();
      await slack.stop();
      if (!options.db) await db.drop();
    },
  };
}

function jobNamed(services: Services, name: string): JobDefinition {
  const job = services.jobs.find((j) => j.name === name);
  if (!job) throw new Error(`no job named ${name}`);
  return job;
}
