// The database going away under a running app (PostgreSQL, as in production): the app is
// started as `npm start` runs it, its connections go through a relay that the test cuts (all
// connections reset, new ones refused — what a stopped server or a lost network does to it)
// and restores, without touching the server that the other tests share.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, type RunningMain, startMain } from '../support/cli.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { type TcpProxy, tcpProxy } from '../support/tcp-proxy.ts';

vi.setConfig({ testTimeout: 4 * CLI_TEST_TIMEOUT_MS });

let db: TestDatabase;
let proxy: TcpProxy;
let slack: FakeSlack;
let app: RunningMain;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms; the app said:\n${app.output().slice(-3000)}`);
    await sleep(250);
  }
}
const health = () =>
  fetch(`http://127.0.0.1:${app.port}/healthz`).then(
    (r) => r.status,
    () => 0,
  );

beforeAll(async () => {
  db = await freshDatabase();
  const direct = new URL(db.url);
  proxy = await tcpProxy(direct.hostname, Number(direct.port || 5432));
  const relayed = new URL(db.url);
  relayed.port = String(proxy.port);
  slack = new FakeSlack();
  await slack.start();
  app = await startMain(
    relayed.toString(),
    { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl },
    { built: true },
  );
});
afterAll(async () => {
  if (app.running()) await app.stop();
  await proxy.close();
  await slack.stop();
  await db.drop();
});

describe('the database going away', () => {
  it('keeps the app running, says 503 meanwhile, and resumes the jobs it missed when it comes back', async () => {
    expect(await health()).toBe(200);
    await proxy.cut();
    await until('/healthz says 503', async () => (await health()) === 503);

    // The every-minute outbox job ticks while the database is away.
    const missed = new Date(Math.ceil((Date.now() + 1000) / 60_000) * 60_000);
    await sleep(missed.getTime() - Date.now() + 5_000);
    expect(app.running(), app.output().slice(-3000)).toBe(true);
    expect(app.output()).toContain('database');
    expect(app.output()).not.toMatch(/UnhandledPromiseRejection|unhandledRejection|^\s+at /m);

    await proxy.restore();
    await until('/healthz says 200 again', async () => (await health()) === 200);
    // The minute it missed is run once the database answers again.
    await until('the missed outbox run is done', async () => {
      const run = await db.database.prisma.jobRun.findUnique({ where: { jobName_slot: { jobName: 'outbox', slot: missed } } });
      return run?.status === 'done';
    });
    expect(app.running()).toBe(true);
  });
});
