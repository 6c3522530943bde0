// npm start: settings → database → Slack app → scheduler; graceful shutdown on SIGTERM/SIGINT.

import { type BotIdentity, createApp, type Transport } from './app.ts';
import { buildRuntime, loadConfigOrExit, openMigratedDatabase } from './bootstrap.ts';
import { ConfigError, HOW_TO_CREATE_THE_APP, requireSlackCredentials } from './config.ts';
import { createLogger } from './logger.ts';
import { createWebClient, webApiGateway } from './slack/gateway.ts';

const config = loadConfigOrExit();
let credentials: ReturnType<typeof requireSlackCredentials>;
try {
  credentials = requireSlackCredentials(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Tiers-Lieux cannot start: Slack settings are missing.\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  console.error(HOW_TO_CREATE_THE_APP);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
// Nothing unexpected ends the app silently or for a passing failure: a promise rejected with no
// one to handle it is logged with what is known and the app goes on; an uncaught exception is
// logged before Node stops the process (its state can no longer be trusted).
process.on('unhandledRejection', (reason) => {
  logger.error('unexpected failure (the app goes on)', { error: reason instanceof Error ? reason : String(reason) });
});
process.on('uncaughtExceptionMonitor', (error, origin) => {
  logger.error('unexpected exception: the app stops', { error, origin });
});
const database = await openMigratedDatabase(config, logger);
const client = createWebClient({ token: credentials.botToken, apiUrl: config.slack.apiUrl });
let teamId: string;
let teamName: string;
let bot: BotIdentity | undefined;
try {
  const auth = await client.auth.test();
  teamId = auth.team_id ?? '';
  teamName = auth.team ?? '';
  bot = auth.bot_id && auth.user_id ? { botId: auth.bot_id, botUserId: auth.user_id } : undefined;
  logger.info('connected to Slack', { team: teamName, bot: auth.user ?? '' });
} catch (error) {
  console.error(`Slack refused the bot token (${error instanceof Error ? error.message : String(error)}). Check SLACK_BOT_TOKEN.`);
  await database.close();
  process.exit(1);
}

const runtime = buildRuntime(config, database, webApiGateway(client), { logger });
await runtime.services.network.ensureWorkspace(teamId, teamName);
await runtime.services.members.bootstrap(teamId);
// The calendar feeds' secret exists from the first start (CALENDAR_TOKEN, or generated and stored).
await runtime.services.network.calendarToken(teamId);

const transport: Transport =
  credentials.mode === 'socket'
    ? { mode: 'socket', bot, botToken: credentials.botToken, appToken: credentials.appToken ?? '', port: config.port }
    : { mode: 'http', bot, botToken: credentials.botToken, signingSecret: credentials.signingSecret ?? '', port: config.port };
const app = createApp(runtime.services, transport);
await app.start();
await runtime.scheduler.start();
logger.info(
  transport.mode === 'socket'
    ? `Tiers-Lieux is running in Socket Mode (health on http://localhost:${config.port}/healthz)`
    : `Tiers-Lieux is listening on http://localhost:${config.port}/slack/events (health: /healthz)`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal} received: stopping`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await runtime.scheduler.stop();
  runtime.services.outbox.stop();
  await app.stop().catch((error: unknown) => logger.warn('stopping the Slack app failed', { error }));
  await database.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
