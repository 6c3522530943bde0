import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CoordinatorFields,
  FundingFields,
  NetworkActions,
  NetworkViews,
  SettingsFields,
  SpaceFields,
} from '../../src/features/network/ids.ts';
import { input, TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

/** The settings modal as submitted: only the fields given. */
function settingsValues(fields: {
  agenda?: string | null;
  help?: string | null;
  coordination?: string | null;
  target?: string;
  cron?: string;
}) {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  const put = (field: { block: string; action: string }, element: Record<string, unknown>) => {
    values[field.block] = { [field.action]: element };
  };
  if (fields.agenda !== undefined) put(SettingsFields.agenda, input.conversation(fields.agenda));
  if (fields.help !== undefined) put(SettingsFields.help, input.conversation(fields.help));
  if (fields.coordination !== undefined) put(SettingsFields.coordination, input.conversation(fields.coordination));
  if (fields.target !== undefined) put(SettingsFields.target, input.number(fields.target));
  if (fields.cron !== undefined) put(SettingsFields.digestCron, input.text(fields.cron));
  return values;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

function viewText(view: unknown): string {
  return JSON.stringify(view);
}

const spaceValues = (name: string, town = 'Crest', channel: string | null = null, kind = 'fablab') => ({
  [SpaceFields.name.block]: { [SpaceFields.name.action]: input.text(name) },
  [SpaceFields.town.block]: { [SpaceFields.town.action]: input.text(town) },
  [SpaceFields.kind.block]: { [SpaceFields.kind.action]: input.select(kind) },
  [SpaceFields.channel.block]: { [SpaceFields.channel.action]: input.conversation(channel) },
});

describe('/reseau', () => {
  it('opens the network overview for a coordinator', async () => {
    const res = await app.command('/reseau', COORDINATOR);
    expect(res.status).toBe(200);
    const open = await app.slack.waitFor('views.open');
    const view = open.args.view as { callback_id: string; title: { text: string } };
    expect(view.callback_id).toBe(NetworkViews.overview);
    expect(view.title.text).toBe('Réseau');
    expect(viewText(view)).toContain('Aucun espace');
  });

  it('refuses an animator, in their language, and opens nothing', async () => {
    app.slack.users.set('U0ENGLISH', { locale: 'en-GB' });
    await app.command('/reseau', ANIMATOR);
    const reply = await app.slack.waitForResponse();
    expect(reply.text).toContain('réservée aux coordinateur·rices');
    app.slack.reset();
    await app.command('/reseau', 'U0ENGLISH');
    const english = await app.slack.waitForResponse();
    expect(english.text).toContain('Only the network’s coordinators');
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('adds a space from the pushed modal and refreshes the overview underneath', async () => {
    await app.action({ actionId: NetworkActions.addSpace, userId: COORDINATOR, view: { id: 'V0ROOT', callbackId: NetworkViews.overview } });
    const push = await app.slack.waitFor('views.push');
    const pushed = push.args.view as { callback_id: string; private_metadata: string };
    expect(pushed.callback_id).toBe(NetworkViews.space);

    const res = await app.submit({
      callbackId: NetworkViews.space,
      userId: COORDINATOR,
      values: spaceValues('La Fabrique de Crest', 'Crest', 'C0FABRIQ'),
      privateMetadata: pushed.private_metadata,
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const spaces = await app.services.network.listSpaces(TEAM_ID);
    expect(spaces.map((s) => [s.name, s.town, s.kind, s.slug, s.channelId])).toEqual([
      ['La Fabrique de Crest', 'Crest', 'fablab', 'la-fabrique-de-crest', 'C0FABRIQ'],
    ]);
    const update = await app.slack.waitFor('views.update');
    expect(update.args.view_id).toBe('V0ROOT');
    expect(viewText(update.args.view)).toContain('La Fabrique de Crest');
  });

  it('answers bad input inside the modal, field by field, and stores nothing', async () => {
    const before = await app.services.network.listSpaces(TEAM_ID, { includeArchived: true });
    const empty = await app.submit({ callbackId: NetworkViews.space, userId: COORDINATOR, values: spaceValues('   ') });
    expect(empty.json()).toEqual({ response_action: 'errors', errors: { [SpaceFields.name.block]: 'Donnez un nom à l’espace.' } });
    const taken = await app.submit({ callbackId: NetworkViews.space, userId: COORDINATOR, values: spaceValues('la fabrique de CREST') });
    expect(taken.json()).toEqual({ response_action: 'errors', errors: { [SpaceFields.name.block]: 'Un espace porte déjà ce nom.' } });
    // A kind the form never offers is refused, not stored as « tiers-lieu ».
    const forged = await app.submit({
      callbackId: NetworkViews.space,
      userId: COORDINATOR,
      values: spaceValues('Le Nouveau Lieu', 'Die', null, 'chateau'),
    });
    expect(JSON.stringify(forged.json())).toContain(SpaceFields.kind.block);
    expect(await app.services.network.listSpaces(TEAM_ID, { includeArchived: true })).toEqual(before);
  });

  it('edits and archives a space', async () => {
    const [space] = await app.services.network.listSpaces(TEAM_ID);
    if (!space) throw new Error('a space exists');
    await app.action({
      actionId: NetworkActions.editSpace,
      value: String(space.id),
      userId: COORDINATOR,
      view: { id: 'V0ROOT', callbackId: NetworkViews.overview },
    });
    const push = await app.slack.waitFor('views.push');
    const pushed = push.args.view as { private_metadata: string };
    expect(viewText(push.args.view)).toContain('La Fabrique de Crest');
    const res = await app.submit({
      callbackId: NetworkViews.space,
      userId: COORDINATOR,
      privateMetadata: pushed.private_metadata,
      values: {
        ...spaceValues('La Fabrique', 'Crest (26)', null, 'tiers_lieu'),
        [SpaceFields.archived.block]: { [SpaceFields.archived.action]: input.checkboxes(['archived']) },
      },
    });
    expect(res.body).toBe('');
    expect(await app.services.network.listSpaces(TEAM_ID)).toEqual([]);
    const all = await app.services.network.listSpaces(TEAM_ID, { includeArchived: true });
    expect(all.map((s) => [s.id, s.name, s.town, s.kind, s.archived, s.channelId])).toEqual([
      [space.id, 'La Fabrique', 'Crest (26)', 'tiers_lieu', true, undefined],
    ]);
  });

  it('refuses the modal buttons and submissions to an animator (server-side check)', async () => {
    await app.action({
      actionId: NetworkActions.addSpace,
      userId: ANIMATOR,
      view: { id: 'V0X', callbackId: NetworkViews.overview },
      channelId: 'C0GENERAL',
    });
    const refusal = await app.slack.waitFor('chat.postEphemeral');
    expect(refusal.args.text).toContain('réservée aux coordinateur·rices');
    expect(app.slack.callsTo('views.push')).toHaveLength(0);
    const res = await app.submit({ callbackId: NetworkViews.space, userId: ANIMATOR, values: spaceValues('Intrus') });
    expect(res.json()).toMatchObject({ response_action: 'errors' });
    expect((await app.services.network.listSpaces(TEAM_ID, { includeArchived: true })).map((s) => s.name)).not.toContain('Intrus');
  });

  it('sets the network channels and the yearly target; env values are only defaults', async () => {
    expect((await app.services.network.settings(TEAM_ID)).yearlyEventTarget).toBe(170);
    const bad = await app.submit({
      callbackId: NetworkViews.settings,
      userId: COORDINATOR,
      values: settingsValues({ agenda: 'C0AGENDA', help: null, coordination: null, target: '0' }),
    });
    expect(bad.json()).toEqual({
      response_action: 'errors',
      errors: { [SettingsFields.target.block]: 'Indiquez un nombre entier entre 1 et 100 000.' },
    });
    const ok = await app.submit({
      callbackId: NetworkViews.settings,
      userId: COORDINATOR,
      values: settingsValues({ agenda: 'C0AGENDA', help: 'C0ENTRAIDE', coordination: 'G0COORD', target: '180' }),
    });
    expect(ok.body).toBe('');
    const badCron = await app.submit({
      callbackId: NetworkViews.settings,
      userId: COORDINATOR,
      values: settingsValues({ target: '180', cron: 'lundi 9h' }),
    });
    expect(badCron.json()).toEqual({
      response_action: 'errors',
      errors: {
        [SettingsFields.digestCron.block]: 'Expression cron invalide\u00a0: cinq champs, par exemple 0 9 * * 1 pour le lundi à 9 h.',
      },
    });
    const cron = await app.submit({
      callbackId: NetworkViews.settings,
      userId: COORDINATOR,
      values: settingsValues({ agenda: 'C0AGENDA', help: 'C0ENTRAIDE', coordination: 'G0COORD', target: '180', cron: '30 8 * * 5' }),
    });
    expect(cron.body).toBe('');
    expect((await app.services.network.settings(TEAM_ID)).digestCron).toBe('30 8 * * 5');
    const digest = app.services.jobs.find((j) => j.name === 'weekly-digest');
    expect(typeof digest?.schedule === 'function' ? await digest.schedule() : digest?.schedule).toBe('30 8 * * 5');
    expect(await app.services.network.settings(TEAM_ID)).toMatchObject({
      agendaChannelId: 'C0AGENDA',
      helpChannelId: 'C0ENTRAIDE',
      coordinationChannelId: 'G0COORD',
      yearlyEventTarget: 180,
    });
  });

  it('sets the funders’ texts printed on documents; an emptied text goes back to the default; coordinators only', async () => {
    const funding = (network: string, programme: string, mention: string) => ({
      [FundingFields.networkName.block]: { [FundingFields.networkName.action]: input.text(network) },
      [FundingFields.programmeName.block]: { [FundingFields.programmeName.action]: input.text(programme) },
      [FundingFields.mention.block]: { [FundingFields.mention.action]: input.text(mention) },
    });
    expect((await app.services.network.fundingText(TEAM_ID)).fundingMention).toBe(
      'Ce projet est cofinancé par le Fonds social européen (FSE+) et le Département.',
    );

    await app.action({
      actionId: NetworkActions.editFunding,
      userId: COORDINATOR,
      view: { id: 'V0ROOT', callbackId: NetworkViews.overview },
    });
    const pushed = await app.slack.waitFor('views.push');
    expect(viewText(pushed.args.view)).toContain('"initial_value":"Programme FSE+ 2021-2027"');

    const tooLong = await app.submit({ callbackId: NetworkViews.funding, userId: COORDINATOR, values: funding('', '', 'x'.repeat(401)) });
    expect(tooLong.json()).toEqual({ response_action: 'errors', errors: { [FundingFields.mention.block]: 'Pas plus de 400 caractères.' } });

    const refused = await app.submit({ callbackId: NetworkViews.funding, userId: ANIMATOR, values: funding('Intrus', '', '') });
    expect(refused.status).toBe(200);
    expect((await app.services.network.fundingText(TEAM_ID)).networkName).not.toBe('Intrus');

    const saved = await app.submit({
      callbackId: NetworkViews.funding,
      userId: COORDINATOR,
      values: funding(
        '  Réseau   des tiers-lieux de la Drôme ',
        '',
        'Opération cofinancée par l’Union européenne (FSE+) — Département de la Drôme.',
      ),
    });
    expect(saved.body).toBe('');
    expect(await app.services.network.fundingText(TEAM_ID)).toEqual({
      networkName: 'Réseau des tiers-lieux de la Drôme',
      programmeName: 'Programme FSE+ 2021-2027',
      fundingMention: 'Opération cofinancée par l’Union européenne (FSE+) — Département de la Drôme.',
    });
    const stored = await app.db.database.prisma.networkSettings.findUnique({ where: { teamId: TEAM_ID } });
    expect(stored?.programmeName).toBeNull();
  });

  it('grants and removes the coordinator role, keeping the configured coordinators', async () => {
    const block = CoordinatorFields.users.block;
    const action = CoordinatorFields.users.action;
    const grant = await app.submit({
      callbackId: NetworkViews.coordinators,
      userId: COORDINATOR,
      values: { [block]: { [action]: input.users([COORDINATOR, ANIMATOR]) } },
    });
    expect(grant.body).toBe('');
    expect(await app.services.members.isCoordinator(TEAM_ID, ANIMATOR)).toBe(true);

    const dropConfigured = await app.submit({
      callbackId: NetworkViews.coordinators,
      userId: ANIMATOR,
      values: { [block]: { [action]: input.users([ANIMATOR]) } },
    });
    expect(JSON.stringify(dropConfigured.json())).toContain('COORDINATOR_USER_IDS');
    expect(await app.services.members.isCoordinator(TEAM_ID, COORDINATOR)).toBe(true);

    const none = await app.submit({
      callbackId: NetworkViews.coordinators,
      userId: COORDINATOR,
      values: { [block]: { [action]: input.users([]) } },
    });
    expect(none.json()).toEqual({ response_action: 'errors', errors: { [block]: 'Il faut au moins un·e coordinateur·rice.' } });

    const revoke = await app.submit({
      callbackId: NetworkViews.coordinators,
      userId: COORDINATOR,
      values: { [block]: { [action]: input.users([COORDINATOR]) } },
    });
    expect(revoke.body).toBe('');
    expect(await app.services.members.isCoordinator(TEAM_ID, ANIMATOR)).toBe(false);
  });
});
