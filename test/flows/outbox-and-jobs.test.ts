import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/db/store.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { type JobDefinition, singleStep } from '../../src/jobs/types.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: '2026-11-30T08:00:00Z' });
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

async function row(id: number) {
  const r = await app.db.database.prisma.outboxMessage.findUnique({ where: { id } });
  if (!r) throw new Error('outbox row exists');
  return r;
}

describe('outbox', () => {
  it('sends at once when Slack answers, and remembers the message ts', async () => {
    const { id, sentTs } = await app.services.outbox.send({
      teamId: TEAM_ID,
      kind: 'post',
      channel: 'C0AGENDA',
      content: { text: 'Bonjour' },
    });
    expect(sentTs).toMatch(/^\d+\.\d+$/);
    expect((await row(id)).status).toBe('sent');
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('keeps a rate-limited post and retries it after Retry-After, through the job', async () => {
    app.slack.fail('chat.postMessage', { status: 429, retryAfter: 120 });
    const { id } = await app.services.outbox.send({
      teamId: TEAM_ID,
      kind: 'post',
      channel: 'C0AGENDA',
      content: { text: 'Café outils #13' },
    });
    const waiting = await row(id);
    expect(waiting.status).toBe('pending');
    expect(waiting.lastError).toBe('ratelimited');
    expect(waiting.nextAttemptAt.getTime() - app.clock.now().getTime()).toBeGreaterThanOrEqual(120_000);

    // Too early: the job leaves it alone.
    app.clock.advance(60_000);
    await app.runJob('outbox', app.clock.now());
    expect((await row(id)).status).toBe('pending');

    app.clock.advance(2 * 60_000);
    const summary = await app.runJob('outbox', app.clock.now());
    expect(summary).toContain('1 envoyé');
    const sent = await row(id);
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBe(2);
    const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.args.text === 'Café outils #13');
    expect(posts).toHaveLength(2);
  });

  it('retries a rate-limited post when Slack says (Retry-After: 1), in process, without waiting for the job', async () => {
    app.slack.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const { id } = await app.services.outbox.send({
      teamId: TEAM_ID,
      kind: 'post',
      channel: 'C0AGENDA',
      content: { text: 'Repair café de décembre' },
    });
    expect((await row(id)).status).toBe('pending');
    // About a second later, with no job run and the app's clock standing still.
    const second = await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.text === 'Repair café de décembre' && app.slack.callsTo('chat.postMessage').indexOf(c) > 0,
      5000,
    );
    expect(second).toBeDefined();
    for (let i = 0; i < 50 && (await row(id)).status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await row(id)).status).toBe('sent');
    expect(app.slack.callsTo('chat.postMessage').filter((c) => c.args.text === 'Repair café de décembre')).toHaveLength(2);
  });

  it('retries a 500 with back-off and keeps a permanent error for the health panel', async () => {
    app.slack.fail('chat.postMessage', { status: 500 }, 2);
    const t0 = app.clock.now();
    const { id } = await app.services.outbox.send({ teamId: TEAM_ID, kind: 'post', channel: 'C0AGENDA', content: { text: 'Hackathon' } });
    const first = await row(id);
    expect([first.status, first.lastError]).toEqual(['pending', 'http_500']);
    expect(first.nextAttemptAt.getTime() - t0.getTime()).toBe(30_000);
    app.clock.set(first.nextAttemptAt);
    await app.services.outbox.deliverDue();
    const second = await row(id);
    expect([second.status, second.attempts]).toEqual(['pending', 2]);
    // The back-off doubles.
    expect(second.nextAttemptAt.getTime() - app.clock.now().getTime()).toBe(60_000);
    app.clock.set(second.nextAttemptAt);
    await app.services.outbox.deliverDue();
    expect((await row(id)).status).toBe('sent');

    app.slack.fail('chat.postMessage', { error: 'not_in_channel' });
    const lost = await app.services.outbox.send({
      teamId: TEAM_ID,
      kind: 'post',
      channel: 'C0PRIVATE',
      content: { text: 'Portes ouvertes' },
    });
    const failed = await row(lost.id);
    expect([failed.status, failed.lastError]).toEqual(['failed', 'not_in_channel']);
    app.clock.advance(24 * 3600_000);
    await app.services.outbox.deliverDue();
    expect(app.slack.callsTo('chat.postMessage').filter((c) => c.args.text === 'Portes ouvertes')).toHaveLength(1);
    expect((await app.services.outbox.stats(TEAM_ID)).failed).toBeGreaterThanOrEqual(1);
    expect(app.logger.lines.some((l) => l.includes('ERROR') && l.includes('not_in_channel'))).toBe(true);
  });

  it('updates and ephemeral messages go through the same path', async () => {
    await app.services.outbox.send({ teamId: TEAM_ID, kind: 'update', channel: 'C0AGENDA', targetTs: '1.2', content: { text: 'Annulé' } });
    await app.services.outbox.send({
      teamId: TEAM_ID,
      kind: 'ephemeral',
      channel: 'C0AGENDA',
      userId: 'U0X',
      content: { text: 'Pour vous' },
    });
    expect((await app.slack.waitFor('chat.update')).args).toMatchObject({ channel: 'C0AGENDA', ts: '1.2', text: 'Annulé' });
    expect((await app.slack.waitFor('chat.postEphemeral')).args).toMatchObject({ user: 'U0X', text: 'Pour vous' });
  });

  it('sends a private notice by direct message when the channel refuses it', async () => {
    app.slack.fail('chat.postEphemeral', { error: 'channel_not_found' });
    const { id } = await app.services.outbox.send({
      teamId: TEAM_ID,
      kind: 'ephemeral',
      channel: 'C0NOTMEMBER',
      userId: 'U0Y',
      content: { text: 'Votre évènement est enregistré' },
    });
    const dm = await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'U0Y');
    expect(dm.args.text).toBe('Votre évènement est enregistré');
    expect((await row(id)).status).toBe('sent');
    expect((await app.services.outbox.stats(TEAM_ID)).recentFailures.some((f) => f.channel === 'C0NOTMEMBER')).toBe(false);
  });

  it('a message stored in a transaction that rolls back is never sent', async () => {
    await expect(
      new Store(app.db.database.prisma, app.db.database.provider).transaction(async (r) => {
        await app.services.outbox.enqueue(r, { teamId: TEAM_ID, kind: 'post', channel: 'C0AGENDA', content: { text: 'fantôme' } });
        throw new Error('validation failed later');
      }),
    ).rejects.toThrow('validation failed later');
    app.clock.advance(3600_000);
    await app.services.outbox.deliverDue();
    expect(app.slack.calls.filter((c) => c.args.text === 'fantôme')).toHaveLength(0);
  });
});

