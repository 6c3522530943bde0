import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContractActions, ContractFields, ContractViews } from '../../src/features/contracts/ids.ts';
import { addDays, isoDay } from '../../src/time/calendar-date.ts';
import { zonedInstant } from '../../src/time/zone.ts';
import { aContractInput, contractFormValues } from '../support/builders.ts';
import { input, TEAM_ID } from '../support/slack-requests.ts';
import { COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

const PEC = 'U0PECANIM';
const OTHER = 'U0NOSY001';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { COORDINATION_CHANNEL_ID: 'G0COORD' }, now: '2016-03-01T09:00:00Z' });
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

const contractForm = (over: Parameters<typeof contractFormValues>[1] = {}) =>
  contractFormValues(PEC, { notes: input.text('SECRET-NOTE santé'), ...over });

const draft = aContractInput;

const job = () => {
  const j = app.services.jobs.find((x) => x.name === 'contract-reminders');
  if (!j) throw new Error('contract-reminders is registered');
  return j;
};

async function runOn(day: string, owner = 'test') {
  const slot = zonedInstant(isoDay(day), 9, 0, 'Europe/Paris');
  app.clock.set(slot);
  return app.scheduler(owner).runSlot(job(), slot);
}

describe('/contrat for coordinators', () => {
  it('refuses creation to anyone else, on the server', async () => {
    const res = await app.submit({ callbackId: ContractViews.form, userId: OTHER, values: contractForm() });
    expect(JSON.stringify(res.json())).toContain('réservée aux coordinateur·rices');
    expect(await app.db.database.prisma.contract.count()).toBe(0);
    await app.action({ actionId: ContractActions.add, userId: OTHER, channelId: 'C0GENERAL' });
    await new Promise((r) => setTimeout(r, 200));
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });

  it.each([
    ['end before start', { end: input.date('2016-03-01') }, ContractFields.end.block, 'La fin doit être après le début.'],
    [
      'a PEC shorter than 6 months',
      { end: input.date('2016-09-19') },
      ContractFields.end.block,
      'Un CUI-CAE ou un PEC dure au moins 6 mois.',
    ],
    [
      'more than 35 hours for a PEC',
      { hours: input.number('36') },
      ContractFields.hours.block,
      'Un CUI-CAE ou un PEC compte au plus 35 heures par semaine.',
    ],
    [
      'no end date for a PEC',
      { end: input.date(null) },
      ContractFields.end.block,
      'Indiquez la date de fin (seul un CDI peut ne pas en avoir).',
    ],
  ])('answers %s inside the modal', async (_case, over, block, message) => {
    const res = await app.submit({ callbackId: ContractViews.form, userId: COORDINATOR, values: contractForm(over) });
    expect(res.json()).toEqual({ response_action: 'errors', errors: { [block]: message } });
    expect(await app.db.database.prisma.contract.count()).toBe(0);
  });

  it('accepts a 6-month PEC; under 20 hours, shows the warning in full words with the confirmation box, then saves once confirmed', async () => {
    const values = contractForm({
      user: { type: 'users_select', selected_user: 'U0SHORT01' },
      end: input.date('2016-09-20'),
      hours: input.number('18'),
    });
    delete values[ContractFields.confirm.block];
    // The form had no confirmation box: it is drawn again with the warning and the box, all kept.
    const warned = await app.submit({ callbackId: ContractViews.form, userId: COORDINATOR, values });
    const update = warned.json() as { response_action: string; view: { private_metadata: string; blocks: { block_id?: string }[] } };
    expect(update.response_action).toBe('update');
    const shown = JSON.stringify(update.view);
    expect(shown).toContain('⚠️ Moins de 20 heures par semaine\u00a0: un CUI-CAE ou un PEC ne le permet que par dérogation.');
    expect(shown).toContain('Je confirme et j’enregistre malgré tout');
    expect(shown).toContain('"initial_value":"18"');
    expect(update.view.blocks.some((b) => b.block_id === ContractFields.confirm.block)).toBe(true);
    expect(await app.db.database.prisma.contract.count({ where: { userId: 'U0SHORT01' } })).toBe(0);
    // Shown and left unticked: a clear refusal under the box.
    const unticked = await app.submit({
      callbackId: ContractViews.form,
      userId: COORDINATOR,
      values: { ...values, [ContractFields.confirm.block]: { value: input.checkboxes([]) } },
      privateMetadata: update.view.private_metadata,
    });
    expect(unticked.json()).toEqual({
      response_action: 'errors',
      errors: { [ContractFields.confirm.block]: 'Cochez la case pour enregistrer malgré l’avertissement ci-dessus.' },
    });
    const res = await app.submit({
      callbackId: ContractViews.form,
      userId: COORDINATOR,
      values: { ...values, [ContractFields.confirm.block]: { value: input.checkboxes(['confirm']) } },
      privateMetadata: update.view.private_metadata,
    });
    // A first entry into the programme: the modal turns into the participant's record.
    expect((res.json() as { view: { callback_id: string } }).view.callback_id).toBe('participant_entry');
    const saved = await app.db.database.prisma.contract.findFirst({ where: { userId: 'U0SHORT01' } });
    expect([saved?.endDate, saved?.weeklyHours]).toEqual(['2016-09-20', 18]);
  });

  it('opens without a confirmation box: it appears only with a warning', async () => {
    await app.action({ actionId: ContractActions.add, userId: COORDINATOR, channelId: 'G0COORD' });
    const open = await app.slack.waitFor('views.open');
    expect(JSON.stringify(open.args.view)).toContain(ContractFields.user.block);
    expect(JSON.stringify(open.args.view)).not.toContain(ContractFields.confirm.block);
  });

  it('records the worked-example contract and refuses an overlapping one for the same person', async () => {
    const res = await app.submit({ callbackId: ContractViews.form, userId: COORDINATOR, values: contractForm() });
    expect((res.json() as { response_action: string }).response_action).toBe('update');
    const dm = await app.slack.waitFor('chat.postMessage', (c) => c.args.channel === COORDINATOR && String(c.args.text).includes(PEC));
    expect(String(dm.args.text)).toBe(
      `✅ Contrat de <@${PEC}> enregistré (fin\u00a0: lundi 20\u00a0mars 2017). Les rappels partiront à 9 h.`,
    );
    const overlap = await app.submit({
      callbackId: ContractViews.form,
      userId: COORDINATOR,
      values: contractForm({ start: input.date('2017-01-01'), end: input.date('2017-12-31') }),
    });
    expect(overlap.json()).toEqual({
      response_action: 'errors',
      errors: {
        [ContractFields.start.block]:
          'Cette personne a déjà un contrat en cours sur cette période (lundi 21\u00a0mars 2016 – lundi 20\u00a0mars 2017).',
      },
    });
  });

  it('lists active contracts by end date, with days left and the next milestone, paginated', async () => {
    for (let i = 0; i < 12; i++) {
      const r = await app.services.contracts.save(
        TEAM_ID,
        COORDINATOR,
        draft({ userId: `U0LIST${String(i).padStart(3, '0')}`, endDate: addDays(isoDay('2016-12-01'), i * 7) }),
      );
      expect(r.ok).toBe(true);
    }
    app.clock.set('2016-03-01T09:00:00Z');
    await app.command('/contrat', COORDINATOR);
    const reply = await app.slack.waitForResponse();
    const text = JSON.stringify(reply);
    expect(text).toContain('Ajouter un contrat');
    expect(text).toContain('Contrats 1 à 10 sur 14, par date de fin.');
    expect(text).toContain(ContractActions.page);
    expect(text).toContain('<@U0SHORT01>');
    expect(text).toContain('dans 203 jours');
    expect(text.indexOf('U0SHORT01')).toBeLessThan(text.indexOf('U0LIST000'));
    expect(text).not.toContain('SECRET-NOTE');
  });

  it('shows an animator only their own contract, and nobody else anything', async () => {
    await app.command('/contrat', PEC);
    const mine = JSON.stringify(await app.slack.waitForResponse());
    expect(mine).toContain('Mon contrat');
    expect(mine).toContain('lundi 21\u00a0mars 2016 → lundi 20\u00a0mars 2017');
    expect(mine).toContain('vendredi 18\u00a0novembre 2016 — J-120');
    expect(mine).not.toContain('U0LIST');
    app.slack.reset();
    await app.command('/contrat', OTHER);
    const none = await app.slack.waitForResponse();
    expect(none.text).toBe('Aucun contrat n’est enregistré pour vous. Les coordinateur·rices les saisissent avec /contrat.');
    expect(JSON.stringify(none)).not.toContain(PEC);
  });
});

