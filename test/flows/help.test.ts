import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HelpActions, HelpFields, HelpViews } from '../../src/features/help/ids.ts';
import { SkillActions, SkillFields, SkillViews } from '../../src/features/skills/ids.ts';
import { input, TEAM_ID } from '../support/slack-requests.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const ASKER = 'U0ASKER01';
const MAKER = 'U0MAKER01';
const MAKER2 = 'U0MAKER02';
const SHY = 'U0SHY0001';
const STRANGER = 'U0STRANGE';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { HELP_CHANNEL_ID: 'C0HELP', COORDINATION_CHANNEL_ID: 'G0COORD' }, now: '2026-11-30T09:00:00Z' });
  await app.services.skills.save(TEAM_ID, MAKER, ['Impression 3D', 'Arduino'], false);
  await app.services.skills.save(TEAM_ID, MAKER2, ['impression 3d', 'Découpe laser'], false);
  await app.services.skills.save(TEAM_ID, SHY, ['Impression 3D'], true);
  await app.services.skills.save(TEAM_ID, ASKER, ['Impression 3D'], false);
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

type Values = Record<string, Record<string, Record<string, unknown>>>;
function askForm(over: Partial<Record<keyof typeof HelpFields, Record<string, unknown>>> = {}): Values {
  const base = {
    question: input.text('Mon imprimante 3D bouche, une idée ?'),
    details: input.text('Buse de 0,4 mm, PLA.'),
    category: input.select('fabrication'),
    urgency: input.radio('today'),
    skills: input.multi(['Impression 3D']),
    otherSkills: input.text(null),
    ...over,
  };
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [HelpFields[k as keyof typeof HelpFields].block, { value: v }]));
}

async function ask(values: Values, userId = ASKER) {
  return app.submit({ callbackId: HelpViews.ask, userId, values, privateMetadata: JSON.stringify({ channelId: 'C0GENERAL' }) });
}

async function lastRequest() {
  const row = await app.db.database.prisma.helpRequest.findFirst({ where: { teamId: TEAM_ID }, orderBy: { id: 'desc' } });
  if (!row) throw new Error('a request exists');
  const r = await app.services.help.get(TEAM_ID, row.id);
  if (!r) throw new Error('request');
  return r;
}

async function postTs(requestId: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const row = await app.db.database.prisma.outboxMessage.findFirst({ where: { ref: `help:${requestId}:post` } });
    if (row?.sentTs) return row.sentTs;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the request was never posted');
}

const reply = (user: string, threadTs: string, ts: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: 'C0HELP',
  channel_type: 'channel',
  user,
  text: 'Essaie de la chauffer à 240 °C',
  ts,
  thread_ts: threadTs,
  event_ts: ts,
  ...extra,
});

