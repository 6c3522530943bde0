// Shared start-up steps of the app and the command-line tools: settings, database
// (created and migrated), Slack client, services.
import { hostname } from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { type Clock, systemClock } from './clock.ts';
import { type Config, ConfigError, parseConfig } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { applyMigrations, unappliedMigrations } from './db/migrations.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { createLogger, type Logger } from './logger.ts';
import { createServices, type Services } from './services.ts';
import { createWebClient, type SlackGateway, webApiGateway } from './slack/gateway.ts';

/** Reads .env (when present) and the environment; prints every bad setting and exits on error. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  loadDotenv({ quiet: true });
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      console.error('\nSee .env.example for every setting.');
      process.exit(1);
    }
    throw error;
  }
}

/** Migrates (creating the SQLite file when needed) and opens the database; exits with a clear message when unreachable. */
export async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  try {
    // The schema engine is loaded only when a migration is pending (first start, upgrade).
    const database = await openDatabase(config.databaseUrl);
    if ((await unappliedMigrations(database)).length === 0) {
      await database.ping();
      return database;
    }
    await database.close();
    const applied = await applyMigrations(config.databaseUrl);
    if (applied.length > 0) logger.info('database migrated', { migrations: applied });
    const migrated = await openDatabase(config.databaseUrl);
    await migrated.ping();
    return migrated;
  } catch (error) {
    const where = config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@');
    console.error(`Cannot open the database at ${where}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    console.error('Check DATABASE_URL (PostgreSQL: is the server running and the database created?).');
    process.exit(1);
  }
}

export interface Runtime {
  config: Config;
  logger: Logger;
  database: Database;
  services: Services;
  scheduler: Scheduler;
}

export function buildRuntime(
  config: Config,
  database: Database,
  slack: SlackGateway,
  options: {
    clock?: Clock;
    logger?: Logger;
    teams?: readonly string[];
    slackOutage?: () => { from: Date; to: Date | undefined } | undefined;
  } = {},
): Runtime {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const services = createServices({
    config,
    db: database.prisma,
    clock,
    logger,
    slack,
    ...(options.teams ? { teams: options.teams } : {}),
    ...(options.slackOutage ? { slackOutage: options.slackOutage } : {}),
  });
  const scheduler = new Scheduler({
    jobs: services.jobs,
    claims: services.claims,
    clock,
    logger,
    timeZone: config.timeZone,
    owner: `${hostname()}:${process.pid}`,
    notBefore: () => services.network.installedAt(),
  });
  services.network.onSettingsChange(() => scheduler.refresh('weekly-digest'));
  return { config, logger, database, services, scheduler };
}

export function slackGatewayFor(config: Config): SlackGateway {
  return webApiGateway(createWebClient({ token: config.slack.botToken, apiUrl: config.slack.apiUrl }));
}
