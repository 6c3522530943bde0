// Participants of the programme, as coordinators and the person live it: the record opens with
// the first contract, the person sees and corrects their answers, coordinators record the
// situations after exit from the D+28 and D+182 reminders and erase on request; nobody else
// sees anything.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContractViews } from '../../src/features/contracts/ids.ts';
import { EntryFields, ExitFields, ParticipantActions, ParticipantViews } from '../../src/features/participants/ids.ts';
import { contractFormValues } from '../support/builders.ts';
import { input, TEAM_ID } from '../support/slack-requests.ts';
import { COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

const PERSON = 'U0PARTIC1';
const NOSY = 'U0NOSY002';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: '2016-03-01T09:00:00Z' });
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

type Values = Record<string, Record<string, Record<string, unknown>>>;
const contractForm = (userId: string) => contractFormValues(userId);
const entry = (answers: Partial<Record<keyof typeof EntryFields, string>>): Values =>
  Object.fromEntries(
    Object.entries(EntryFields).map(([k, f]) => {
      const value = answers[k as keyof typeof EntryFields];
      return [f.block, { [f.action]: input.select(value ?? null) }];
    }),
  );
const record = () =>
  app.db.database.prisma.participant.findUniqueOrThrow({ where: { teamId_userId: { teamId: TEAM_ID, userId: PERSON } } });