describe('/entraide', () => {
  it('opens the request modal at once, pre-filled with the text', async () => {
    await app.command('/entraide', ASKER, 'Qui connaît Nextcloud ?');
    const open = await app.slack.waitFor('views.open');
    const view = JSON.stringify(open.args.view);
    expect(view).toContain('"initial_value":"Qui connaît Nextcloud ?"');
    expect(view).toContain('Fabrication / fab-lab');
    expect(view).toContain('Quand c’est possible');
    expect(view).toContain('Impression 3D');
  });

  it.each([
    ['an empty question', { question: input.text('   ') }, HelpFields.question.block, 'Écrivez votre question.'],
    ['no category', { category: input.select(null) }, HelpFields.category.block, 'Choisissez une catégorie.'],
  ])('answers %s inside the modal', async (_case, over, block, message) => {
    const before = await app.db.database.prisma.helpRequest.count();
    const res = await ask(askForm(over));
    expect(res.json()).toEqual({ response_action: 'errors', errors: { [block]: message } });
    expect(await app.db.database.prisma.helpRequest.count()).toBe(before);
  });

  it('posts the request in the help channel, escaped, and suggests matching peers in its thread', async () => {
    const res = await ask(askForm({ question: input.text('<!channel> Mon imprimante 3D bouche <https://evil|ici>') }));
    expect(res.body).toBe('');
    const request = await lastRequest();
    const post = await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0HELP' && !c.args.thread_ts);
    const text = JSON.stringify(post.args);
    expect(text).toContain('&lt;!channel&gt; Mon imprimante 3D bouche &lt;https://evil|ici&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain(`<@${ASKER}> demande de l’aide · Fabrication / fab-lab · Aujourd’hui`);
    expect(text).toContain('Ouverte');
    expect(text).toContain(HelpActions.take);
    expect(text).toContain(HelpActions.resolve);
    const ts = await postTs(request.id);
    const suggestion = await app.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === ts);
    expect(String(suggestion.args.text)).toContain(`<@${MAKER}>`);
    expect(String(suggestion.args.text)).toContain(`<@${MAKER2}>`);
    expect(String(suggestion.args.text)).not.toContain(ASKER);
    expect(String(suggestion.args.text)).not.toContain(SHY);
    const notice = await app.slack.waitFor('chat.postEphemeral', (c) => c.args.user === ASKER);
    expect(String(notice.args.text)).toContain('<#C0HELP>');
  });

  it('refuses the requester taking their own request; lets several peers take it; updates the post', async () => {
    const request = await lastRequest();
    await app.action({ actionId: HelpActions.take, value: String(request.id), userId: ASKER, channelId: 'C0HELP' });
    await new Promise((r) => setTimeout(r, 200));
    expect(String(app.slack.responses[0]?.body.text)).toContain('votre propre demande');
    app.slack.reset();
    await app.action({ actionId: HelpActions.take, value: String(request.id), userId: MAKER, channelId: 'C0HELP' });
    await app.slack.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes(`<@${MAKER}>`));
    // A double click: the second one changes nothing.
    await Promise.all([
      app.action({ actionId: HelpActions.take, value: String(request.id), userId: MAKER2, channelId: 'C0HELP' }),
      app.action({ actionId: HelpActions.take, value: String(request.id), userId: MAKER2, channelId: 'C0HELP' }),
    ]);
    const update = await app.slack.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes(`<@${MAKER2}>`));
    expect(JSON.stringify(update.args.blocks)).toContain('Prise en charge');
    // The green button now names who took it.
    expect(JSON.stringify(update.args.blocks)).toContain(`🤝 Pris par User ${MAKER}, User ${MAKER2}`);
    const taken = await lastRequest();
    expect(taken.status).toBe('taken');
    expect(taken.helpers).toEqual([MAKER, MAKER2]);
    const ts = await postTs(request.id);
    await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.thread_ts === ts && c.args.text === `<@${ASKER}>\u00a0: <@${MAKER2}> s’en occupe.`,
    );
    const told = app.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.thread_ts === ts && String(c.args.text).includes('s’en occupe'));
    expect(told.map((c) => c.args.text)).toEqual([
      `<@${ASKER}>\u00a0: <@${MAKER}> s’en occupe.`,
      `<@${ASKER}>\u00a0: <@${MAKER2}> s’en occupe.`,
    ]);
  });
});

describe('matching', () => {
  it('suggests at most three peers, never the requester nor those who opted out, recent helpers last', async () => {
    const team = 'T0MATCH';
    const { skills, help } = app.services;
    for (const u of ['U0M1', 'U0M2', 'U0M3', 'U0M4']) await skills.save(team, u, ['Canva'], false);
    await skills.save(team, 'U0MOPTOUT', ['Canva'], true);
    await skills.save(team, 'U0MASKER', ['Canva'], false);
    // U0M1 helped last week: suggested last (here: left out of the three).
    const old = await app.db.database.prisma.helpRequest.create({
      data: {
        teamId: team,
        requesterId: 'U0MX',
        question: 'q',
        category: 'communication',
        urgency: 'week',
        channelId: 'C0X',
        lastActivityAt: app.clock.now(),
      },
    });
    await app.db.database.prisma.helpHelper.create({ data: { requestId: old.id, userId: 'U0M1', takenAt: app.clock.now() } });
    const suggested = await help.suggestions(team, { requesterId: 'U0MASKER', category: 'autre', skillsWanted: ['canva'] });
    expect(suggested).toEqual(['U0M2', 'U0M3', 'U0M4']);
    const byCategory = await help.suggestions(team, { requesterId: 'U0M2', category: 'communication', skillsWanted: [] });
    expect(byCategory).toEqual(['U0M3', 'U0M4', 'U0MASKER']);
  });
});

