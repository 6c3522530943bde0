// The ack path, side by side in one run: the CPU a process spends per `/evenement`
// (acknowledged, modal built and opened) for our app, against a bare Bolt app whose
// `/evenement` listener only acknowledges, and one that only opens the same modal.
//
// Each app runs in a process of its own, under the same heap bounds as `npm start` and, for
// ours, the same compiled JavaScript (dist/, built first), not TypeScript compiled on the fly
// (whose helpers cost our code, and only ours, a few percent per call). Sharing
// one process, the three apps shared Bolt's compiled code and one heap, so that whichever ran
// after another paid for its garbage and its way of warming the code up (the same code
// measured from 1.4x to 2.3x between two runs). The three take turns over several rounds, each
// in a fresh process, and each figure is the median of its rounds. Requests are signed and
// sent by another process (bench/ack-load.ts) and Slack's Web API is a local stand-in in a
// third (bench/slack-standin.ts), so that neither's CPU is counted.
//   tsx bench/ack.ts --db <url> [--requests 7500]
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { App, LogLevel } from '@slack/bolt';
import { COORDINATOR, NOW, TEAM } from './dataset.ts';
import { productionFlags } from './start.ts';

const SECRET = 'bench-signing-secret';
const BOT = { botId: 'B0BOT', botUserId: 'U0BOT' };
/** Rounds each of the three apps gets, taking turns, each in a fresh process. */
const ROUNDS = 5;
/**
 * Commands a fresh process answers before it is measured: an app serves for days, and what it
 * costs then is what counts. After 600 commands ours still cost 0.73 ms, after 3,000 about 0.45
 * (its code is still being optimised); the bare apps move less.
 */
const WARM_UP = 3000;

const APPS = ['bare', 'app', 'bareOpen'] as const;
type Measured = (typeof APPS)[number];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function measureAck(databaseUrl: string, requests: number): Promise<{ appMs: number; bareMs: number; bareOpenMs: number }> {
  const slack = spawn(process.execPath, ['--import', 'tsx', 'bench/slack-standin.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    slack.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    slack.once('exit', (code) => reject(new Error(`the Slack stand-in exited with ${code}`)));
  });
  const apiUrl = `http://127.0.0.1:${port}/api/`;
  try {
    // What `npm start` runs: the app's JavaScript, built from the sources as they are now.
    execFileSync(process.execPath, ['scripts/run-built.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const measured: Record<Measured, number[]> = { bare: [], app: [], bareOpen: [] };
    const perRound = Math.max(100, Math.round(requests / ROUNDS));
    // Each round in a different order, so that a busy moment of the machine does not fall on one app only.
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < APPS.length; i++) {
        const which = APPS[(round + i) % APPS.length] as Measured;
        measured[which].push(await serveOnce(which, databaseUrl, apiUrl, perRound));
      }
    }
    return { bareMs: median(measured.bare), appMs: median(measured.app), bareOpenMs: median(measured.bareOpen) };
  } finally {
    slack.kill('SIGTERM');
  }
}

