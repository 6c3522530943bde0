// A job's process killed in the middle of its work (SIGKILL: no chance to clean up), on SQLite
// and PostgreSQL: the run's claim runs out, and the next run of that slot takes it over and
// finishes what is left — nothing lost, nothing twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isoDay } from '../../src/time/calendar-date.ts';
import { aContractInput } from '../support/builders.ts';
import { CLI_TEST_TIMEOUT_MS, startBuilt } from '../support/cli.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { COORDINATOR, startTestApp } from '../support/test-app.ts';

vi.setConfig({ testTimeout: 3 * CLI_TEST_TIMEOUT_MS });

const ANIMATORS = ['U0KILLA01', 'U0KILLB02', 'U0KILLC03'];
const SLOT = '2019-10-03T09:00:00+02:00';
let db: TestDatabase;
let slack: FakeSlack;

beforeAll(async () => {
  db = await freshDatabase();
  // Three contracts whose D-120 falls on 3 October 2019, recorded as a coordinator would.
  const seeding = await startTestApp({ db, env: { COORDINATION_CHANNEL_ID: 'G0COORD' }, now: '2019-01-15T09:00:00Z' });
  for (const userId of ANIMATORS) {
    const contract = aContractInput({ userId, startDate: isoDay('2019-02-01'), endDate: isoDay('2020-01-31') });
    const saved = await seeding.services.contracts.save(TEAM_ID, COORDINATOR, contract);
    if (!saved.ok) throw new Error('contract refused');
  }
  await seeding.close();
  slack = new FakeSlack();
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
  await db.drop();
});

/** How the job processes are started: this database and Slack, a claim of three seconds. */
const jobEnv = () => ({
  DATABASE_URL: db.url,
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_API_URL: slack.apiUrl,
  COORDINATION_CHANNEL_ID: 'G0COORD',
  COORDINATOR_USER_IDS: COORDINATOR,
  JOB_LEASE_SECONDS: '3',
});

describe('a job killed in the middle', () => {
  it('is taken over once its claim runs out, and the re-run finishes the milestones left, each sent once', async () => {
    const env = jobEnv();
    const milestones = () => db.database.prisma.contractMilestone.findMany({ where: { key: 'd120', status: 'sent' } });

    // Slack receives the first reminder and does not answer: the process is killed meanwhile.
    slack.hold('chat.postMessage');
    const first = startBuilt('cli/job', ['contract-reminders', '--now', SLOT], env);
    await slack.waitFor('chat.postMessage', () => true, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    slack.release();
    expect(await milestones()).toHaveLength(1);
    const killed = await db.database.prisma.jobRun.findFirstOrThrow({ where: { jobName: 'contract-reminders' } });
    expect(killed.status).toBe('running');

    // Its claim still holds for a moment: a run now does nothing.
    const tooSoon = startBuilt('cli/job', ['contract-reminders', '--now', SLOT], env);
    expect(await tooSoon.exited).toBe(0);
    expect(tooSoon.output()).toContain('rien n’a été fait');
    expect(await milestones()).toHaveLength(1);

    // Once it has run out, the next run takes over and sends the two reminders left.
    await new Promise((r) => setTimeout(r, 3_500));
    slack.reset();
    const takeover = startBuilt('cli/job', ['contract-reminders', '--now', SLOT], env);
    expect(await takeover.exited, takeover.output()).toBe(0);
    expect(takeover.output()).toContain('taking over');
    const sent = await milestones();
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => m.contractId)).size).toBe(3);
    const texts = slack.callsTo('chat.postMessage').map((c) => String(c.args.text));
    // The two animators left are reminded now; the first one's is not sent again by this run.
    const named = (user: string) => texts.filter((text) => text.includes(user)).length;
    expect(ANIMATORS.map(named).filter((n) => n > 0)).toHaveLength(2);
    const run = await db.database.prisma.jobRun.findFirstOrThrow({ where: { jobName: 'contract-reminders' } });
    expect(run.status).toBe('done');
  });

  it('never posts twice a digest whose process was killed while Slack was posting it', async () => {
    const env = jobEnv();
    const toCoordination = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'G0COORD');
    slack.reset();
    // Slack posts the digest in the channel, and the process is killed before hearing back.
    slack.hold('chat.postMessage', (args) => args.channel === 'G0COORD');
    const first = startBuilt('cli/job', ['weekly-digest', '--now', '2019-10-07T09:00:00+02:00'], env);
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'G0COORD', 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    slack.release();
    const row = await db.database.prisma.outboxMessage.findFirstOrThrow({ where: { channel: 'G0COORD', ref: { startsWith: 'digest:' } } });
    expect(row.status).toBe('pending');

    // The run is taken over once its claim has run out: the week's digest is not posted again.
    await new Promise((r) => setTimeout(r, 3_500));
    const takeover = startBuilt('cli/job', ['weekly-digest', '--now', '2019-10-07T09:00:00+02:00'], env);
    expect(await takeover.exited, takeover.output()).toBe(0);
    // The outbox, retrying the message whose outcome it does not know, finds it in the channel
    // by its metadata and records it as sent instead of posting it a second time.
    const outbox = startBuilt('cli/job', ['outbox', '--now', '2019-10-07T09:05:00+02:00'], env);
    expect(await outbox.exited, outbox.output()).toBe(0);
    expect(toCoordination()).toHaveLength(1);
    const after = await db.database.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe('sent');
    const posted = slack.posted.filter((m) => JSON.stringify(m.metadata ?? {}).includes(`"outbox_id":"${row.id}"`));
    expect(posted).toHaveLength(1);
    expect(after.sentTs).toBe(posted[0]?.ts);
  });

  it('sends the monthly report that a killed process had not finished uploading', async () => {
    const env = jobEnv();
    slack.reset();
    // Monday 4 November 2019 is the first working day (the 1st is a holiday): October's report.
    slack.hold('files.getUploadURLExternal');
    const first = startBuilt('cli/job', ['monthly-report', '--now', '2019-11-04T09:00:00+01:00'], env);
    await slack.waitFor('files.getUploadURLExternal', () => true, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    slack.release();
    await new Promise((r) => setTimeout(r, 3_500));
    slack.reset();
    const takeover = startBuilt('cli/job', ['monthly-report', '--now', '2019-11-04T09:00:00+01:00'], env);
    expect(await takeover.exited, takeover.output()).toBe(0);
    const completes = slack.callsTo('files.completeUploadExternal');
    expect(completes).toHaveLength(1);
    expect(String(completes[0]?.args.initial_comment)).toContain('octobre 2019');
  });
});