describe('a participant record', () => {
  it('opens with a first contract: the modal turns into the entry questionnaire, and the person is told', async () => {
    const res = await app.submit({ callbackId: ContractViews.form, userId: COORDINATOR, values: contractForm(PERSON) });
    const next = res.json() as { response_action: string; view: { callback_id: string; blocks: unknown[] } };
    expect(next.response_action).toBe('update');
    expect(next.view.callback_id).toBe(ParticipantViews.entry);
    expect(JSON.stringify(next.view.blocks)).toContain(`Première entrée de <@${PERSON}> dans le programme`);
    const dm = await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === PERSON && String(c.args.text).includes('fiche participant'),
    );
    expect(JSON.stringify(dm.args.blocks)).toContain(ParticipantActions.openEntry);
    const stored = await record();
    expect(stored.code).toMatch(/^P-[0-9A-F]{8}$/);
    expect(stored.gender).toBeNull();
  });

  it('is not opened again by a renewal or an edit', async () => {
    const contract = await app.db.database.prisma.contract.findFirstOrThrow({ where: { userId: PERSON } });
    const edit = await app.submit({
      callbackId: ContractViews.form,
      userId: COORDINATOR,
      values: contractForm(PERSON),
      privateMetadata: JSON.stringify({ contractId: contract.id }),
    });
    expect(edit.body).toBe('');
    expect(await app.db.database.prisma.participant.count({ where: { userId: PERSON } })).toBe(1);
  });

  it('takes the entry answers from a coordinator or the person, each optional, and from nobody else', async () => {
    const meta = JSON.stringify({ userId: PERSON });
    const byCoordinator = await app.submit({
      callbackId: ParticipantViews.entry,
      userId: COORDINATOR,
      privateMetadata: meta,
      values: entry({ gender: 'femme', ageBand: 'moins_25', employment: 'chomeur_longue_duree', disability: 'refus' }),
    });
    expect(byCoordinator.body).toBe('');
    expect(await record()).toMatchObject({
      gender: 'femme',
      ageBand: 'moins_25',
      employment: 'chomeur_longue_duree',
      education: null,
      disability: 'refus',
    });

    const byPerson = await app.submit({
      callbackId: ParticipantViews.entry,
      userId: PERSON,
      privateMetadata: meta,
      values: entry({ gender: 'femme', ageBand: 'moins_25', employment: 'chomeur_longue_duree', education: 'cite_3_4', disability: 'oui' }),
    });
    expect(byPerson.body).toBe('');
    expect(await record()).toMatchObject({ education: 'cite_3_4', disability: 'oui', entryUpdatedBy: PERSON });

    const byNosy = await app.submit({
      callbackId: ParticipantViews.entry,
      userId: NOSY,
      privateMetadata: meta,
      values: entry({ gender: 'homme' }),
    });
    expect(JSON.stringify(byNosy.json())).toContain('Seul·es la personne concernée et les coordinateur·rices');
    expect((await record()).gender).toBe('femme');
  });

  it('is shown to the person from /contrat, in their words, and to nobody else', async () => {
    await app.command('/contrat', PERSON);
    const mine = await app.slack.waitForResponse();
    expect(JSON.stringify(mine)).toContain('Ma fiche participant·e');
    await app.action({ actionId: ParticipantActions.openEntry, userId: PERSON, value: '' });
    const open = await app.slack.waitFor('views.open');
    const text = JSON.stringify(open.args.view);
    expect(text).toContain('Vos réponses · identifiant pour les financeurs\u00a0: P-');
    expect(text).not.toContain(ParticipantActions.erase);

    app.slack.reset();
    await app.action({ actionId: ParticipantActions.openEntry, userId: NOSY, value: PERSON });
    expect((await app.slack.waitForResponse()).text).toContain('Seul·es la personne concernée et les coordinateur·rices');
    expect(app.slack.calls.some((c) => c.method === 'views.open')).toBe(false);
  });

  it('takes the situation four weeks after the exit from the D+28 reminder (coordinators only)', async () => {
    // Friday 14 April 2017: D+28 (Easter Monday the 17th moves it back).
    app.clock.set('2017-04-14T07:00:00Z');
    await app.runJob('contract-reminders', new Date('2017-04-14T07:00:00Z'));
    const reminder = await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === COORDINATOR && JSON.stringify(c.args.blocks).includes(ParticipantActions.openExit),
    );
    expect(JSON.stringify(reminder.args.blocks)).toContain(`${PERSON}:4w`);

    await app.action({ actionId: ParticipantActions.openExit, userId: COORDINATOR, value: `${PERSON}:4w` });
    const open = await app.slack.waitFor('views.open');
    expect(JSON.stringify(open.args.view)).toContain(
      'situation quatre semaines après la sortie (contrat terminé le lundi 20\u00a0mars 2017)',
    );

    const situation = (value: string) => ({ [ExitFields.situation.block]: { [ExitFields.situation.action]: input.radio(value) } });
    const refused = await app.submit({
      callbackId: ParticipantViews.exit,
      userId: PERSON,
      privateMetadata: JSON.stringify({ userId: PERSON, moment: '4w' }),
      values: situation('emploi'),
    });
    expect(refused.status).toBe(200);
    expect((await record()).exit4w).toBeNull();
    const saved = await app.submit({
      callbackId: ParticipantViews.exit,
      userId: COORDINATOR,
      privateMetadata: JSON.stringify({ userId: PERSON, moment: '4w' }),
      values: situation('formation'),
    });
    expect(saved.body).toBe('');
    expect(await record()).toMatchObject({ exit4w: 'formation', exit4wBy: COORDINATOR });
  });

  it('asks for the situation six months after the exit with a D+182 milestone, once', async () => {
    app.clock.set('2017-09-18T07:00:00Z');
    await app.runJob('contract-reminders', new Date('2017-09-18T07:00:00Z'));
    const reminder = await app.slack.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === COORDINATOR && String(c.args.text).includes('J+182'),
    );
    expect(JSON.stringify(reminder.args.blocks)).toContain(`${PERSON}:6m`);
    app.slack.reset();
    await app.runJob('contract-reminders', new Date('2017-09-19T07:00:00Z'));
    expect(app.slack.calls.some((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('J+182'))).toBe(false);
  });

  it('is erased on request by a coordinator: the sensitive answers go for good, the rest stays', async () => {
    await app.action({
      actionId: ParticipantActions.erase,
      userId: PERSON,
      value: PERSON,
      view: { id: 'V0REC', callbackId: ParticipantViews.entry },
    });
    expect((await record()).disability).toBe('oui');

    await app.action({
      actionId: ParticipantActions.erase,
      userId: COORDINATOR,
      value: PERSON,
      view: { id: 'V0REC', callbackId: ParticipantViews.entry },
    });
    const update = await app.slack.waitFor('views.update');
    expect(JSON.stringify(update.args.view)).toContain('Réponses sensibles effacées à la demande le');
    const erased = await record();
    expect(erased).toMatchObject({
      disability: null,
      otherDisadvantage: null,
      gender: 'femme',
      exit4w: 'formation',
      erasedBy: COORDINATOR,
    });
    expect(erased.erasedAt).not.toBeNull();

    // Answers given again afterwards do not bring them back.
    await app.submit({
      callbackId: ParticipantViews.entry,
      userId: PERSON,
      privateMetadata: JSON.stringify({ userId: PERSON }),
      values: entry({ gender: 'femme', disability: 'oui' }),
    });
    expect((await record()).disability).toBeNull();
  });
});