describe('thread replies', () => {
  it('counts a reply once, whatever the duplicates, and ignores bots, edits and the requester', async () => {
    const request = await lastRequest();
    const ts = await postTs(request.id);
    await app.event(reply(MAKER, ts, '1764499500.000100'), 'EvANSWER1');
    await app.event(reply(MAKER, ts, '1764499500.000100'), 'EvANSWER1', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    await app.event(reply(MAKER, ts, '1764499500.000100'), 'EvANSWER1-redelivered');
    await app.event(reply('U0BOT', ts, '1764499600.000100', { bot_id: 'B0BOT' }), 'EvBOT');
    await app.event(reply(MAKER2, ts, '1764499700.000100', { bot_id: 'B0OTHERAPP' }), 'EvOTHERBOT');
    await app.event(
      {
        type: 'message',
        subtype: 'message_changed',
        channel: 'C0HELP',
        ts: '1764499800.000100',
        message: { user: MAKER2, text: 'édité', ts: '1764499501.000100', thread_ts: ts },
      },
      'EvEDIT',
    );
    await app.event(reply(ASKER, ts, '1764499900.000100'), 'EvASKER');
    await app.event(reply(MAKER2, '1111.2222', '1764499950.000100'), 'EvOTHERTHREAD');
    await new Promise((r) => setTimeout(r, 300));
    const after = await lastRequest();
    expect(after.answersCount).toBe(1);
    expect(after.answerers).toEqual([MAKER]);
    expect(after.firstAnswerAt?.toISOString()).toBe(new Date(1764499500_000).toISOString());
    await app.slack.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes('1 réponse'));
  });
});

describe('resolving', () => {
  it('refuses someone who is neither requester, helper nor coordinator', async () => {
    const request = await lastRequest();
    await app.action({ actionId: HelpActions.resolve, value: String(request.id), userId: STRANGER, channelId: 'C0HELP' });
    await new Promise((r) => setTimeout(r, 200));
    expect(String(app.slack.responses[0]?.body.text)).toContain('Seuls la personne qui demande');
    expect((await lastRequest()).status).toBe('taken');
  });

  it('resolves by a helper, updates the post, asks the requester who helped and thanks them', async () => {
    const request = await lastRequest();
    const ts = await postTs(request.id);
    await app.action({ actionId: HelpActions.resolve, value: String(request.id), userId: MAKER, channelId: 'C0HELP' });
    const update = await app.slack.waitFor('chat.update', (c) => JSON.stringify(c.args.blocks).includes('Résolue'));
    expect(JSON.stringify(update.args.blocks)).not.toContain(HelpActions.take);
    await app.slack.waitFor('chat.postMessage', (c) => c.args.thread_ts === ts && String(c.args.text).includes('Demande résolue'));
    const ask = await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === ASKER && JSON.stringify(c.args.blocks ?? '').includes(HelpActions.thank),
    );
    expect(JSON.stringify(ask.args.blocks)).toContain(`"initial_users":["${MAKER}","${MAKER2}"]`);
    const resolved = await lastRequest();
    expect([resolved.status, resolved.resolvedBy]).toEqual(['resolved', MAKER]);

    await app.action({
      actionId: HelpActions.thank,
      value: String(request.id),
      userId: ASKER,
      channelId: `D${ASKER}`,
      stateValues: { [HelpFields.thanked.block]: { [HelpFields.thanked.action]: input.users([MAKER, 'U0NEWHELP']) } },
    });
    await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.thread_ts === ts && String(c.args.text).includes(`Merci à <@${MAKER}>, <@U0NEWHELP>`),
    );
    const thanked = await app.db.database.prisma.helpHelper.findMany({
      where: { requestId: request.id, thanked: true },
      orderBy: { userId: 'asc' },
    });
    expect(thanked.map((h) => h.userId)).toEqual([MAKER, 'U0NEWHELP']);
  });
});