describe('contract-reminders', () => {
  it('sends each milestone once, on its working day at 09:00, to the right people, across the whole contract', async () => {
    // Only the worked example, for this test.
    await app.db.database.prisma.contract.deleteMany({ where: { NOT: { userId: PEC } } });
    const sends: { day: string; channel: string; text: string }[] = [];
    for (let day = isoDay('2016-11-01'); day <= '2017-05-15'; day = addDays(day, 1)) {
      const before = app.slack.calls.length;
      await runOn(day);
      // Twice the same day (a second run, or another replica): nothing more.
      await runOn(day, 'replica-b');
      await app.runJob('contract-reminders', zonedInstant(day, 10, 0, 'Europe/Paris'));
      for (const call of app.slack.calls.slice(before)) {
        if (call.method === 'chat.postMessage') sends.push({ day, channel: String(call.args.channel), text: String(call.args.text) });
      }
    }
    const toCoordination = sends.filter((s) => s.channel === 'G0COORD').map((s) => `${s.day} ${s.text.split(' — ')[0]}`);
    expect(toCoordination).toEqual([
      '2016-11-18 ⏰ J-120\u00a0: décider',
      '2016-12-20 ⏰ J-90\u00a0: contacter le prescripteur, préparer le bilan formation et accompagnement',
      '2017-01-19 ⏰ J-60\u00a0: envoyer la demande de renouvellement au prescripteur',
      '2017-02-17 ⏰ J-30\u00a0: attestation d’expérience professionnelle à remettre, réponse au renouvellement attendue',
      '2017-03-13 ⏰ J-7\u00a0: documents de fin de contrat ou renouvellement signé',
      '2017-03-20 ⏰ Dernier jour du contrat',
      '2017-04-14 ⏰ J+28\u00a0: noter la situation quatre semaines après la sortie',
    ]);
    const toAnimator = sends.filter((s) => s.channel === PEC).map((s) => s.day);
    expect(toAnimator).toEqual(['2016-12-20', '2017-02-17', '2017-03-13', '2017-03-20']);
    // The private coordination channel is used; no coordinator is messaged twice.
    expect(sends.filter((s) => s.channel === COORDINATOR)).toHaveLength(0);
    expect(JSON.stringify(sends)).not.toContain('SECRET-NOTE');
  });

  it('after an outage, sends only the latest missed milestone and records the earlier ones as skipped', async () => {
    const r = await app.services.contracts.save(
      TEAM_ID,
      COORDINATOR,
      draft({ userId: 'U0OUTAGE1', startDate: isoDay('2018-01-08'), endDate: isoDay('2019-01-07') }),
    );
    if (!r.ok) throw new Error('contract');
    // D-120 is sent, then the app is down from September to mid-December 2018.
    await runOn('2018-09-07');
    app.slack.reset();
    await runOn('2018-12-17');
    const posts = app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'G0COORD');
    expect(posts.map((c) => String(c.args.text).split(' — ')[0])).toEqual([
      '⏰ J-30\u00a0: attestation d’expérience professionnelle à remettre, réponse au renouvellement attendue',
    ]);
    const rows = await app.db.database.prisma.contractMilestone.findMany({
      where: { contractId: r.contract.id },
      orderBy: { dueDate: 'asc' },
    });
    expect(rows.map((m) => [m.key, m.status])).toEqual([
      ['d120', 'sent'],
      ['d90', 'skipped'],
      ['renewal_request', 'skipped'],
      ['d30', 'sent'],
    ]);
  });

  it('never sends twice when two runs race', async () => {
    const r = await app.services.contracts.save(
      TEAM_ID,
      COORDINATOR,
      draft({ userId: 'U0RACE001', startDate: isoDay('2019-02-01'), endDate: isoDay('2020-01-31') }),
    );
    if (!r.ok) throw new Error('contract');
    app.slack.reset();
    const slot = zonedInstant(isoDay('2019-10-03'), 9, 0, 'Europe/Paris');
    app.clock.set(slot);
    await Promise.all([
      app.runJob('contract-reminders', slot),
      app.runJob('contract-reminders', slot),
      app.runJob('contract-reminders', slot),
    ]);
    expect(app.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'G0COORD')).toHaveLength(1);
  });

  it('sends to each coordinator privately when the coordination channel is public; never to a public channel', async () => {
    await app.services.network.updateSettings(TEAM_ID, { coordinationChannelId: 'C0PUBLIC', yearlyEventTarget: 170 }, COORDINATOR);
    const r = await app.services.contracts.save(
      TEAM_ID,
      COORDINATOR,
      draft({ userId: 'U0PRIV001', startDate: isoDay('2020-03-02'), endDate: isoDay('2021-03-01'), notes: 'SECRET-NOTE' }),
    );
    if (!r.ok) throw new Error('contract');
    app.slack.reset();
    await runOn('2020-12-01'); // D-90 of 1 March 2021
    const posts = app.slack.callsTo('chat.postMessage');
    expect(posts.map((c) => c.args.channel).sort()).toEqual([COORDINATOR, 'U0PRIV001']);
    expect(posts.some((c) => c.args.channel === 'C0PUBLIC')).toBe(false);
    expect(JSON.stringify(posts)).not.toContain('SECRET-NOTE');
    expect(app.logger.lines.join('\n')).not.toContain('SECRET-NOTE');
    expect(app.logger.lines.join('\n')).not.toContain('2021-03-01');
    await app.services.network.updateSettings(TEAM_ID, { coordinationChannelId: 'G0COORD', yearlyEventTarget: 170 }, COORDINATOR);
  });
});

