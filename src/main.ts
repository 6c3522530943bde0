// npm start: settings → database → Slack app → scheduler; graceful shutdown on SIGTERM/SIGINT.

import { createApp, type Transport } from './app.ts';
import { buildRuntime, loadConfigOrExit, openMigratedDatabase } from './bootstrap.ts';
import { ConfigError, HOW_TO_CREATE_THE_APP, requireSlackCredentials } from './config.ts';
import { createLogger } from './logger.ts';
import { checkSlack, refusesToken, SlackConnection, type SlackWorkspace } from './slack/connection.ts';
import { classifySlackError, createWebClient, webApiGateway } from './slack/gateway.ts';

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
const refusedToken = (code: string) =>
  `Slack refused the bot token (${code}). Check SLACK_BOT_TOKEN: the "Bot User OAuth Token" (xoxb-…) shown in your app's OAuth & Permissions page once the app is installed in the workspace.`;
const connection = new SlackConnection();
const check = await checkSlack(client);
if (check.status === 'refused') {
  console.error(refusedToken(check.code));
  await database.close();
  process.exit(1);
}
if (check.status === 'unreachable' && credentials.mode === 'socket') {
  console.error(
    `Slack cannot be reached (${check.code}): Socket Mode needs Slack to start. Check this machine's network (a proxy, a firewall) and SLACK_API_URL if you set it, then start again.`,
  );
  await database.close();
  process.exit(1);
}

const runtime = buildRuntime(config, database, webApiGateway(client), { logger, slackOutage: () => connection.outage() });
/** What needs the workspace's identity: recorded once Slack has said it. */
async function finishStartUp(workspace: SlackWorkspace): Promise<void> {
  await runtime.services.network.ensureWorkspace(workspace.teamId, workspace.teamName);
  await runtime.services.members.bootstrap(workspace.teamId);
  // The calendar feeds' secret exists from the first start (CALENDAR_TOKEN, or generated and stored).
  await runtime.services.network.calendarToken(workspace.teamId);
}
if (check.status === 'ok') {
  connection.connected(check.workspace);
  logger.info('connected to Slack', { team: check.workspace.teamName, bot: check.workspace.user });
  await finishStartUp(check.workspace);
} else {
  // HTTP mode: start anyway; /healthz says Slack is unreachable until it answers.
  logger.warn('Slack cannot be reached: starting anyway, and trying again in the background', { error: check.code });
  connection.retryInBackground(client, logger, {
    onConnected: finishStartUp,
    onRefused: (code) => {
      logger.error(refusedToken(code));
      void shutdown('a refused bot token');
    },
  });
}

const bot = connection.workspace?.bot;
const transport: Transport =
  credentials.mode === 'socket'
    ? { mode: 'socket', bot, botToken: credentials.botToken, appToken: credentials.appToken ?? '', port: config.port }
    : { mode: 'http', bot, connection, botToken: credentials.botToken, signingSecret: credentials.signingSecret ?? '', port: config.port };
const app = createApp(runtime.services, transport);
try {
  await app.start();
} catch (error) {
  console.error(startFailure(error, credentials.mode, config.port));
  connection.stop();
  await database.close();
  process.exit(1);
}
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
  connection.stop();
  await runtime.scheduler.stop();
  runtime.services.outbox.stop();
  await app.stop().catch((error: unknown) => logger.warn('stopping the Slack app failed', { error }));
  await database.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

/** Why the app could not start listening, in words naming the setting to change. */
function startFailure(error: unknown, mode: 'socket' | 'http', port: number): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'EADDRINUSE')
    return `Port ${port} is already in use: another program (or another Tiers-Lieux) listens there. Set PORT to a free port, or stop the other program.`;
  if (code === 'EACCES') return `Port ${port} needs more rights than this user has. Set PORT to a port above 1024.`;
  if (mode === 'socket') {
    const slack = classifySlackError(error).code;
    if (refusesToken(slack))
      return `Slack refused the app-level token (${slack}). Check SLACK_APP_TOKEN: an xapp-… token with the connections:write scope, from your app's Basic Information page (App-Level Tokens).`;
    return `Socket Mode could not connect to Slack (${slack}). Check SLACK_APP_TOKEN and this machine's network, then start again.`;
  }
  return `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
}