describe('nudges', () => {
  const job = () => {
    const j = app.services.jobs.find((x) => x.name === 'help-nudges');
    if (!j) throw new Error('help-nudges is registered');
    return j;
  };
  const run = async (at: string) => {
    app.clock.set(at);
    await app.scheduler().runSlot(job(), new Date(at));
  };

  it('pings peers after the window, then the coordinators after twice the window, each once', async () => {
    // Monday 7 December 2026, 10:00 in Paris; urgency "today": 2 office hours.
    app.clock.set('2026-12-07T09:00:00Z');
    await ask(askForm({ question: input.text('Arduino qui ne répond plus'), skills: input.multi([]), otherSkills: input.text('arduino') }));
    const request = await lastRequest();
    const ts = await postTs(request.id);
    const inThread = (word: string) =>
      app.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts && String(c.args.text).includes(word));
    await run('2026-12-07T10:45:00Z');
    expect(inThread('Toujours sans réponse')).toHaveLength(0);
    await run('2026-12-07T11:00:00Z');
    await run('2026-12-07T11:15:00Z');
    expect(inThread('Toujours sans réponse')).toHaveLength(1);
    expect(String(inThread('Toujours sans réponse')[0]?.args.text)).toContain(`<@${MAKER}>`);
    const alerts = () =>
      app.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === 'G0COORD' && String(c.args.text).includes('Arduino qui ne répond plus'));
    await run('2026-12-07T12:45:00Z');
    expect(alerts()).toHaveLength(0);
    await run('2026-12-07T13:00:00Z');
    await run('2026-12-07T15:00:00Z');
    await run('2026-12-08T09:00:00Z');
    expect(alerts()).toHaveLength(1);
    expect(inThread('Toujours sans réponse')).toHaveLength(1);
  });

  it('counts "today" in office hours: asked on Friday evening, peers are pinged on Monday morning', async () => {
    app.clock.set('2026-12-11T18:00:00Z'); // Friday 19:00
    await ask(askForm({ question: input.text('Question du vendredi soir') }));
    const request = await lastRequest();
    const ts = await postTs(request.id);
    const nudges = () =>
      app.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts && String(c.args.text).includes('Toujours sans réponse'));
    await run('2026-12-12T12:00:00Z');
    await run('2026-12-14T08:45:00Z'); // Monday 09:45
    expect(nudges()).toHaveLength(0);
    await run('2026-12-14T10:00:00Z'); // Monday 11:00
    expect(nudges()).toHaveLength(1);
  });

  it('sends nothing once a request is answered or resolved', async () => {
    app.clock.set('2026-12-15T09:00:00Z');
    await ask(askForm({ question: input.text('Vite répondue'), urgency: input.radio('week') }));
    const answered = await lastRequest();
    await app.event(reply(MAKER2, await postTs(answered.id), '1797325500.000100'), 'EvQUICK');
    await app.slack.waitFor(
      'chat.update',
      (c) => JSON.stringify(c.args.blocks).includes('Vite répondue') && JSON.stringify(c.args.blocks).includes('1 réponse'),
    );
    await ask(askForm({ question: input.text('Vite résolue'), urgency: input.radio('week') }));
    const resolved = await lastRequest();
    await postTs(resolved.id);
    await app.action({ actionId: HelpActions.resolve, value: String(resolved.id), userId: ASKER, channelId: 'C0HELP' });
    await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === ASKER && String(c.args.text).includes('«\u00a0Vite résolue\u00a0» est résolue'),
    );
    app.slack.reset();
    await run('2026-12-17T09:00:00Z');
    await run('2026-12-22T09:00:00Z');
    // (The requester's App Home may be refreshed; no message is sent.)
    const about = app.slack.calls.filter((c) => c.method.startsWith('chat.') && /Vite (répondue|résolue)/.test(JSON.stringify(c.args)));
    expect(about.map((c) => [c.method, c.args.channel, c.args.text])).toEqual([]);
  });

  it('asks the requester once, after 14 days without activity, to close or keep the request', async () => {
    app.clock.set('2027-01-04T09:00:00Z');
    await ask(askForm({ question: input.text('Une vieille question'), urgency: input.radio('whenever') }));
    const request = await lastRequest();
    await app.action({ actionId: HelpActions.take, value: String(request.id), userId: MAKER, channelId: 'C0HELP' });
    await app.slack.waitFor('chat.update');
    const stale = () =>
      app.slack
        .callsTo('chat.postMessage')
        .filter(
          (c) => c.args.channel === ASKER && String(c.args.text).includes('«\u00a0Une vieille question\u00a0» est ouverte depuis 14 jours'),
        );
    await run('2027-01-17T09:00:00Z');
    expect(stale()).toHaveLength(0);
    await run('2027-01-18T09:30:00Z');
    await run('2027-01-19T09:30:00Z');
    expect(stale()).toHaveLength(1);
    expect(JSON.stringify(stale()[0]?.args.blocks)).toContain(HelpActions.close);
    await app.action({ actionId: HelpActions.keep, value: String(request.id), userId: STRANGER, channelId: `D${ASKER}` });
    await new Promise((r) => setTimeout(r, 150));
    expect((await lastRequest()).status).toBe('taken');
    await app.action({ actionId: HelpActions.close, value: String(request.id), userId: ASKER, channelId: `D${ASKER}` });
    await app.slack.waitFor(
      'chat.update',
      (c) => JSON.stringify(c.args.blocks).includes('Une vieille question') && JSON.stringify(c.args.blocks).includes('Résolue'),
    );
    expect((await lastRequest()).status).toBe('resolved');
  });
});

