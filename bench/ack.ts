// The ack path, side by side in one process: the CPU this process spends per `/evenement`
// (acknowledged, modal built and opened) against a bare Bolt app whose `/evenement` listener
// only acknowledges. Requests are signed and sent by a separate process (bench/ack-load.ts) so
// that their cost is not counted; Slack's Web API is a local stand-in.
//   tsx bench/ack.ts --db <url> [--requests 400]
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { App, LogLevel } from '@slack/bolt';
import { createApp } from '../src/app.ts';
import { FixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { emptyDraft } from '../src/features/events/form.ts';
import { displayFor, eventModalView } from '../src/features/events/views.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';
import { createWebClient, webApiGateway } from '../src/slack/gateway.ts';
import { COORDINATOR, NOW, TEAM } from './steps.ts';

const SECRET = 'bench-signing-secret';
const BOT = { botId: 'B0BOT', botUserId: 'U0BOT' };

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function measureAck(databaseUrl: string, requests: number): Promise<{ appMs: number; bareMs: number; bareOpenMs: number }> {
  const slack = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url?.includes('views.open') ? { ok: true, view: { id: 'V0' } } : { ok: true }));
  });
  const apiUrl = `http://127.0.0.1:${await listening(slack)}/api/`;
  const database = await openDatabase(databaseUrl);
  const config = parseConfig({
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    TIMEZONE: 'Europe/Paris',
    LOG_LEVEL: 'error',
  });
  const logger = createLogger('error');
  const services = createServices({
    config,
    db: database.prisma,
    clock: new FixedClock(NOW),
    logger,
    slack: webApiGateway(createWebClient({ token: 'xoxb-bench', apiUrl })),
  });
  const ours = createApp(services, { mode: 'http', bot: BOT, botToken: 'xoxb-bench', signingSecret: SECRET, port: 0 });
  /** A Bolt app as its documentation writes one, with nothing of ours. */
  const bareApp = () =>
    new App({ token: 'xoxb-bench', signingSecret: SECRET, ...BOT, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  const bare = bareApp();
  bare.command('/evenement', async ({ ack }) => {
    await ack();
  });
  // The same bare app, whose listener also opens the same modal (built once) through the same
  // gateway: the part of the cost that is Slack's API call itself.
  const gateway = webApiGateway(createWebClient({ token: 'xoxb-bench', apiUrl }));
  const options = await services.events.formOptions(TEAM, COORDINATOR);
  const modal = eventModalView(
    options,
    displayFor('fr', 'Europe/Paris'),
    { channelId: 'C0GENERAL' },
    emptyDraft({ spaces: options.usualSpace ? [options.usualSpace] : [] }),
    '2026-12-07',
  );
  const bareOpen = bareApp();
  bareOpen.command('/evenement', async ({ ack, body }) => {
    await ack();
    await gateway.openView(body.trigger_id, modal);
  });
  const oursServer = await ours.start();
  const bareServer: unknown = await bare.start(0);
  const bareOpenServer: unknown = await bareOpen.start(0);
  const portOf = (s: unknown) => ((s as Server).address() as AddressInfo).port;
  try {
    const run = async (port: number) => {
      const url = `http://127.0.0.1:${port}/slack/events`;
      await loadFrom(url, 100); // caches, connections
      const before = process.cpuUsage();
      await loadFrom(url, requests);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / requests;
    };
    // Code the three share (Bolt, the HTTP client) gets faster as it runs: a first round warms
    // everything up, the second is measured.
    const round = async () => ({
      bareMs: await run(portOf(bareServer)),
      appMs: await run(portOf(oursServer)),
      bareOpenMs: await run(portOf(bareOpenServer)),
    });
    await round();
    return await round();
  } finally {
    await ours.stop();
    await bare.stop();
    await bareOpen.stop();
    slack.close();
    await database.close();
  }
}

/** Runs bench/ack-load.ts against `url` and waits for it, serving requests meanwhile. */
async function loadFrom(url: string, requests: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ack-load.ts', url, SECRET, String(requests)], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`ack-load exited with ${code}`);
}

if (process.argv[1]?.endsWith('ack.ts')) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, requests: { type: 'string', default: '400' } } });
  if (!values.db) throw new Error('--db is required');
  const r = await measureAck(values.db, Number(values.requests));
  console.log(JSON.stringify({ ...r, ratio: r.appMs / r.bareMs }));
}