describe('scheduler claims', () => {
  let counter = 0;
  const counting: JobDefinition = {
    name: 'counting',
    schedule: '0 9 * * 1',
    catchUpMs: 14 * 24 * 3600_000,
    plan: async () =>
      singleStep(
        'count',
        { runs: 1 },
        async () => {
          counter += 1;
          await new Promise((r) => setTimeout(r, 20));
          return { runs: 1 };
        },
        () => `run ${counter}`,
      ),
  };

  it('runs a slot exactly once when two replicas race on the same database', async () => {
    const second = await startTestApp({ db: app.db });
    try {
      counter = 0;
      const slot = new Date('2026-11-30T08:00:00Z');
      const a = app.scheduler('replica-a');
      const b = second.scheduler('replica-b');
      const outcomes = await Promise.all([a.runSlot(counting, slot), b.runSlot(counting, slot), a.runSlot(counting, slot)]);
      expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'already-claimed')).toHaveLength(2);
      expect(counter).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('takes over a run whose process stopped (its claim ran out) once, whichever replica looks first', async () => {
    counter = 0;
    const job = { ...counting, name: 'stopped-run' };
    // Leases, and the day within which stopped runs are looked for, are the machine's real time
    // (replicas share it, not the app's clock): two slots of the last hours, whatever the day.
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const slot = new Date(hour - 2 * 3_600_000);
    // A run claimed by a replica that died: still "running", its lease long gone.
    await app.db.database.prisma.jobRun.create({
      data: { jobName: job.name, slot, owner: 'dead-replica', status: 'running', leaseUntil: new Date(Date.now() - 60_000) },
    });
    // And one whose process lives (its lease runs for a while yet): left alone.
    const live = new Date(hour - 3_600_000);
    await app.db.database.prisma.jobRun.create({
      data: { jobName: job.name, slot: live, owner: 'live-replica', status: 'running', leaseUntil: new Date(Date.now() + 60_000) },
    });
    const replica = (owner: string) =>
      new Scheduler({
        jobs: [job],
        claims: app.services.claims,
        clock: app.clock,
        logger: app.logger,
        timeZone: 'Europe/Paris',
        owner,
        notBefore: async () => new Date(0),
      });
    await Promise.all([replica('a').takeOverStopped(), replica('b').takeOverStopped()]);
    expect(counter).toBe(1);
    const rows = await app.db.database.prisma.jobRun.findMany({ where: { jobName: job.name }, orderBy: { slot: 'asc' } });
    expect(rows.map((r) => [r.slot.toISOString(), r.status, r.leaseUntil === null])).toEqual([
      [slot.toISOString(), 'done', true],
      [live.toISOString(), 'running', false],
    ]);
    expect(['a', 'b']).toContain(rows[0]?.owner);
  });

  it('catches up the latest missed slot once after downtime and records older ones as skipped', async () => {
    counter = 0;
    // Down since before Monday 16 November; back on Wednesday 2 December 2026.
    app.clock.set('2026-12-02T10:00:00Z');
    const weekly = { ...counting, name: 'weekly-catch-up' };
    const scheduler = new Scheduler({
      jobs: [weekly],
      claims: app.services.claims,
      clock: app.clock,
      logger: app.logger,
      timeZone: 'Europe/Paris',
      owner: 'replica-a',
      notBefore: async () => new Date('2026-11-01T00:00:00Z'),
    });
    const outcomes = await scheduler.catchUp();
    expect(outcomes.get('weekly-catch-up')).toMatchObject({ status: 'done' });
    const rows = await app.db.database.prisma.jobRun.findMany({ where: { jobName: 'weekly-catch-up' }, orderBy: { slot: 'asc' } });
    // The catch-up window is 14 days and the install date bounds it too.
    expect(rows.map((r) => [r.slot.toISOString(), r.status])).toEqual([
      ['2026-11-23T08:00:00.000Z', 'skipped'],
      ['2026-11-30T08:00:00.000Z', 'done'],
    ]);
    // A second start (or another replica) catches up nothing more.
    await scheduler.catchUp();
    expect(counter).toBe(1);
  });

  it('two replicas starting together on one database catch a missed slot up once', async () => {
    const shared: TestDatabase = await freshDatabase();
    const one = await startTestApp({ db: shared, now: '2026-12-07T08:30:00Z' });
    const two = await startTestApp({ db: shared, now: '2026-12-07T08:30:00Z' });
    try {
      counter = 0;
      const weekly = { ...counting, name: 'weekly-two-replicas' };
      const replica = (t: TestApp, owner: string) =>
        new Scheduler({
          jobs: [weekly],
          claims: t.services.claims,
          clock: t.clock,
          logger: t.logger,
          timeZone: 'Europe/Paris',
          owner,
          notBefore: async () => new Date('2026-12-01T00:00:00Z'),
        });
      await Promise.all([replica(one, 'one').catchUp(), replica(two, 'two').catchUp()]);
      expect(counter).toBe(1);
      const runs = await shared.database.prisma.jobRun.findMany({ where: { jobName: weekly.name } });
      expect(runs.map((r) => [r.slot.toISOString(), r.status])).toEqual([['2026-12-07T08:00:00.000Z', 'done']]);
    } finally {
      await one.close();
      await two.close();
      await shared.drop();
    }
  });
});
