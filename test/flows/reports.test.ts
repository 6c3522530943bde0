import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventActions } from '../../src/features/events/ids.ts';
import { ReportActions } from '../../src/features/reports/ids.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { anEventInput, CREST, DIE } from '../support/builders.ts';
import { CLI_TEST_TIMEOUT_MS, run } from '../support/cli.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let crest: number;
let die: number;

const base = anEventInput();

beforeAll(async () => {
  app = await startTestApp({ env: { COORDINATION_CHANNEL_ID: 'G0COORD' }, now: '2026-11-20T09:00:00Z' });
  crest = await app.addSpace(CREST);
  die = await app.addSpace(DIE);
  // Week of Monday 23 to Sunday 29 November 2026.
  const shared = await app.services.events.create(TEAM_ID, ANIMATOR, {
    ...base,
    title: 'Rencontre réseau partagée',
    format: 'rencontre_reseau',
    spaceIds: [crest, die],
    startAt: new Date('2026-11-24T13:00:00Z'),
    endAt: new Date('2026-11-24T16:00:00Z'),
  });
  await app.services.events.create(TEAM_ID, 'U0OTHERAN', {
    ...base,
    title: 'Atelier soudure',
    spaceIds: [crest],
    startAt: new Date('2026-11-26T13:00:00Z'),
    endAt: new Date('2026-11-26T15:00:00Z'),
  });
  await app.services.events.create(TEAM_ID, ANIMATOR, {
    ...base,
    title: 'Permanence à venir',
    format: 'permanence',
    spaceIds: [die],
    startAt: new Date('2026-12-02T08:00:00Z'),
    endAt: new Date('2026-12-02T10:00:00Z'),
  });
  if (!shared.ok) throw new Error('event');
  app.clock.set('2026-11-27T09:00:00Z');
  await app.services.events.saveAttendance(TEAM_ID, ANIMATOR, shared.event.id, {
    total: 18,
    women: 10,
    men: 7,
    genderUnknown: 1,
    jobSeekers: 6,
    under25: 2,
    over54: 3,
    firstTime: 4,
    sheetKept: true,
    note: '',
  });
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

const digestJob = () => {
  const job = app.services.jobs.find((j) => j.name === 'weekly-digest');
  if (!job) throw new Error('weekly-digest is registered');
  return job;
};

describe('weekly-digest', () => {
  it('posts the digest to the coordination channel once, even when run twice or by two replicas', async () => {
    const slot = new Date('2026-11-30T08:00:00Z'); // Monday 09:00 in Paris
    app.clock.set(slot);
    await Promise.all([app.scheduler('a').runSlot(digestJob(), slot), app.scheduler('b').runSlot(digestJob(), slot)]);
    await app.runJob('weekly-digest', slot);
    const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'G0COORD');
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]?.args.blocks);
    // A one-line title on a phone.
    expect(text).toContain('"text":"Semaine du 23 au 29\u00a0nov."');
    expect(text).toContain('*2* évènements (5 h). *18* participant·es sur 1 compte rendu.');
    expect(text).toContain('Rencontre réseau\u00a0: 1');
    expect(text).toContain('La Fabrique de Crest\u00a0: 2');
    expect(text).toContain('Le Lieu-Dit\u00a0: 1');
    expect(text).toContain('Permanence à venir');
    expect(text).toContain('Atelier soudure'); // missing its attendance report
    expect(text).toContain('<@U0OTHERAN>');
    expect(text).toContain('Objectif 2026');
    // The bar reads the same in light and dark themes: emoji squares, no code span.
    expect(text).toMatch(/\(\d+\u00a0%\)\\n(🟩|⬜){10}"/);
    expect(text).toContain('Échéances de contrats (30 jours)'); // G… is private
    expect(text).toContain(EventActions.chaseAttendance);
  });

  it('lets a coordinator chase the missing attendance from the digest: once a day, organisers only', async () => {
    app.slack.reset();
    await app.action({ actionId: EventActions.chaseAttendance, userId: ANIMATOR, channelId: 'G0COORD' });
    expect((await app.slack.waitForResponse()).text).toContain('réservée aux coordinateur·rices');
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(0);

    app.slack.reset();
    await app.action({ actionId: EventActions.chaseAttendance, userId: COORDINATOR, channelId: 'G0COORD' });
    expect((await app.slack.waitForResponse()).text).toMatch(/^Relance envoyée à \d+ organisateur·rices? pour \d+ évènements?\.$/);
    const reminder = await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'U0OTHERAN');
    expect(JSON.stringify(reminder.args)).toContain('Atelier soudure');
    expect(JSON.stringify(reminder.args)).toContain(EventActions.reportAttendance);

    app.slack.reset();
    await app.action({ actionId: EventActions.chaseAttendance, userId: COORDINATOR, channelId: 'G0COORD' });
    expect((await app.slack.waitForResponse()).text).toContain('Rien à relancer');
    expect(app.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('catches a missed Monday up once after downtime', async () => {
    // Down over Monday 7 December; back on Wednesday 9.
    app.clock.set('2026-12-09T10:00:00Z');
    const scheduler = new Scheduler({
      jobs: [digestJob()],
      claims: app.services.claims,
      clock: app.clock,
      logger: app.logger,
      timeZone: 'Europe/Paris',
      owner: 'restart',
      notBefore: async () => new Date('2026-12-01T00:00:00Z'),
    });
    await scheduler.catchUp();
    await scheduler.catchUp();
    const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'G0COORD');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.args.blocks)).toContain('Semaine du 30\u00a0nov. au 6\u00a0déc.');
  });

  it('lists the next fourteen days to local midnight, across the spring clock change', async () => {
    // Monday 15 March 2027; clocks go forward on Sunday 28 March: the window ends on Tuesday 30
    // March at 00:00 in Paris, not an hour later.
    for (const [title, startAt] of [
      ['Dernier jour de la fenêtre', new Date('2027-03-29T21:30:00Z')], // 23:30 in Paris
      ['Lendemain de la fenêtre', new Date('2027-03-29T22:30:00Z')], // 00:30 in Paris, on the 30th
    ] as const) {
      const saved = await app.services.events.create(TEAM_ID, ANIMATOR, {
        ...base,
        title,
        spaceIds: [crest],
        startAt,
        endAt: new Date(startAt.getTime() + 30 * 60_000),
      });
      if (!saved.ok) throw new Error('event');
    }
    const digest = await app.services.digest.build(TEAM_ID, new Date('2027-03-15T08:00:00Z'), false);
    const titles = digest.next.items.map((e) => e.title);
    expect(titles).toContain('Dernier jour de la fenêtre');
    expect(titles).not.toContain('Lendemain de la fenêtre');
  });

  it('leaves contract deadlines out when the coordination channel is public', async () => {
    await app.services.network.updateSettings(TEAM_ID, { coordinationChannelId: 'C0PUBLIC', yearlyEventTarget: 170 }, COORDINATOR);
    const lines = await app.planJob('weekly-digest', new Date('2026-12-14T08:00:00Z'));
    expect(lines.join('\n')).not.toContain('Échéances de contrats');
    expect(lines.join('\n')).toContain('Semaine du');
    await app.services.network.updateSettings(TEAM_ID, { coordinationChannelId: 'G0COORD', yearlyEventTarget: 170 }, COORDINATOR);
  });
});

