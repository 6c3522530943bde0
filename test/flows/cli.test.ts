// The command-line entry points, run as a user runs them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/migrations.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI script from an empty folder (so no developer .env is read) with the given environment. */
function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'tl-cli-'));
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(PROJECT_ROOT, script), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => db.drop());

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

describe('npm run job', () => {
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

  it('prints, with --dry-run, what would be posted, and posts nothing', async () => {
    await db.database.prisma.outboxMessage.create({
      data: { teamId: 'T0TEST', kind: 'post', channel: 'C0AGENDA', payload: JSON.stringify({ text: 'Café outils #13' }), nextAttemptAt: new Date('2026-01-01T00:00:00Z') },
    });
    const res = await run('src/cli/job.ts', ['outbox', '--dry-run', '--now', '2026-12-07T09:00:00+01:00'], { DATABASE_URL: db.url });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('would post to C0AGENDA (attempt 1): Café outils #13');
    const row = await db.database.prisma.outboxMessage.findFirst({ where: { channel: 'C0AGENDA' } });
    expect(row?.status).toBe('pending');
    expect(await db.database.prisma.jobRun.count()).toBe(0);
  });

  it('runs a slot once: the same --now twice does nothing the second time', async () => {
    const env = { DATABASE_URL: db.url, SLACK_BOT_TOKEN: 'xoxb-offline', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
    const first = await run('src/cli/job.ts', ['housekeeping', '--now', '2026-12-07T03:17:00+01:00'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('housekeeping @ 2026-12-07T02:17:00.000Z');
    const second = await run('src/cli/job.ts', ['housekeeping', '--now', '2026-12-07T03:17:30+01:00'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already run for this slot');
    expect(await db.database.prisma.jobRun.count({ where: { jobName: 'housekeeping' } })).toBe(1);
  });
});
