// The ack path, side by side in one process: the CPU this process spends per `/evenement`
// (acknowledged, modal built and opened) against a bare Bolt app whose `/evenement` listener
// only acknowledges, and one that only opens the same modal. Requests are signed and sent by a
// separate process (bench/ack-load.ts) and Slack's Web API is a local stand-in in another
// (bench/slack-standin.ts), so that neither's cost is counted.
//   tsx bench/ack.ts --db <url> [--requests 3000]
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout } from 'node:timers/promises';
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
/** Rounds each of the three apps gets, taking turns. */
const ROUNDS = 9;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function measureAck(databaseUrl: string, requests: number): Promise<{ appMs: number; bareMs: number; bareOpenMs: number }> {
  const slack = spawn(process.execPath, ['--import', 'tsx', 'bench/slack-standin.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    slack.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    slack.once('exit', (code) => reject(new Error(`the Slack stand-in exited with ${code}`)));
  });
  const apiUrl = `http://127.0.0.1:${port}/api/`;
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
    const run = async (port: number, count: number) => {
      const url = `http://127.0.0.1:${port}/slack/events`;
      const before = process.cpuUsage();
      await loadFrom(url, count);
      // The last commands' calls to Slack, made after their acknowledgement, end before counting.
      await setTimeout(100);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / count;
    };
    // Code the three share (Bolt, the HTTP client) gets faster as it runs: a first round warms
    // everything up. Then rounds of `requests / ROUNDS` commands take turns, each in a different
    // order, so that a busy moment of the machine does not fall on one of the three only; each
    // is the median of its rounds.
    const apps = { bareMs: portOf(bareServer), appMs: portOf(oursServer), bareOpenMs: portOf(bareOpenServer) };
    const names = Object.keys(apps) as (keyof typeof apps)[];
    for (const name of names) await run(apps[name], 300);
    const measured: Record<keyof typeof apps, number[]> = { bareMs: [], appMs: [], bareOpenMs: [] };
    const perRound = Math.max(50, Math.round(requests / ROUNDS));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(round + i) % names.length] as keyof typeof apps;
        measured[name].push(await run(apps[name], perRound));
      }
    }
    return { bareMs: median(measured.bareMs), appMs: median(measured.appMs), bareOpenMs: median(measured.bareOpenMs) };
  } finally {
    await ours.stop();
    await bare.stop();
    await bareOpen.stop();
    slack.kill('SIGTERM');
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
  const { values } = parseArgs({ options: { db: { type: 'string' }, requests: { type: 'string', default: '3000' } } });
  if (!values.db) throw new Error('--db is required');
  const r = await measureAck(values.db, Number(values.requests));
  console.log(JSON.stringify({ ...r, ratio: r.appMs / r.bareMs }));
}