describe('/bilan', () => {
  it('gives coordinators the network’s figures for the period', async () => {
    await app.command('/bilan', COORDINATOR, '23/11/2026 29/11/2026');
    const reply = JSON.stringify(await app.slack.waitForResponse());
    expect(reply).toContain('Bilan du lundi 23\u00a0novembre 2026 au dimanche 29\u00a0novembre 2026');
    expect(reply).toContain('Le réseau');
    expect(reply).toContain('*2* évènements, 5 heures d’animation.\\n*18* participant·es sur 1 compte rendu de fréquentation.');
    expect(reply).toContain(ReportActions.export);
  });

  it('tells apart the events of the period that have not taken place yet', async () => {
    app.clock.set('2026-11-27T09:00:00Z');
    await app.command('/bilan', COORDINATOR, '23/11/2026 06/12/2026');
    const reply = JSON.stringify(await app.slack.waitForResponse());
    // The permanence of 2 December is still to come on 27 November.
    expect(reply).toContain('*3* évènements');
    expect(reply).toContain('Dont 1 encore à venir.');
  });

  it('gives an animator their own activity only', async () => {
    await app.command('/bilan', 'U0OTHERAN', '2026-11-23 2026-11-29');
    const reply = JSON.stringify(await app.slack.waitForResponse());
    expect(reply).toContain('Votre activité');
    expect(reply).toContain('*1* évènement, 2 h');
  });

  it.each([
    ['31/02/2026', 'Je n’ai pas compris ces dates.'],
    ['2026-11-30 2026-11-01', 'La date de fin est avant la date de début.'],
  ])('answers bad dates (%s) with a clear message', async (text, message) => {
    await app.command('/bilan', COORDINATOR, text);
    const reply = await app.slack.waitForResponse();
    expect(String(reply.text)).toContain(message);
  });

  it('uploads the three CSV files to the requester from the export button', async () => {
    await app.action({ actionId: ReportActions.export, value: '2026-11-01|2026-11-30', userId: COORDINATOR, channelId: 'C0GENERAL' });
    const complete = await app.slack.waitFor('files.completeUploadExternal');
    expect(complete.args.channel_id).toBe(`D${COORDINATOR}`);
    const names = app.slack.callsTo('files.getUploadURLExternal').map((c) => c.args.filename);
    expect(names.sort()).toEqual(['entraide.csv', 'evenements.csv', 'synthese.csv']);
    // The files travel as multipart bodies: the CSV is what lies between the part's headers and the boundary.
    const raw = app.slack.uploads.map((u) => u.content).find((c) => c.includes('Rencontre réseau partagée')) ?? '';
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4, raw.lastIndexOf('\r\n--'));
    const rows = parse(body, { delimiter: ';', bom: true }) as string[][];
    expect(rows.map((r) => r[8])).toEqual(['Titre', 'Rencontre réseau partagée', 'Atelier soudure']);
    // The shared event names both its host spaces, by name, and their towns.
    expect(rows[1]?.slice(4, 6)).toEqual(['La Fabrique de Crest, Le Lieu-Dit', 'Crest, Die']);
  });
});