describe('reminder buttons', () => {
  it('records “done”, “not renewed” (dropping the renewal request), and renews with a cap warning', async () => {
    const r = await app.services.contracts.save(
      TEAM_ID,
      COORDINATOR,
      draft({ userId: 'U0CHAIN01', startDate: isoDay('2022-01-03'), endDate: isoDay('2023-01-02') }),
    );
    if (!r.ok) throw new Error('contract');
    app.slack.reset();
    await runOn('2022-09-05'); // D-120 (Sunday 4 September → Friday 2 September … already due)
    const reminder = app.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'G0COORD');
    const blocks = JSON.stringify(reminder?.args.blocks);
    expect(blocks).toContain(ContractActions.done);
    expect(blocks).toContain(ContractActions.renewed);
    expect(blocks).toContain(ContractActions.notRenewed);
    const milestone = await app.db.database.prisma.contractMilestone.findFirst({ where: { contractId: r.contract.id, status: 'sent' } });
    await app.action({ actionId: ContractActions.done, value: String(milestone?.id), userId: OTHER, channelId: 'G0COORD' });
    await app.action({ actionId: ContractActions.done, value: String(milestone?.id), userId: COORDINATOR, channelId: 'G0COORD' });
    for (
      let i = 0;
      i < 50 && !(await app.db.database.prisma.contractMilestone.findUnique({ where: { id: milestone?.id ?? 0 } }))?.acknowledgedBy;
      i++
    )
      await new Promise((res) => setTimeout(res, 20));
    const acked = await app.db.database.prisma.contractMilestone.findUnique({ where: { id: milestone?.id ?? 0 } });
    expect(acked?.acknowledgedBy).toBe(COORDINATOR);
    expect(app.slack.responses.some((x) => String(x.body.text).includes('réservée aux coordinateur·rices'))).toBe(true);

    // Renewal: the modal is pre-filled from the day after the end, for a year, linked to it.
    await app.action({ actionId: ContractActions.renewed, value: String(r.contract.id), userId: COORDINATOR, channelId: 'G0COORD' });
    const open = await app.slack.waitFor('views.open');
    const view = open.args.view as { private_metadata: string };
    expect(JSON.stringify(view)).toContain('"initial_date":"2023-01-03"');
    expect(JSON.stringify(view)).toContain('"initial_date":"2024-01-02"');
    // 12 months, then 13: over the 24-month cap → a clear warning, then confirmed.
    const renewal = contractForm({
      user: { type: 'users_select', selected_user: 'U0CHAIN01' },
      start: input.date('2023-01-03'),
      end: input.date('2024-01-31'),
      notes: input.text(null),
    });
    const warned = await app.submit({
      callbackId: ContractViews.form,
      userId: COORDINATOR,
      values: renewal,
      privateMetadata: view.private_metadata,
    });
    const warnedView = (warned.json() as { view: { private_metadata: string } }).view;
    expect(JSON.stringify(warned.json())).toContain('le cumul atteindrait 24,9 mois, au-delà du plafond de 24 mois');
    const confirmed = await app.submit({
      callbackId: ContractViews.form,
      userId: COORDINATOR,
      values: { ...renewal, [ContractFields.confirm.block]: { value: input.checkboxes(['confirm']) } },
      privateMetadata: warnedView.private_metadata,
    });
    expect(confirmed.body).toBe('');
    const chain = await app.db.database.prisma.contract.findMany({ where: { userId: 'U0CHAIN01' }, orderBy: { startDate: 'asc' } });
    expect(chain.map((c) => [c.startDate, c.decision, c.previousId])).toEqual([
      ['2022-01-03', 'renewed', null],
      ['2023-01-03', 'undecided', chain[0]?.id],
    ]);
    // The old contract's end steps are dropped once renewed.
    app.slack.reset();
    await runOn('2022-12-26');
    expect(app.slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('J-7'))).toHaveLength(0);
  });

  it('“not renewed” stops the renewal request and keeps the end-of-contract steps', async () => {
    const r = await app.services.contracts.save(
      TEAM_ID,
      COORDINATOR,
      draft({ userId: 'U0NOTREN1', startDate: isoDay('2024-03-04'), endDate: isoDay('2025-03-03') }),
    );
    if (!r.ok) throw new Error('contract');
    await app.action({ actionId: ContractActions.notRenewed, value: String(r.contract.id), userId: COORDINATOR, channelId: 'G0COORD' });
    for (let i = 0; i < 50 && (await app.services.contracts.get(TEAM_ID, r.contract.id))?.decision !== 'not_renewed'; i++)
      await new Promise((res) => setTimeout(res, 20));
    app.slack.reset();
    await runOn('2025-01-02'); // the renewal request day (D-60, Thursday 2 January 2025)
    await runOn('2025-02-24'); // D-7
    const texts = app.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'G0COORD')
      .map((c) => String(c.args.text));
    expect(texts.some((t) => t.includes('demande de renouvellement'))).toBe(false);
    expect(texts.some((t) => t.includes('J-7'))).toBe(true);
  });
});

