import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AttendanceFields, EventActions, EventFields, EventViews } from '../../src/features/events/ids.ts';
import { CREST, DIE } from '../support/builders.ts';
import { readPdf } from '../support/pdf.ts';
import { input, TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

const OTHER = 'U0OTHER01';
const COANIM = 'U0COANIM1';
let app: TestApp;
let crest: number;
let die: number;

beforeAll(async () => {
  app = await startTestApp({ env: { AGENDA_CHANNEL_ID: 'C0AGENDA' }, now: '2026-11-30T08:00:00Z' });
  crest = await app.addSpace({ ...CREST, channelId: 'C0CREST' });
  die = await app.addSpace(DIE);
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

type Values = Record<string, Record<string, Record<string, unknown>>>;
const v = (field: { block: string; action: string }, value: Record<string, unknown>): Values => ({
  [field.block]: { [field.action]: value },
});

function form(over: Partial<Record<keyof typeof EventFields, Record<string, unknown>>> = {}): Values {
  const base: Partial<Record<keyof typeof EventFields, Record<string, unknown>>> = {
    title: input.text('Atelier impression 3D'),
    format: input.select('atelier'),
    themes: input.multi(['fabrication_numerique']),
    spaces: input.multi([String(crest)]),
    coanimators: input.users([]),
    date: input.date('2026-12-10'),
    startTime: input.time('14:30'),
    endTime: input.time('17:00'),
    endDate: input.date(null),
    location: input.radio('space'),
    address: input.text(null),
    onlineUrl: input.url(null),
    audiences: input.multi(['grand_public']),
    expected: input.number('12'),
    registrationUrl: input.url('https://inscription.example.org/atelier-3d'),
    description: input.text('Venez découvrir l’impression 3D.'),
    seriesName: input.text(null),
    seriesNumber: input.number(null),
    ...over,
  };
  return Object.assign({}, ...Object.entries(base).map(([k, val]) => v(EventFields[k as keyof typeof EventFields], val)));
}

async function declare(userId: string, values: Values, metadata = { channelId: 'C0GENERAL' }, viewId?: string) {
  return app.submit({
    callbackId: EventViews.form,
    userId,
    values,
    privateMetadata: JSON.stringify(metadata),
    ...(viewId ? { viewId } : {}),
  });
}

interface FormView {
  private_metadata: string;
  blocks: { type: string; block_id?: string; element?: Record<string, unknown> }[];
}
const inputsOf = (view: FormView) => view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
const elementOf = (view: FormView, field: { block: string }) => view.blocks.find((b) => b.block_id === field.block)?.element;

/**
 * Something done inside the open declaration modal (a choice that reveals fields, "Plus de
 * détails"), with what was typed so far: the modal as Slack is asked to redraw it comes back.
 */
async function inModal(view: FormView, actionId: string, element: Record<string, unknown> | undefined, values: Values, user = ANIMATOR) {
  app.slack.reset();
  const blockId = Object.values(EventFields).find((f) => f.block === actionId)?.block;
  await app.action({
    actionId: blockId ? 'value' : actionId,
    ...(blockId ? { blockId } : {}),
    userId: user,
    view: { id: 'V0FORM', callbackId: EventViews.form, values, privateMetadata: view.private_metadata, hash: '1700000000.abc' },
    ...(element ? { element } : {}),
  });
  const update = await app.slack.waitFor('views.update');
  expect(update.args.view_id).toBe('V0FORM');
  expect(update.args.hash).toBe('1700000000.abc');
  return update.args.view as FormView;
}

async function lastEvent() {
  const row = await app.db.database.prisma.event.findFirst({ orderBy: { id: 'desc' } });
  if (!row) throw new Error('an event exists');
  const e = await app.services.events.get(TEAM_ID, row.id);
  if (!e) throw new Error('event');
  return e;
}

describe('/evenement', () => {
  it('opens the declaration modal at once, with the typed text as title and the spaces to choose from', async () => {
    await app.command('/evenement', ANIMATOR, 'Café outils : Nextcloud');
    const open = await app.slack.waitFor('views.open');
    const view = JSON.stringify(open.args.view);
    expect(view).toContain('"callback_id":"event_form"');
    expect(view).toContain('"initial_value":"Café outils : Nextcloud"');
    expect(view).toContain('La Fabrique de Crest');
    expect(view).toContain('Portes ouvertes / visite');
    expect(view).toContain('"timezone":"Europe/Paris"');
  });

  it.each([
    ['empty title', { title: input.text('  ') }, EventFields.title.block, 'Donnez un titre à l’évènement.'],
    ['end before start', { endTime: input.time('14:00') }, EventFields.endTime.block, 'La fin doit être après le début.'],
    ['end equal to start', { endTime: input.time('14:30') }, EventFields.endTime.block, 'La fin doit être après le début.'],
    [
      'longer than 14 days',
      { endDate: input.date('2026-12-25') },
      EventFields.endDate.block,
      'Un évènement ne peut pas durer plus de 14 jours.',
    ],
    ['negative attendance', { expected: input.number('-3') }, EventFields.expected.block, 'Indiquez un nombre entre 0 et 10 000.'],
    ['absurd attendance', { expected: input.number('20000') }, EventFields.expected.block, 'Indiquez un nombre entre 0 et 10 000.'],
    [
      'invalid registration link',
      { registrationUrl: input.url('javascript:alert(1)') },
      EventFields.registrationUrl.block,
      'Ce lien n’est pas valide\u00a0: il doit commencer par https:// (ou http://).',
    ],
    [
      'link forging mrkdwn',
      { registrationUrl: input.url('https://ok.example|<!channel>') },
      EventFields.registrationUrl.block,
      'Ce lien n’est pas valide\u00a0: il doit commencer par https:// (ou http://).',
    ],
    [
      'elsewhere without address',
      { location: input.radio('elsewhere') },
      EventFields.address.block,
      'Indiquez l’adresse, puisque l’évènement a lieu ailleurs.',
    ],
    [
      'online without link',
      { location: input.radio('online') },
      EventFields.onlineUrl.block,
      'Indiquez le lien de connexion, puisque l’évènement est en ligne.',
    ],
    ['no host space', { spaces: input.multi([]) }, EventFields.spaces.block, 'Choisissez au moins un espace d’accueil.'],
    [
      'unknown space',
      { spaces: input.multi(['99999']) },
      EventFields.spaces.block,
      'Un des espaces choisis n’existe plus\u202f; choisissez-en un autre.',
    ],
  ])('answers %s inside the modal and stores nothing', async (_case, over, block, message) => {
    const before = await app.db.database.prisma.event.count();
    const res = await declare(ANIMATOR, form(over));
    expect(res.json()).toEqual({ response_action: 'errors', errors: { [block]: message } });
    expect(await app.db.database.prisma.event.count()).toBe(before);
  });

  it('explains, when the network has no space yet, that a coordinator must add one', async () => {
    const values = form();
    delete values[EventFields.spaces.block];
    const res = await declare(ANIMATOR, values);
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: {
        [EventFields.title.block]: 'Aucun espace n’est encore déclaré\u00a0: un·e coordinateur·rice doit en ajouter avec /reseau.',
      },
    });
  });

  it('answers in English to an English-speaking member', async () => {
    app.slack.users.set('U0ENGLISH', { locale: 'en-GB' });
    await app.services.members.resolve(TEAM_ID, 'U0ENGLISH');
    const res = await declare('U0ENGLISH', form({ title: input.text('') }));
    expect(res.json()).toEqual({ response_action: 'errors', errors: { [EventFields.title.block]: 'Give the event a title.' } });
  });

  it('stores a valid event and announces it in the agenda channel and in the space channel', async () => {
    const res = await declare(ANIMATOR, form({ coanimators: input.users([COANIM]), spaces: input.multi([String(crest), String(die)]) }));
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const event = await lastEvent();
    expect(event).toMatchObject({ title: 'Atelier impression 3D', format: 'atelier', status: 'scheduled', organizers: [ANIMATOR, COANIM] });
    expect(event.startAt.toISOString()).toBe('2026-12-10T13:30:00.000Z');
    expect(event.spaces.map((s) => s.name)).toEqual(['La Fabrique de Crest', 'Le Lieu-Dit']);
    const posts = await Promise.all([
      app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0AGENDA'),
      app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0CREST'),
    ]);
    for (const post of posts) {
      const text = JSON.stringify(post.args.blocks);
      expect(text).toContain('jeudi 10\u00a0décembre 2026, 14\u00a0h\u00a030 – 17\u00a0h\u00a000');
      expect(text).toContain('La Fabrique de Crest (Crest), Le Lieu-Dit (Die)');
      expect(text).toContain('Fabrication numérique');
      expect(text).toContain('<https://inscription.example.org/atelier-3d|s’inscrire>');
      // In sight, what everyone may do; editing and cancelling in the "⋯" menu, no red button.
      expect(text).toContain(EventActions.calendar);
      expect(text).toContain(EventActions.manage);
      expect(text).not.toContain('"style":"danger"');
    }
    // One event, counted once, although shared by two spaces.
    expect(await app.db.database.prisma.event.count({ where: { title: 'Atelier impression 3D' } })).toBe(1);
    const dm = await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === COANIM);
    expect(String(dm.args.text)).toContain('vous a ajouté·e à l’animation de «\u00a0Atelier impression 3D\u00a0»');
    const confirmation = await app.slack.waitFor('chat.postEphemeral', (c) => c.args.user === ANIMATOR);
    expect(String(confirmation.args.text)).toContain('annoncé dans <#C0AGENDA>, <#C0CREST>');
  });

  it('escapes user text: a title with <!channel> or a forged link pings nobody and links nowhere', async () => {
    await declare(
      ANIMATOR,
      form({ title: input.text('<!channel> <https://evil.example|cliquez ici> @here'), description: input.text('<@U0BOSS> <!everyone>') }),
    );
    const post = await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0AGENDA');
    const all = JSON.stringify(post.args);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil.example');
    expect(all).not.toContain('<@U0BOSS>');
    expect(all).not.toContain('<!everyone>');
    expect(all).not.toMatch(/@here/);
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('numbers a series by itself: the next number follows the last one', async () => {
    await declare(
      ANIMATOR,
      form({
        title: input.text('Café outils : Zotero'),
        format: input.select('cafe_outils'),
        seriesName: input.text('Café outils'),
        seriesNumber: input.number('12'),
      }),
    );
    await declare(
      ANIMATOR,
      form({
        title: input.text('Café outils : Framadate'),
        format: input.select('cafe_outils'),
        seriesName: input.text('Café outils'),
      }),
    );
    expect((await lastEvent()).seriesNumber).toBe(13);
    const post = await app.slack.waitFor('chat.postMessage', (c) => JSON.stringify(c.args.blocks).includes('Framadate'));
    expect(JSON.stringify(post.args.blocks)).toContain('Café outils #13');
    // The known series are offered with the optional fields, once asked for.
    await app.command('/evenement', ANIMATOR);
    const open = (await app.slack.waitFor('views.open')).args.view as FormView;
    expect(JSON.stringify(open)).not.toContain('Café outils → n° 14');
    const more = await inModal(open, EventActions.moreDetails, undefined, form({ title: input.text('Café outils : Pad') }));
    expect(JSON.stringify(more)).toContain('Café outils → n° 14');
  });

  it('stores texts holding NUL and other control characters without them, on either database', async () => {
    const res = await declare(
      ANIMATOR,
      form({
        title: input.text('Atelier\u0000 robotique\u0007'),
        description: input.text('Venez\u0000 !\nAvec vos\u001b enfants.'),
        seriesName: input.text('Robot\u0000 club'),
      }),
    );
    expect(res.body).toBe('');
    const event = await lastEvent();
    expect(event.title).toBe('Atelier robotique');
    expect(event.description).toBe('Venez !\nAvec vos enfants.');
    expect(event.seriesName).toBe('Robot club');
  });

  it('keeps the event when Slack fails to announce it, and posts it later', async () => {
    // Only the announcement fails (a late message of an earlier test must not take the failure).
    app.slack.fail('chat.postMessage', { status: 500 }, 1, (args) => String(args.text).includes('Hackathon climat'));
    const res = await declare(
      ANIMATOR,
      form({ title: input.text('Hackathon climat'), format: input.select('hackathon'), spaces: input.multi([String(die)]) }),
    );
    expect(res.body).toBe('');
    const event = await lastEvent();
    expect(event.title).toBe('Hackathon climat');
    const announcement = async () => {
      const rows = await app.db.database.prisma.outboxMessage.findMany({ where: { ref: `event:${event.id}:announce` } });
      expect(rows).toHaveLength(1);
      return rows[0];
    };
    // The first attempt fails: the post waits for the outbox job.
    for (let i = 0; i < 100 && (await announcement())?.attempts === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await announcement()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http_500' });
    app.clock.advance(5 * 60_000);
    await app.services.outbox.deliverDue();
    expect(await announcement()).toMatchObject({ status: 'sent', attempts: 2 });
    expect(
      app.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === 'C0AGENDA' && String(c.args.text).includes('Hackathon climat')),
    ).toHaveLength(2);
    app.clock.set('2026-11-30T08:00:00Z');
  });
});

describe('editing and cancelling', () => {
  it('refuses to edit or cancel to someone who is neither organiser nor coordinator', async () => {
    const event = await lastEvent();
    await app.action({ actionId: EventActions.edit, value: String(event.id), userId: OTHER, channelId: 'C0AGENDA' });
    await app.action({ actionId: EventActions.cancel, value: String(event.id), userId: OTHER, channelId: 'C0AGENDA' });
    await new Promise((r) => setTimeout(r, 300));
    expect(app.slack.responses.map((r) => r.body.text)).toEqual([
      'Seuls les organisateur·rices de cet évènement et les coordinateur·rices peuvent faire cela.',
      'Seuls les organisateur·rices de cet évènement et les coordinateur·rices peuvent faire cela.',
    ]);
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
    expect((await app.services.events.get(TEAM_ID, event.id))?.status).toBe('scheduled');
    const res = await declare(OTHER, form(), { channelId: 'C0GENERAL', eventId: event.id } as never);
    expect(JSON.stringify(res.json())).toContain('Seuls les organisateur·rices');
  });

  it('edits: the same modal pre-filled, every announcement updated, co-animators told', async () => {
    await declare(
      ANIMATOR,
      form({ title: input.text('Portes ouvertes'), format: input.select('portes_ouvertes'), coanimators: input.users([COANIM]) }),
    );
    const event = await lastEvent();
    await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0CREST');
    app.slack.reset();
    await app.action({ actionId: EventActions.edit, value: String(event.id), userId: ANIMATOR, channelId: 'C0AGENDA' });
    const open = await app.slack.waitFor('views.open');
    const view = open.args.view as { private_metadata: string };
    expect(JSON.stringify(view)).toContain('"initial_value":"Portes ouvertes"');
    expect(JSON.stringify(view)).toContain('"initial_date":"2026-12-10"');
    expect(JSON.stringify(view)).toContain('"initial_time":"14:30"');
    const res = await app.submit({
      callbackId: EventViews.form,
      userId: ANIMATOR,
      values: form({
        title: input.text('Portes ouvertes de Noël'),
        format: input.select('portes_ouvertes'),
        coanimators: input.users([COANIM]),
        startTime: input.time('15:00'),
      }),
      privateMetadata: view.private_metadata,
    });
    expect(res.body).toBe('');
    const updates = await Promise.all([
      app.slack.waitFor('chat.update', (c) => c.args.channel === 'C0AGENDA'),
      app.slack.waitFor('chat.update', (c) => c.args.channel === 'C0CREST'),
    ]);
    for (const u of updates) expect(JSON.stringify(u.args.blocks)).toContain('Portes ouvertes de Noël');
    expect(JSON.stringify(updates[0].args.blocks)).toContain('15\u00a0h\u00a000 – 17\u00a0h\u00a000');
    await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === COANIM && String(c.args.text).includes('a modifié «\u00a0Portes ouvertes de Noël\u00a0»'),
    );
    const updated = await app.services.events.get(TEAM_ID, event.id);
    expect(updated?.sequence).toBe(1);
    expect(await app.db.database.prisma.event.count({ where: { id: event.id } })).toBe(1);
  });

  it('cancels: announcements struck through and marked « annulé », co-animators told', async () => {
    const event = await lastEvent();
    app.slack.reset();
    await app.action({ actionId: EventActions.cancel, value: String(event.id), userId: COORDINATOR, channelId: 'C0AGENDA' });
    const update = await app.slack.waitFor('chat.update', (c) => c.args.channel === 'C0AGENDA');
    const blocks = JSON.stringify(update.args.blocks);
    expect(blocks).toContain('ANNULÉ');
    expect(blocks).toContain('~Portes ouvertes de Noël~');
    expect(blocks).not.toContain(EventActions.cancel);
    expect(String(update.args.text)).toContain('Annulé');
    await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === COANIM && String(c.args.text).includes('a annulé'));
    await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === ANIMATOR && String(c.args.text).includes('a annulé'));
    expect((await app.services.events.get(TEAM_ID, event.id))?.status).toBe('cancelled');
  });
});