describe('monthly-report', () => {
  it('sends the month’s figures, CSV files and chart on the first working day, once', async () => {
    const job = app.services.jobs.find((j) => j.name === 'monthly-report');
    if (!job) throw new Error('monthly-report is registered');
    app.slack.reset();
    // Tuesday 1 December 2026 is the first working day.
    for (const [day, utc] of [
      ['2026-11-30', '08:00'],
      ['2026-12-01', '08:00'],
      ['2026-12-02', '08:00'],
    ] as const) {
      const slot = new Date(`${day}T${utc}:00Z`);
      app.clock.set(slot);
      await app.scheduler().runSlot(job, slot);
    }
    const completes = app.slack.callsTo('files.completeUploadExternal');
    expect(completes).toHaveLength(1);
    expect(completes[0]?.args.channel_id).toBe('G0COORD');
    expect(String(completes[0]?.args.initial_comment)).toContain('Rapport mensuel — novembre 2026');
    const names = app.slack
      .callsTo('files.getUploadURLExternal')
      .map((c) => String(c.args.filename))
      .sort();
    expect(names).toEqual(['entraide.csv', 'evenements-2026-11.png', 'evenements.csv', 'synthese.csv']);
  });
});

describe('monthly-report when an upload fails', () => {
  it('leaves the report to the next run, which sends it, once', async () => {
    const job = app.services.jobs.find((j) => j.name === 'monthly-report');
    if (!job) throw new Error('monthly-report is registered');
    app.slack.reset();
    // Monday 4 January 2027 is the first working day (the 1st is a holiday); Slack fails once.
    app.slack.fail('files.getUploadURLExternal', { error: 'internal_error' });
    let slot = new Date('2027-01-04T08:00:00Z');
    app.clock.set(slot);
    expect((await app.scheduler().runSlot(job, slot)).status).toBe('failed');
    slot = new Date('2027-01-05T08:00:00Z');
    app.clock.set(slot);
    expect((await app.scheduler().runSlot(job, slot)).status).toBe('done');
    slot = new Date('2027-01-06T08:00:00Z');
    app.clock.set(slot);
    await app.scheduler().runSlot(job, slot);
    const completes = app.slack.callsTo('files.completeUploadExternal');
    expect(completes).toHaveLength(1);
    expect(String(completes[0]?.args.initial_comment)).toContain('décembre 2026');
  });
});

describe('npm run export', () => {
  it(
    'writes the three files for a period',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'tl-export-'));
      const res = await run('src/cli/export.ts', ['--from', '2026-11-01', '--to', '2026-11-30', '--out', out], {
        DATABASE_URL: app.db.url,
      });
      expect(res.code).toBe(0);
      const summary = parse(readFileSync(join(out, 'synthese.csv'), 'utf8'), { delimiter: ';', bom: true }) as string[][];
      // The shared event counts once for the network and once in each of its two spaces.
      expect(summary.slice(1).map((r) => [r[0], r[2]])).toEqual([
        ['Réseau (évènements partagés comptés une fois)', '2'],
        ['La Fabrique de Crest', '2'],
        ['Le Lieu-Dit', '1'],
      ]);
      const events = parse(readFileSync(join(out, 'evenements.csv'), 'utf8'), { delimiter: ';', bom: true }) as string[][];
      expect(events.map((r) => r[8]).slice(1)).toEqual(['Rencontre réseau partagée', 'Atelier soudure']);
      expect(res.stdout).toContain('Espace de travail\u00a0: Réseau test (T0TEST).');
      expect(res.stdout).toContain('écrits dans');
      rmSync(out, { recursive: true, force: true });
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'writes the chart of the twelve months up to the period’s end with --chart, without Slack',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'tl-export-'));
      const res = await run('src/cli/export.ts', ['--from', '2026-11-01', '--to', '2026-11-30', '--out', out, '--chart'], {
        DATABASE_URL: app.db.url,
      });
      expect(res.code, res.stderr).toBe(0);
      const png = readFileSync(join(out, 'evenements-2026-11.png'));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length).toBeGreaterThan(5000);
      rmSync(out, { recursive: true, force: true });
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it.each([
    [['--from', 'demain'], 'Je n’ai pas compris ces dates'],
    [['--from', '2026-11-30', '--to', '2026-11-01'], 'La date de fin est avant la date de début.'],
    [['--from', '2020-01-01', '--to', '2026-01-01'], 'Choisissez une période de 3 ans au plus.'],
  ])(
    'refuses %j with a sentence, not a code',
    async (args, sentence) => {
      const res = await run('src/cli/export.ts', args, { DATABASE_URL: app.db.url });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(sentence);
      expect(res.stderr).not.toMatch(/badDates|inverted|tooLong/);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