describe('App Home', () => {
  it('shows an animator their milestones, and coordinators the deadlines of the next 90 days', async () => {
    const r = await app.services.contracts.save(
      TEAM_ID,
      COORDINATOR,
      draft({ userId: 'U0HOMEPEC', startDate: isoDay('2026-01-05'), endDate: isoDay('2027-01-04') }),
    );
    if (!r.ok) throw new Error('contract');
    app.clock.set('2026-11-02T09:00:00Z');
    app.slack.reset();
    await app.event({ type: 'app_home_opened', user: 'U0HOMEPEC', channel: 'D0X', tab: 'home', event_ts: '1.1' });
    const mine = JSON.stringify((await app.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0HOMEPEC')).args.view);
    expect(mine).toContain('Mes échéances de contrat');
    // Their own steps in their words: what they receive or do, no mention of themselves, no
    // coordinators' to-do (« contacter le prescripteur… »).
    expect(mine).toContain(
      'vendredi 4\u00a0décembre 2026 — Votre attestation d’expérience professionnelle vous est remise\u202f; la réponse au renouvellement est attendue',
    );
    expect(mine).not.toContain('<@U0HOMEPEC>');
    expect(mine).not.toContain('J-30\u00a0:');
    expect(mine).not.toContain('Envoyer la demande de renouvellement'); // a coordinators' step
    await app.event({ type: 'app_home_opened', user: COORDINATOR, channel: 'D0Y', tab: 'home', event_ts: '1.2' });
    const coordinator = JSON.stringify((await app.slack.waitFor('views.publish', (c) => c.args.user_id === COORDINATOR)).args.view);
    expect(coordinator).toContain('Échéances de contrats (90 prochains jours)');
    expect(coordinator).toContain('J-60\u00a0: envoyer la demande de renouvellement au prescripteur');
    await app.event({ type: 'app_home_opened', user: OTHER, channel: 'D0Z', tab: 'home', event_ts: '1.3' });
    const other = JSON.stringify((await app.slack.waitFor('views.publish', (c) => c.args.user_id === OTHER)).args.view);
    expect(other).not.toContain('U0HOMEPEC');
    expect(other).not.toContain('échéances');
  });
});
