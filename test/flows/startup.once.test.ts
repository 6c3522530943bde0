// The command-line tools' start-up and their answers to bad settings or arguments: these do
// not depend on the database's kind, so they run once, on SQLite (see vitest.config.ts).

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/migrations.ts';
import { CLI_TEST_TIMEOUT_MS, freePort, run, startMain } from '../support/cli.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { FakeSocketMode } from '../support/fake-socket-mode.ts';

vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS });

let db: TestDatabase;
/** A database no app has started on yet (no workspace recorded). */
let freshDb: TestDatabase;
let freshUrl: string;
beforeAll(async () => {
  db = await freshDatabase();
  freshDb = await freshDatabase();
  freshUrl = freshDb.url;
});
afterAll(async () => {
  await db.drop();
  await freshDb.drop();
});

describe('npm start', () => {
  it('stops at once without Slack credentials, saying what is missing and how to create the app', async () => {
    const res = await run('src/main.ts', [], { DATABASE_URL: db.url });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('SLACK_BOT_TOKEN');
    expect(res.stderr).toContain('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET');
    expect(res.stderr).toContain('manifest.yml');
  });

  it('exits with a clear message when the database cannot be reached', async () => {
    const res = await run('src/main.ts', [], {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Cannot open the database at postgresql://***@127.0.0.1:1/nowhere');
  });

  it('names every malformed setting', async () => {
    const res = await run('src/main.ts', [], { DATABASE_URL: db.url, PORT: 'abc', TIMEZONE: 'Mars/Olympus' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('PORT');
    expect(res.stderr).toContain('TIMEZONE');
  });
});

describe('npm start as installed', () => {
  it('runs the compiled JavaScript of the app', async () => {
    const slack = new FakeSlack();
    await slack.start();
    const app = await startMain(
      db.url,
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl },
      { built: true },
    );
    try {
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      expect(app.output()).toContain('listening on http://localhost');
    } finally {
      expect(await app.stop()).toBe(0);
      await slack.stop();
    }
  });
});

describe('npm start when something is wrong', () => {
  it('says Slack refused the bot token, naming the setting, and stops', async () => {
    const slack = new FakeSlack();
    await slack.start();
    slack.respond('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    try {
      const res = await run('src/main.ts', [], {
        DATABASE_URL: db.url,
        SLACK_BOT_TOKEN: 'xoxb-wrong',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: slack.apiUrl,
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Slack refused the bot token (invalid_auth)');
      expect(res.stderr).toContain('SLACK_BOT_TOKEN');
      expect(res.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await slack.stop();
    }
  });

  it('says a port is in use, naming PORT, without a stack', async () => {
    const slack = new FakeSlack();
    await slack.start();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const res = await run('src/main.ts', [], {
        DATABASE_URL: db.url,
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`Port ${port} is already in use`);
      expect(res.stderr).toContain('Set PORT');
      expect(res.stderr).not.toMatch(/^\s+at /m);
    } finally {
      taken.close();
      await slack.stop();
    }
  });

  it('says Slack refused the app-level token in Socket Mode, naming SLACK_APP_TOKEN', async () => {
    const slack = new FakeSlack();
    await slack.start();
    slack.respond('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    try {
      const res = await run('src/main.ts', [], {
        DATABASE_URL: db.url,
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1-wrong',
        SLACK_API_URL: slack.apiUrl,
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Slack refused the app-level token');
      expect(res.stderr).toContain('SLACK_APP_TOKEN');
      expect(res.stderr).not.toContain('xapp-1-wrong');
    } finally {
      await slack.stop();
    }
  });

  it('starts in HTTP mode while Slack cannot be reached, says so on /healthz, and connects once Slack answers', async () => {
    const slackPort = await freePort();
    const app = await startMain(freshUrl, {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    });
    const slack = new FakeSlack();
    try {
      const health = async () => (await fetch(`http://127.0.0.1:${app.port}/healthz`)).json() as Promise<{ slack: string }>;
      expect((await health()).slack).toBe('unreachable');
      expect(app.output()).toContain('Slack cannot be reached');
      expect(app.output()).not.toContain('Slack refused the bot token');
      await slack.start(slackPort);
      let state = 'unreachable';
      for (let i = 0; i < 100 && state !== 'ok'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = (await health()).slack;
      }
      expect(state).toBe('ok');
      // Its start-up finished then: the workspace is recorded.
      for (let i = 0; i < 20 && !(await freshDb.database.prisma.workspace.findUnique({ where: { teamId: 'T0TEST' } })); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await freshDb.database.prisma.workspace.findUnique({ where: { teamId: 'T0TEST' } })).not.toBeNull();
    } finally {
      expect(await app.stop()).toBe(0);
      await slack.stop();
    }
  });
});

describe('npm start under a supervisor', () => {
  it('stops when SIGTERM is sent to the npm process (as systemd or a container runtime does)', async () => {
    const slack = new FakeSlack();
    await slack.start();
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: db.url,
        PORT: String(port),
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: slack.apiUrl,
      },
    });
    let output = '';
    npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => npm.on('exit', resolve));
    const health = () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
    try {
      let status = 0;
      for (let i = 0; i < 250 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = await health();
      }
      expect(status, output).toBe(200);
      npm.kill('SIGTERM');
      await exited;
      // The app itself stopped: nothing answers on its port any more.
      let after = await health();
      for (let i = 0; i < 50 && after !== 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        after = await health();
      }
      expect(after).toBe(0);
      expect(output).toContain('stopped');
    } finally {
      npm.kill('SIGKILL');
      await slack.stop();
    }
  });
});

describe('npm start in Socket Mode', () => {
  it('connects to Slack over a WebSocket and still serves /healthz on PORT', async () => {
    const slack = new FakeSlack();
    await slack.start();
    const socket = new FakeSocketMode();
    await socket.start();
    slack.respond('apps.connections.open', () => ({ url: socket.url }));
    const app = await startMain(db.url, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A0APP-1-abc', SLACK_API_URL: slack.apiUrl });
    try {
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      for (let i = 0; i < 50 && !app.output().includes('Socket Mode'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(app.output()).toContain('running in Socket Mode');
      expect(socket.connections).toBeGreaterThanOrEqual(1);
      expect(slack.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(1);
      expect(app.output()).not.toContain('xapp-1-A0APP');
    } finally {
      await app.stop();
      await socket.stop();
      await slack.stop();
    }
  });
});

describe('npm run job arguments', () => {
  it('lists the known jobs when the name is unknown, and exits non-zero', async () => {
    const res = await run('src/cli/job.ts', ['no-such-job'], { DATABASE_URL: db.url });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Unknown job "no-such-job"');
    expect(res.stderr).toMatch(/Known jobs: .*outbox/);
  });

  it('refuses an instant that is not ISO-8601', async () => {
    const res = await run('src/cli/job.ts', ['outbox', '--now', 'lundi'], { DATABASE_URL: db.url });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--now');
  });
});