/** One round: a fresh process serves one app, warms up, and tells the CPU it spent per command. */
async function serveOnce(which: Measured, databaseUrl: string, apiUrl: string, count: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      ...productionFlags(),
      '--import',
      'tsx',
      'bench/ack.ts',
      '--serve',
      which,
      '--db',
      databaseUrl,
      '--api',
      apiUrl,
      '--requests',
      String(count),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the ${which} app exited with ${code}`);
  return (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { ms: number }).ms;
}

/** In the child: starts one app, answers the warm-up, then returns its CPU per command. */
async function serve(which: Measured, databaseUrl: string, apiUrl: string, count: number): Promise<number> {
  const {
    createApp,
    FixedClock,
    parseConfig,
    openDatabase,
    emptyDraft,
    displayFor,
    eventModalView,
    createLogger,
    createServices,
    createWebClient,
    webApiGateway,
  } = await builtApp();
  const database = await openDatabase(databaseUrl);
  const config = parseConfig({
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    TIMEZONE: 'Europe/Paris',
    LOG_LEVEL: 'error',
  });
  const services = createServices({
    config,
    db: database.prisma,
    clock: new FixedClock(NOW),
    logger: createLogger('error'),
    slack: webApiGateway(createWebClient({ token: 'xoxb-bench', apiUrl })),
  });
  let server: Server;
  let stop: () => Promise<void>;
  if (which === 'app') {
    const ours = createApp(services, { mode: 'http', bot: BOT, botToken: 'xoxb-bench', signingSecret: SECRET, port: 0 });
    const started = await ours.start();
    if (!started) throw new Error('no HTTP server');
    server = started;
    stop = () => ours.stop();
  } else {
    /** A Bolt app as its documentation writes one, with nothing of ours. */
    const bare = new App({
      token: 'xoxb-bench',
      signingSecret: SECRET,
      ...BOT,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: apiUrl },
    });
    if (which === 'bare') {
      bare.command('/evenement', async ({ ack }) => {
        await ack();
      });
    } else {
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
      bare.command('/evenement', async ({ ack, body }) => {
        await ack();
        await gateway.openView(body.trigger_id, modal);
      });
    }
    server = (await bare.start(0)) as Server;
    stop = async () => {
      await bare.stop();
    };
  }
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    await loadFrom(url, WARM_UP);
    // The last calls to Slack of the warm-up, made after their acknowledgement, end first.
    await setTimeout(100);
    let before = process.cpuUsage();
    await loadFrom(url, count, () => {
      before = process.cpuUsage();
    });
    await setTimeout(100);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / count;
  } finally {
    await stop();
    await database.close();
  }
}

/** The app's modules as `npm start` runs them: its compiled JavaScript. */
async function builtApp() {
  const load = (path: string): Promise<unknown> => import(pathToFileURL(join('dist', path)).href);
  return {
    ...((await load('app.js')) as typeof import('../src/app.ts')),
    ...((await load('clock.js')) as typeof import('../src/clock.ts')),
    ...((await load('config.js')) as typeof import('../src/config.ts')),
    ...((await load('db/client.js')) as typeof import('../src/db/client.ts')),
    ...((await load('features/events/form.js')) as typeof import('../src/features/events/form.ts')),
    ...((await load('features/events/views.js')) as typeof import('../src/features/events/views.ts')),
    ...((await load('logger.js')) as typeof import('../src/logger.ts')),
    ...((await load('services.js')) as typeof import('../src/services.ts')),
    ...((await load('slack/gateway.js')) as typeof import('../src/slack/gateway.ts')),
  };
}

/**
 * Runs bench/ack-load.ts against `url` and waits for it, serving requests meanwhile; `start` is
 * called once it is loaded, right before it sends its first request.
 */
async function loadFrom(url: string, requests: number, start: () => void = () => undefined): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ack-load.ts', url, SECRET, String(requests)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await once(child.stdout, 'data');
  start();
  child.stdin.write('go\n');
  const code = await exited;
  if (code !== 0) throw new Error(`ack-load exited with ${code}`);
}

if (process.argv[1]?.endsWith('ack.ts')) {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, requests: { type: 'string', default: '7500' }, serve: { type: 'string' }, api: { type: 'string' } },
  });
  if (!values.db) throw new Error('--db is required');
  const which = APPS.find((a) => a === values.serve);
  if (values.serve !== undefined) {
    if (!which || !values.api) throw new Error(`--serve takes one of ${APPS.join(', ')}, with --api`);
    console.log(JSON.stringify({ ms: await serve(which, values.db, values.api, Number(values.requests)) }));
  } else {
    const r = await measureAck(values.db, Number(values.requests));
    console.log(JSON.stringify({ ...r, ratio: r.appMs / r.bareMs }));
  }
}