describe('attendance', () => {
  it('asks each organiser the morning after, once even when the job runs twice, and reminds once three days later', async () => {
    app.clock.set('2026-12-09T10:00:00Z');
    await declare(
      ANIMATOR,
      form({
        title: input.text('Atelier emploi'),
        format: input.select('atelier_emploi'),
        coanimators: input.users([COANIM]),
        date: input.date('2026-12-10'),
        startTime: input.time('09:30'),
        endTime: input.time('12:00'),
      }),
    );
    const event = await lastEvent();
    const job = app.services.jobs.find((j) => j.name === 'event-followups');
    if (!job) throw new Error('event-followups is registered');
    const scheduler = app.scheduler();
    const dmsFor = (user: string) =>
      app.slack
        .callsTo('chat.postMessage')
        .filter(
          (c) =>
            c.args.channel === user &&
            String(c.args.text).includes('«\u00a0Atelier emploi\u00a0»') &&
            JSON.stringify(c.args.blocks ?? '').includes(EventActions.reportAttendance),
        );

    // The evening of the event: nothing yet.
    app.clock.set('2026-12-10T20:00:00Z');
    await scheduler.runSlot(job, new Date('2026-12-10T08:00:00Z'));
    expect(dmsFor(ANIMATOR)).toHaveLength(0);

    // The morning after at 09:00, run twice (or by two replicas): one message each.
    app.clock.set('2026-12-11T08:00:00Z');
    await scheduler.runSlot(job, new Date('2026-12-11T08:00:00Z'));
    await scheduler.runSlot(job, new Date('2026-12-11T08:00:00Z'));
    await app.runJob('event-followups', new Date('2026-12-11T08:00:00Z'));
    expect(dmsFor(ANIMATOR)).toHaveLength(1);
    expect(dmsFor(COANIM)).toHaveLength(1);
    expect(String(dmsFor(ANIMATOR)[0]?.args.text)).toContain('Comment s’est passé «\u00a0Atelier emploi\u00a0»');

    for (const day of ['2026-12-12', '2026-12-13', '2026-12-14', '2026-12-15', '2026-12-16']) {
      app.clock.set(`${day}T08:00:00Z`);
      await scheduler.runSlot(job, new Date(`${day}T08:00:00Z`));
    }
    expect(dmsFor(ANIMATOR)).toHaveLength(2);
    expect(String(dmsFor(ANIMATOR)[1]?.args.text)).toContain('Petit rappel');
    expect((await app.services.events.get(TEAM_ID, event.id))?.attendanceRemindedAt?.toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it('opens the attendance modal for an organiser and refuses others', async () => {
    const event = await lastEvent();
    await app.action({ actionId: EventActions.reportAttendance, value: String(event.id), userId: OTHER, channelId: `D${OTHER}` });
    await new Promise((r) => setTimeout(r, 200));
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
    await app.action({ actionId: EventActions.reportAttendance, value: String(event.id), userId: COANIM, channelId: `D${COANIM}` });
    const open = await app.slack.waitFor('views.open');
    expect((open.args.view as { callback_id: string }).callback_id).toBe(EventViews.attendance);
  });

  const attendance = (values: Partial<Record<keyof typeof AttendanceFields, Record<string, unknown>>>): Values =>
    Object.assign({}, ...Object.entries(values).map(([k, val]) => v(AttendanceFields[k as keyof typeof AttendanceFields], val)));

  it('checks that the parts never exceed the total, then records the report', async () => {
    const event = await lastEvent();
    const meta = JSON.stringify({ eventId: event.id });
    const bad = await app.submit({
      callbackId: EventViews.attendance,
      userId: COANIM,
      privateMetadata: meta,
      values: attendance({
        total: input.number('10'),
        women: input.number('6'),
        men: input.number('6'),
        jobSeekers: input.number('11'),
        sheetKept: input.radio('yes'),
      }),
    });
    expect(bad.json()).toEqual({
      response_action: 'errors',
      errors: {
        [AttendanceFields.jobSeekers.block]: 'Ne peut pas dépasser le total.',
        [AttendanceFields.genderUnknown.block]: 'Femmes + hommes + non renseigné ne peuvent pas dépasser le total.',
      },
    });
    const good = await app.submit({
      callbackId: EventViews.attendance,
      userId: COANIM,
      privateMetadata: meta,
      values: attendance({
        total: input.number('14'),
        women: input.number('8'),
        men: input.number('5'),
        genderUnknown: input.number('1'),
        jobSeekers: input.number('9'),
        under25: input.number('3'),
        over54: input.number('2'),
        firstTime: input.number('6'),
        sheetKept: input.radio('yes'),
        note: input.text('Très bon groupe'),
      }),
    });
    expect(good.body).toBe('');
    const thanks = await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === COANIM && String(c.args.text).includes('14 participant·es'),
    );
    expect(String(thanks.args.text)).toBe('Merci\u202f! 14 participant·es enregistré·es pour «\u00a0Atelier emploi\u00a0».');
    const saved = await app.services.events.get(TEAM_ID, event.id);
    expect(saved?.attendance).toEqual({
      total: 14,
      women: 8,
      men: 5,
      genderUnknown: 1,
      jobSeekers: 9,
      under25: 3,
      over54: 2,
      firstTime: 6,
      sheetKept: true,
      note: 'Très bon groupe',
      reportedBy: COANIM,
    });
    // Reported: nobody is asked about it any more.
    await app.db.database.prisma.event.update({ where: { id: event.id }, data: { attendanceRemindedAt: null } });
    app.slack.reset();
    await app.runJob('event-followups', new Date('2026-12-20T08:00:00Z'));
    expect(app.slack.calls.filter((c) => String(c.args.text).includes('«\u00a0Atelier emploi\u00a0»'))).toHaveLength(0);
  });

  it('asks straight away for the attendance of an event declared after it took place', async () => {
    app.clock.set('2026-12-20T10:00:00Z');
    await declare(
      ANIMATOR,
      form({
        title: input.text('Temps convivial passé'),
        format: input.select('temps_convivial'),
        date: input.date('2026-12-18'),
        startTime: input.time('18:00'),
        endTime: input.time('20:00'),
        pastConfirm: { type: 'checkboxes', selected_options: [{ value: 'yes', text: { type: 'plain_text', text: 'Oui' } }] },
      }),
    );
    const dm = await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === ANIMATOR && String(c.args.text).includes('Temps convivial passé'),
    );
    expect(JSON.stringify(dm.args.blocks)).toContain(EventActions.reportAttendance);
  });
});

describe('the event menu', () => {
  beforeEach(() => app.clock.set('2026-11-30T08:00:00Z'));

  it('lets the organiser edit from it, and asks before cancelling; refuses anyone else privately', async () => {
    await declare(ANIMATOR, form({ title: input.text('Atelier au menu') }));
    const event = await lastEvent();
    const menu = (userId: string, value: string) =>
      app.action({ actionId: EventActions.manage, userId, channelId: 'C0AGENDA', value, element: { type: 'overflow' } });

    app.slack.reset();
    await menu(ANIMATOR, `edit:${event.id}`);
    const edit = await app.slack.waitFor('views.open');
    expect(JSON.stringify(edit.args.view)).toContain('"initial_value":"Atelier au menu"');

    app.slack.reset();
    await menu(ANIMATOR, `cancel:${event.id}`);
    const ask = await app.slack.waitForResponse();
    expect(JSON.stringify(ask)).toContain('Annuler «\u00a0Atelier au menu\u00a0»');
    expect(JSON.stringify(ask)).toContain(EventActions.cancel);
    expect(JSON.stringify(ask)).toContain('"confirm"');
    expect((await lastEvent()).status).toBe('scheduled');

    app.slack.reset();
    await menu(OTHER, `cancel:${event.id}`);
    const refused = await app.slack.waitForResponse();
    expect(JSON.stringify(refused)).not.toContain(EventActions.cancel);
    expect(refused.response_type).toBe('ephemeral');
    expect((await lastEvent()).status).toBe('scheduled');
  });
});

describe('the attendance sheet', () => {
  beforeEach(() => app.clock.set('2026-11-30T08:00:00Z'));
  const menu = (userId: string, value: string) =>
    app.action({ actionId: EventActions.manage, userId, channelId: 'C0AGENDA', value, element: { type: 'overflow' } });

  it('comes as a PDF by direct message to an organiser or a coordinator, never to anyone else', async () => {
    await declare(ANIMATOR, form({ title: input.text('Atelier émargé'), expected: input.number('30') }));
    const event = await lastEvent();

    app.slack.reset();
    await menu(ANIMATOR, `sheet:${event.id}`);
    const done = await app.slack.waitFor('files.completeUploadExternal');
    expect(done.args.channel_id).toBe(`D${ANIMATOR}`);
    expect(String(done.args.initial_comment)).toContain(
      'Voici la feuille d’émargement de *Atelier émargé* à imprimer\u00a0: 36 lignes sur 2 pages.',
    );
    const [upload] = app.slack.uploads;
    expect(upload?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await readPdf(upload?.bytes ?? Buffer.alloc(0));
    expect(pdf.pages).toHaveLength(2);
    const first = (pdf.pages[0] ?? '').replace(/\s+/g, ' ');
    expect(first).toContain('Feuille d’émargement Atelier émargé');
    expect(first).toContain('jeudi 10 décembre 2026');
    expect(first).toContain('Lieu : La Fabrique de Crest Animation : User U0ANIM01');
    expect(first).toContain('Ce projet est cofinancé par le Fonds social européen (FSE+) et le Département.');
    expect(first).toContain('Page 1 sur 2');

    app.slack.reset();
    await menu(COORDINATOR, `sheet:${event.id}`);
    expect((await app.slack.waitFor('files.completeUploadExternal')).args.channel_id).toBe(`D${COORDINATOR}`);

    app.slack.reset();
    await menu(OTHER, `sheet:${event.id}`);
    const refused = await app.slack.waitForResponse();
    expect(refused.response_type).toBe('ephemeral');
    expect(app.slack.uploads).toHaveLength(0);
    expect(app.slack.calls.some((c) => c.method === 'files.getUploadURLExternal')).toBe(false);
  });

  it('is offered in the menu of the announcement and of the organiser’s App Home, in their language', async () => {
    await declare(ANIMATOR, form({ title: input.text('Atelier au menu émargé') }));
    const post = await app.slack.waitFor('chat.postMessage', (c) => String(c.args.text).includes('Atelier au menu émargé'));
    expect(JSON.stringify(post.args.blocks)).toContain('Feuille d’émargement (PDF)');
    app.slack.users.set('U0ENGLISH', { locale: 'en-GB' });
    await declare('U0ENGLISH', form({ title: input.text('Workshop with a sheet') }));
    const home = await app.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0ENGLISH');
    expect(JSON.stringify(home.args.view)).toContain('Attendance sheet (PDF)');
  });
});

describe('a declaration submitted twice', () => {
  beforeEach(() => app.clock.set('2026-11-30T08:00:00Z'));
  const count = (title: string) => app.db.database.prisma.event.count({ where: { title } });

  it('is stored once when the same view is sent again (a replay, a second click)', async () => {
    const values = form({ title: input.text('Atelier rejoué') });
    const first = await declare(ANIMATOR, values, undefined, 'V0TWICE1');
    const again = await declare(ANIMATOR, values, undefined, 'V0TWICE1');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toBe('');
    expect(await count('Atelier rejoué')).toBe(1);
  });

  it('is stored once when both clicks arrive together', async () => {
    const values = form({ title: input.text('Atelier double clic') });
    const answers = await Promise.all([1, 2, 3].map(() => declare(ANIMATOR, values, undefined, 'V0TWICE2')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await count('Atelier double clic')).toBe(1);
  });

  it('goes through once corrected after a refusal, in the same modal', async () => {
    const refused = await declare(
      ANIMATOR,
      form({ title: input.text('Atelier corrigé'), endTime: input.time('14:00') }),
      undefined,
      'V0TWICE3',
    );
    expect(refused.json()).toMatchObject({ response_action: 'errors' });
    const corrected = await declare(ANIMATOR, form({ title: input.text('Atelier corrigé') }), undefined, 'V0TWICE3');
    expect(corrected.body).toBe('');
    expect(await count('Atelier corrigé')).toBe(1);
  });

  it('counts the answer to a question the modal asked (a past date) as a new submission, not a repeat', async () => {
    const past = form({ title: input.text('Atelier passé confirmé'), date: input.date('2025-06-09') });
    const asked = await declare(ANIMATOR, past, undefined, 'V0TWICE5');
    expect(asked.json()).toMatchObject({ response_action: 'update' });
    expect(await count('Atelier passé confirmé')).toBe(0);
    // Same view and hash as Slack could send them back: the confirmation still goes through.
    const confirmed = await declare(
      ANIMATOR,
      {
        ...past,
        [EventFields.pastConfirm.block]: {
          value: { type: 'checkboxes', selected_options: [{ value: 'yes', text: { type: 'plain_text', text: 'Oui' } }] },
        },
      },
      undefined,
      'V0TWICE5',
    );
    expect(confirmed.json()).toMatchObject({ response_action: 'update', view: { callback_id: EventViews.attendance } });
    expect(await count('Atelier passé confirmé')).toBe(1);
  });

  it('answers a repeat with the same next step (a past event’s attendance report)', async () => {
    const values = {
      ...form({ title: input.text('Atelier passé rejoué'), date: input.date('2025-06-02') }),
      [EventFields.pastConfirm.block]: {
        value: { type: 'checkboxes', selected_options: [{ value: 'yes', text: { type: 'plain_text', text: 'Oui' } }] },
      },
    };
    const first = await declare(ANIMATOR, values, undefined, 'V0TWICE4');
    const again = await declare(ANIMATOR, values, undefined, 'V0TWICE4');
    expect(first.json()).toMatchObject({ response_action: 'update', view: { callback_id: EventViews.attendance } });
    expect(again.json()).toEqual(first.json());
    expect(await count('Atelier passé rejoué')).toBe(1);
  });
});

describe('a declaration holding what its modal did not ask for', () => {
  beforeEach(() => app.clock.set('2026-11-30T08:00:00Z'));

  async function realBlocks() {
    app.slack.reset();
    await app.command('/evenement', ANIMATOR);
    const view = (await app.slack.waitFor('views.open')).args.view as { blocks: Record<string, unknown>[] };
    return view.blocks;
  }
  const title = (text: string) => form({ title: input.text(text) });
  // Only the fields the opening modal shows (the optional ones are behind « Plus de détails »).
  const opening = (values: Values) => {
    const shown = { ...values };
    for (const field of [
      'themes',
      'audiences',
      'registrationUrl',
      'description',
      'seriesName',
      'seriesNumber',
      'address',
      'onlineUrl',
    ] as const) {
      delete shown[EventFields[field].block];
    }
    return shown;
  };

  it.each([
    ['a value under an action id the modal does not have', { [EventFields.title.block]: { evil: input.text('<!channel>') } }],
    ['a block the modal does not have', { event_admin: { value: input.text('oui') } }],
    ['a number where the modal has a user picker', { [EventFields.coanimators.block]: { value: input.number('12') } }],
  ])('refuses %s, stores nothing, and says why in the modal', async (_case, extra) => {
    const blocks = await realBlocks();
    const name = `Atelier piégé ${_case.length}`;
    const values = { ...opening(title(name)), ...extra };
    const res = await app.submit({ callbackId: EventViews.form, userId: ANIMATOR, values, blocks, privateMetadata: '{}' });
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: {
        [EventFields.title.block]:
          'Ce formulaire contient des valeurs qu’il ne demande pas\u00a0: rien n’a été enregistré. Fermez-le et rouvrez-le.',
      },
    });
    expect(await app.db.database.prisma.event.count({ where: { title: name } })).toBe(0);
  });

  it('accepts the same declaration holding exactly what the modal asked for', async () => {
    const blocks = await realBlocks();
    const res = await app.submit({
      callbackId: EventViews.form,
      userId: ANIMATOR,
      values: opening(title('Atelier honnête')),
      blocks,
      privateMetadata: '{}',
    });
    expect(res.body).toBe('');
    expect(await app.db.database.prisma.event.count({ where: { title: 'Atelier honnête' } })).toBe(1);
  });
});

describe('the declaration form shows what is relevant', () => {
  beforeEach(() => app.clock.set('2026-11-30T08:00:00Z'));

  it('opens with at most ten inputs: no address, no link, the optional fields behind “Plus de détails”', async () => {
    await app.command('/evenement', ANIMATOR, 'Repair café');
    const view = (await app.slack.waitFor('views.open')).args.view as FormView;
    const inputs = inputsOf(view);
    expect(inputs.length).toBeLessThanOrEqual(10);
    for (const hidden of [
      EventFields.address,
      EventFields.onlineUrl,
      EventFields.themes,
      EventFields.audiences,
      EventFields.seriesName,
      EventFields.seriesNumber,
      EventFields.registrationUrl,
      EventFields.description,
      EventFields.pastConfirm,
    ]) {
      expect(inputs).not.toContain(hidden.block);
    }
    expect(JSON.stringify(view)).toContain('Plus de détails');
    expect(JSON.stringify(view)).toContain(EventActions.moreDetails);
  });

  it('preselects the space of the animator’s contract, else of their last declaration, else none', async () => {
    const newcomer = 'U0NEWBIE1';
    await app.command('/evenement', newcomer);
    let view = (await app.slack.waitFor('views.open')).args.view as FormView;
    expect(elementOf(view, EventFields.spaces)?.initial_options).toBeUndefined();

    app.slack.reset();
    await app.db.database.prisma.contract.create({
      data: {
        teamId: TEAM_ID,
        userId: OTHER,
        spaceId: die,
        type: 'pec',
        startDate: '2026-01-05',
        endDate: '2027-01-04',
        prescriber: 'france_travail',
        createdBy: COORDINATOR,
      },
    });
    await app.command('/evenement', OTHER);
    view = (await app.slack.waitFor('views.open')).args.view as FormView;
    expect(elementOf(view, EventFields.spaces)?.initial_options).toEqual([expect.objectContaining({ value: String(die) })]);

    // Someone without a contract who declared at Crest finds Crest chosen next time.
    app.slack.reset();
    await declare(COANIM, form({ title: input.text('Atelier soudure'), spaces: input.multi([String(crest)]) }));
    await app.command('/evenement', COANIM);
    view = (await app.slack.waitFor('views.open')).args.view as FormView;
    expect(elementOf(view, EventFields.spaces)?.initial_options).toEqual([expect.objectContaining({ value: String(crest) })]);
  });

  it('asks for the address or the link only when “Où ?” asks for it, keeping what was typed', async () => {
    await app.command('/evenement', ANIMATOR);
    const open = (await app.slack.waitFor('views.open')).args.view as FormView;
    const typed = form({ title: input.text('Balade numérique'), location: input.radio('elsewhere'), expected: input.number('8') });
    const elsewhere = await inModal(open, EventFields.location.block, input.radio('elsewhere'), typed);
    expect(inputsOf(elsewhere)).toContain(EventFields.address.block);
    expect(inputsOf(elsewhere)).not.toContain(EventFields.onlineUrl.block);
    expect(elementOf(elsewhere, EventFields.title)?.initial_value).toBe('Balade numérique');
    expect(elementOf(elsewhere, EventFields.expected)?.initial_value).toBe('8');
    expect(elementOf(elsewhere, EventFields.date)?.initial_date).toBe('2026-12-10');
    expect(elementOf(elsewhere, EventFields.startTime)?.initial_time).toBe('14:30');

    const online = await inModal(elsewhere, EventFields.location.block, input.radio('online'), {
      ...typed,
      ...form({ location: input.radio('online') }),
    });
    expect(inputsOf(online)).toContain(EventFields.onlineUrl.block);
    expect(inputsOf(online)).not.toContain(EventFields.address.block);

    const back = await inModal(online, EventFields.location.block, input.radio('space'), form({ location: input.radio('space') }));
    expect(inputsOf(back)).not.toContain(EventFields.onlineUrl.block);
    expect(inputsOf(back)).not.toContain(EventFields.address.block);
  });

  it('shows the optional fields on “Plus de détails”, keeps them shown, and declares without them when skipped', async () => {
    await app.command('/evenement', ANIMATOR);
    const open = (await app.slack.waitFor('views.open')).args.view as FormView;
    const more = await inModal(open, EventActions.moreDetails, undefined, form({ title: input.text('Fresque du numérique') }));
    for (const field of [
      EventFields.themes,
      EventFields.audiences,
      EventFields.seriesName,
      EventFields.registrationUrl,
      EventFields.description,
    ]) {
      expect(inputsOf(more)).toContain(field.block);
    }
    expect(elementOf(more, EventFields.title)?.initial_value).toBe('Fresque du numérique');
    // Changing "Où ?" afterwards does not hide them again.
    const moved = await inModal(more, EventFields.location.block, input.radio('online'), form({ location: input.radio('online') }));
    expect(inputsOf(moved)).toContain(EventFields.description.block);

    // Skipped: a declaration with only the first page's fields goes through.
    const skipped = form({ title: input.text('Permanence sans détails') });
    for (const field of ['themes', 'audiences', 'registrationUrl', 'description', 'seriesName', 'seriesNumber'] as const) {
      delete skipped[EventFields[field].block];
    }
    const res = await declare(ANIMATOR, skipped);
    expect(res.body).toBe('');
    const event = await lastEvent();
    expect(event.title).toBe('Permanence sans détails');
    expect(event.themes).toEqual([]);
  });

  it('ignores a redraw made from an older state of the modal (a newer one is on its way)', async () => {
    await app.command('/evenement', ANIMATOR);
    const open = (await app.slack.waitFor('views.open')).args.view as FormView;
    app.slack.reset();
    app.slack.fail('views.update', { error: 'hash_conflict' });
    await app.action({
      actionId: 'value',
      blockId: EventFields.location.block,
      userId: ANIMATOR,
      view: {
        id: 'V0FORM',
        callbackId: EventViews.form,
        values: form({ location: input.radio('online') }),
        privateMetadata: open.private_metadata,
      },
      element: input.radio('online'),
    });
    await app.slack.waitFor('views.update');
    await new Promise((r) => setTimeout(r, 200));
    // No apology (the redraw was moot, not failed).
    const said = app.slack.calls
      .filter((c) => c.method === 'chat.postEphemeral' || c.method === 'chat.postMessage')
      .map((c) => String(c.args.text));
    expect(said.filter((text) => /Slack n’a pas répondu|Désolé/.test(text))).toEqual([]);
  });

  it('asks to confirm an event that has already taken place, then moves on to its attendance', async () => {
    await app.command('/evenement', ANIMATOR);
    const open = (await app.slack.waitFor('views.open')).args.view as FormView;
    const past = form({ title: input.text('Atelier de l’an dernier'), date: input.date('2025-10-20') });
    const asked = await inModal(open, EventFields.date.block, input.date('2025-10-20'), past);
    expect(inputsOf(asked)).toContain(EventFields.pastConfirm.block);
    expect(JSON.stringify(asked)).toContain('Cet évènement a déjà eu lieu');
    // A future date takes the question away.
    const future = await inModal(asked, EventFields.date.block, input.date('2026-12-10'), form());
    expect(inputsOf(future)).not.toContain(EventFields.pastConfirm.block);

    const before = await app.db.database.prisma.event.count();
    // Submitted before the question could show: the modal asks it, with everything typed kept.
    const unasked = await declare(ANIMATOR, past);
    const update = unasked.json() as { response_action: string; view: FormView };
    expect(update.response_action).toBe('update');
    expect(inputsOf(update.view)).toContain(EventFields.pastConfirm.block);
    expect(elementOf(update.view, EventFields.title)?.initial_value).toBe('Atelier de l’an dernier');
    // Asked and left unticked: a clear refusal, nothing stored.
    const unticked = await declare(ANIMATOR, {
      ...past,
      [EventFields.pastConfirm.block]: { value: { type: 'checkboxes', selected_options: [] } },
    });
    expect(unticked.json()).toEqual({
      response_action: 'errors',
      errors: {
        [EventFields.pastConfirm.block]: 'Cet évènement a déjà eu lieu\u00a0: cochez la case pour le déclarer et saisir la fréquentation.',
      },
    });
    expect(await app.db.database.prisma.event.count()).toBe(before);

    const confirmed = await declare(ANIMATOR, {
      ...past,
      [EventFields.pastConfirm.block]: {
        value: { type: 'checkboxes', selected_options: [{ value: 'yes', text: { type: 'plain_text', text: 'Oui' } }] },
      },
    });
    const next = confirmed.json() as { response_action: string; view: { callback_id: string; private_metadata: string } };
    expect(next.response_action).toBe('update');
    expect(next.view.callback_id).toBe(EventViews.attendance);
    const event = await lastEvent();
    expect(event.title).toBe('Atelier de l’an dernier');
    expect(JSON.parse(next.view.private_metadata)).toEqual({ eventId: event.id });
  });

  it('does not ask again when an organiser edits an event that has taken place', async () => {
    app.clock.set('2026-12-20T10:00:00Z');
    const event = await lastEvent();
    const res = await declare(ANIMATOR, form({ title: input.text('Atelier de l’an dernier (modifié)'), date: input.date('2025-10-20') }), {
      channelId: 'C0GENERAL',
      eventId: event.id,
    } as { channelId: string });
    expect(res.body).toBe('');
    expect((await lastEvent()).title).toBe('Atelier de l’an dernier (modifié)');
  });

  it('speaks English to an English-speaking animator', async () => {
    app.slack.users.set('U0ENGLISH', { locale: 'en-US' });
    await app.command('/evenement', 'U0ENGLISH');
    const open = (await app.slack.waitFor('views.open')).args.view as FormView;
    expect(JSON.stringify(open)).toContain('More details');
    const past = form({ date: input.date('2025-10-20') });
    const asked = await inModal(open, EventFields.date.block, input.date('2025-10-20'), past, 'U0ENGLISH');
    expect(JSON.stringify(asked)).toContain('This event has already taken place');
  });
});

describe('/agenda', () => {
  it('lists the coming events grouped by day, within Slack’s limits, with “and N more”', async () => {
    app.clock.set('2027-01-04T08:00:00Z');
    const prisma = app.db.database.prisma;
    for (let i = 0; i < 40; i++) {
      await prisma.event.create({
        data: {
          teamId: TEAM_ID,
          uid: `bulk-${i}@test`,
          title: `Permanence ${i}`,
          format: 'permanence',
          startAt: new Date(Date.UTC(2027, 0, 5 + (i % 10), 9, 0)),
          endAt: new Date(Date.UTC(2027, 0, 5 + (i % 10), 11, 0)),
          createdBy: ANIMATOR,
          updatedBy: ANIMATOR,
          spaces: { create: [{ spaceId: die }] },
          organizers: { create: [{ userId: ANIMATOR, isCreator: true }] },
        },
      });
    }
    await app.command('/agenda', ANIMATOR);
    const reply = await app.slack.waitForResponse();
    const blocks = reply.blocks as unknown[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(blocks);
    expect(text).toContain('Agenda du réseau — 14 prochains jours');
    expect(text).toContain('*mardi 5\u00a0janvier 2027*');
    expect(text).toMatch(/… et \d+ de plus/);
  });

  it('filters by space, and says which spaces exist when the word is unknown', async () => {
    await app.command('/agenda', ANIMATOR, 'Crest');
    const reply = await app.slack.waitForResponse();
    expect(JSON.stringify(reply)).toContain('La Fabrique de Crest, 31 prochains jours');
    expect(JSON.stringify(reply)).not.toContain('Permanence');
    app.slack.reset();
    await app.command('/agenda', ANIMATOR, 'Valence <!channel>');
    const unknown = await app.slack.waitForResponse();
    expect(String(unknown.text)).toContain('Je ne connais pas «\u00a0Valence &lt;!channel&gt;\u00a0»');
    expect(String(unknown.text)).toContain('La Fabrique de Crest');
  });
});

describe('clock changes', () => {
  it('stores and shows local times correctly on the day of the March clock change', async () => {
    app.clock.set('2027-03-01T08:00:00Z');
    await declare(
      ANIMATOR,
      form({
        title: input.text('Atelier du changement d’heure'),
        date: input.date('2027-03-28'),
        startTime: input.time('10:00'),
        endTime: input.time('12:00'),
      }),
    );
    const event = await lastEvent();
    expect([event.startAt.toISOString(), event.endAt.toISOString()]).toEqual(['2027-03-28T08:00:00.000Z', '2027-03-28T10:00:00.000Z']);
    const post = await app.slack.waitFor('chat.postMessage', (c) => JSON.stringify(c.args.blocks ?? '').includes('changement d’heure'));
    expect(JSON.stringify(post.args.blocks)).toContain('dimanche 28\u00a0mars 2027, 10\u00a0h\u00a000 – 12\u00a0h\u00a000');
  });

  it('and in October, when the clock goes back', async () => {
    await declare(
      ANIMATOR,
      form({
        title: input.text('Atelier d’octobre'),
        date: input.date('2027-10-31'),
        startTime: input.time('10:00'),
        endTime: input.time('12:00'),
      }),
    );
    const event = await lastEvent();
    expect(event.startAt.toISOString()).toBe('2027-10-31T09:00:00.000Z');
  });
});