describe('skills', () => {
  it('normalises tags so that « Impression 3D » and « impression 3d » are one, and keeps the network’s spelling', async () => {
    const res = await app.submit({
      callbackId: SkillViews.edit,
      userId: 'U0NEWBIE1',
      values: {
        [SkillFields.added.block]: {
          [SkillFields.added.action]: input.text('IMPRESSION   3d, impression 3D ; Couture\nDécoupe Laser'),
        },
        [SkillFields.optOut.block]: { [SkillFields.optOut.action]: input.checkboxes([]) },
      },
    });
    expect(res.body).toBe('');
    const mine = await app.services.skills.ofMember(TEAM_ID, 'U0NEWBIE1');
    expect(mine.skills.map((s) => [s.tag, s.label]).sort()).toEqual([
      ['couture', 'Couture'],
      ['decoupe laser', 'Découpe laser'],
      ['impression 3d', 'Impression 3D'],
    ]);
    const dm = await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'U0NEWBIE1');
    expect(String(dm.args.text)).toContain('Vos compétences');
  });

  it('refuses an over-long skill inside the modal', async () => {
    const res = await app.submit({
      callbackId: SkillViews.edit,
      userId: 'U0NEWBIE1',
      values: { [SkillFields.added.block]: { [SkillFields.added.action]: input.text('x'.repeat(41)) } },
    });
    expect(JSON.stringify(res.json())).toContain('40 caractères au plus');
  });

  it('lists who has a skill with /competences <word>, escaping what was typed', async () => {
    await app.command('/competences', STRANGER, 'impression');
    const found = await app.slack.waitForResponse();
    const text = JSON.stringify(found);
    for (const user of [MAKER, MAKER2, SHY, 'U0NEWBIE1']) expect(text).toContain(`<@${user}>`);
    app.slack.reset();
    await app.command('/competences', STRANGER, '<!channel> plongée');
    const none = await app.slack.waitForResponse();
    expect(String(none.text)).toContain('Personne n’a encore déclaré «\u00a0&lt;!channel&gt; plongée\u00a0»');
  });

  it('opens the skills modal with my skills and the opt-out', async () => {
    await app.command('/competences', SHY);
    const open = await app.slack.waitFor('views.open');
    const view = JSON.stringify(open.args.view);
    expect(view).toContain('"callback_id":"skills_edit"');
    expect(view).toContain('"initial_options":[{"text":{"type":"plain_text","text":"Ne pas me suggérer');
  });
});

describe('App Home', () => {
  it('shows my open requests, those I took, and open ones matching my skills with a button to take them', async () => {
    app.clock.set('2027-02-01T09:00:00Z');
    await ask(
      askForm({
        question: input.text('Besoin d’un coup de main en découpe laser'),
        skills: input.multi(['Découpe laser']),
        urgency: input.radio('whenever'),
      }),
    );
    app.slack.reset();
    await app.event({ type: 'app_home_opened', user: MAKER2, channel: `D${MAKER2}`, tab: 'home', event_ts: '1.1' });
    const home = JSON.stringify((await app.slack.waitFor('views.publish', (c) => c.args.user_id === MAKER2)).args.view);
    expect(home).toContain('Demandes ouvertes qui correspondent à mes compétences');
    expect(home).toContain('Besoin d’un coup de main en découpe laser');
    expect(home).toContain(HelpActions.take);
    expect(home).toContain(HelpActions.ask);
    expect(home).toContain(SkillActions.open);
  });
});
