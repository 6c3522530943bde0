// Monthly time sheets, as the animator and the coordinators live them: the sheet arrives on the
// first working day, is corrected week by week, signed, countersigned; re-opening voids the
// signatures; reminders come once; only the people entitled see it or its PDF.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HoursFields, TimeSheetActions, TimeSheetViews } from '../../src/features/timesheets/ids.ts';
import { fingerprint, TASK_KINDS, type TaskKind } from '../../src/features/timesheets/sheet.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { aContractInput, anEventInput, CREST } from '../support/builders.ts';
import { readPdf } from '../support/pdf.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

const SECOND = 'U0ANIM02';
const NOSY = 'U0NOSY01';
let app: TestApp;

/** 09:00 in Paris on a December 2026 day. */
const nineOn = (day: number) => new Date(Date.UTC(2026, 11, day, 8, 0));

beforeAll(async () => {
  app = await startTestApp({ now: '2026-11-30T08:00:00Z' });
  const crest = await app.addSpace(CREST);
  for (const userId of [ANIMATOR, SECOND]) {
    const saved = await app.services.contracts.save(
      TEAM_ID,
      COORDINATOR,
      aContractInput({ userId, spaceId: crest, startDate: isoDay('2026-01-05'), endDate: isoDay('2027-01-04'), weeklyHours: 20 }),
    );
    expect(saved.ok).toBe(true);
  }
  // A Saturday workshop run by the first animator: three hours of animation in the week of the 9th.
  const event = await app.services.events.create(
    TEAM_ID,
    ANIMATOR,
    anEventInput({
      title: 'Atelier réparation',
      spaceIds: [crest],
      startAt: new Date('2026-11-14T13:00:00Z'),
      endAt: new Date('2026-11-14T16:00:00Z'),
    }),
  );
  expect(event.ok).toBe(true);
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

const sheetOf = (userId: string) =>
  app.db.database.prisma.timeSheet.findUniqueOrThrow({
    where: { teamId_userId_month: { teamId: TEAM_ID, userId, month: '2026-11' } },
    include: { lines: true, signatures: true, log: true },
  });
const dmTo = (userId: string, text: string) =>
  app.slack.waitFor('chat.postMessage', (c) => c.args.channel === userId && JSON.stringify(c.args).includes(text));
const button = (userId: string, actionId: string, value: string) => app.action({ actionId, userId, channelId: `D${userId}`, value });
const hoursValues = (hours: Partial<Record<TaskKind, string>>) =>
  Object.fromEntries(
    TASK_KINDS.map((k) => [HoursFields[k].block, { [HoursFields[k].action]: { type: 'number_input', value: hours[k] ?? null } }]),
  );

describe('the monthly time sheet', () => {
  it('is sent on the first working day of the month, once, for the month before, pre-filled', async () => {
    // 30 November: not yet.
    expect(await app.runJob('timesheets', nineOn(0))).toContain('0 feuille de temps envoyée');
    app.clock.set('2026-12-01T08:00:00Z');
    // Two replicas at once: each sheet is made and sent once between them.
    const runs = await Promise.all([app.runJob('timesheets', nineOn(1)), app.runJob('timesheets', nineOn(1))]);
    const sent = runs.map((summary) => Number(/^(\d+) feuille/.exec(summary)?.[1]));
    expect((sent[0] ?? 0) + (sent[1] ?? 0)).toBe(2);
    // The day after (catching up after a day down): nothing left to do.
    expect(await app.runJob('timesheets', nineOn(2))).toContain('0 feuille de temps envoyée');
    expect(await app.db.database.prisma.timeSheet.count({ where: { month: '2026-11' } })).toBe(2);
    app.clock.set('2026-12-01T10:00:00Z');

    const dm = await dmTo(ANIMATOR, 'Votre feuille de temps de novembre');
    const text = JSON.stringify(dm.args.blocks);
    expect(text).toContain('novembre\u00a02026');
    // Week of the 9th: Armistice on Wednesday, so four days at 4 h; the Saturday workshop as animation.
    expect(text).toContain('*9–15\u00a0nov.* · 16\u00a0h — animation 3, préparation');
    expect(text).toContain('Total du mois\u00a0: 80\u00a0h');
    expect(text).toContain(TimeSheetActions.sign);
    expect(app.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === ANIMATOR)).toHaveLength(1);

    const sheet = await sheetOf(ANIMATOR);
    expect(sheet.status).toBe('draft');
    expect(sheet.lines.filter((l) => l.weekStart === '2026-11-09').reduce((s, l) => s + l.hours, 0)).toBe(16);
    expect(sheet.lines.find((l) => l.weekStart === '2026-11-09' && l.kind === 'animation')?.hours).toBe(3);
  });

  it('is corrected week by week in a form that checks the totals, in the animator’s language', async () => {
    const sheet = await sheetOf(ANIMATOR);
    await button(ANIMATOR, TimeSheetActions.edit, String(sheet.id));
    const open = await app.slack.waitFor('views.open');
    const view = open.args.view as { private_metadata: string; blocks: unknown[]; submit: { text: string } };
    expect(JSON.stringify(view.blocks)).toContain('semaine 1 sur 5\u00a0: 2–8\u00a0nov.');
    expect(JSON.stringify(view.blocks)).toContain('au plus 22\u00a0h avec les heures supplémentaires');
    expect(view.submit.text).toBe('Semaine suivante');
    const meta = JSON.parse(view.private_metadata) as { week: string; version: number };
    expect(meta.week).toBe('2026-11-02');

    const tooMuch = await app.submit({
      callbackId: TimeSheetViews.week,
      userId: ANIMATOR,
      privateMetadata: view.private_metadata,
      values: hoursValues({ animation: '12', preparation: '10,5' }),
    });
    expect(tooMuch.json()).toEqual({
      response_action: 'errors',
      errors: {
        [HoursFields.animation.block]: 'Total 22,5\u00a0h\u00a0: au plus 22\u00a0h cette semaine (heures du contrat + 10\u00a0%).',
      },
    });
    const odd = await app.submit({
      callbackId: TimeSheetViews.week,
      userId: ANIMATOR,
      privateMetadata: view.private_metadata,
      values: hoursValues({ animation: '2.1', accueil: '-1' }),
    });
    expect(odd.json()).toEqual({
      response_action: 'errors',
      errors: {
        [HoursFields.animation.block]: 'Indiquez des heures par quarts d’heure (ex. 2,5 ou 2,25).',
        [HoursFields.accueil.block]: 'Pas d’heures négatives.',
      },
    });
    expect((await sheetOf(ANIMATOR)).version).toBe(sheet.version);

    const saved = await app.submit({
      callbackId: TimeSheetViews.week,
      userId: ANIMATOR,
      privateMetadata: view.private_metadata,
      values: hoursValues({ animation: '8', preparation: '8', reseau: '4,5' }),
    });
    const next = saved.json() as { response_action: string; view: { private_metadata: string; blocks: unknown[] } };
    expect(next.response_action).toBe('update');
    expect(JSON.stringify(next.view.blocks)).toContain('semaine 2 sur 5\u00a0: 9–15\u00a0nov.');
    const after = await sheetOf(ANIMATOR);
    expect(after.version).toBe(sheet.version + 1);
    expect(after.lines.filter((l) => l.weekStart === '2026-11-02').map((l) => [l.kind, l.hours])).toEqual(
      expect.arrayContaining([
        ['animation', 8],
        ['preparation', 8],
        ['reseau', 4.5],
        ['accueil', 0],
      ]),
    );
    expect(after.log.map((l) => l.action)).toEqual(['created', 'edited']);

    // The old form again (another window): refused, nothing changed.
    const stale = await app.submit({
      callbackId: TimeSheetViews.week,
      userId: ANIMATOR,
      privateMetadata: view.private_metadata,
      values: hoursValues({ animation: '1' }),
    });
    expect(JSON.stringify(stale.json())).toContain('La feuille a changé depuis ce message');

    // Someone else's sheet cannot be edited.
    app.slack.reset();
    await button(NOSY, TimeSheetActions.edit, String(sheet.id));
    expect((await app.slack.waitForResponse()).text).toContain('Seul·e la personne concernée');
    expect(app.slack.calls.some((c) => c.method === 'views.open')).toBe(false);
  });

  it('walks to the last week, then sends the sheet up to date to sign', async () => {
    let metadata = (await openForm(ANIMATOR)).private_metadata;
    for (let week = 1; week <= 5; week++) {
      const res = await app.submit({
        callbackId: TimeSheetViews.week,
        userId: ANIMATOR,
        privateMetadata: metadata,
        // Monday 30 November stands alone: four hours at most.
        values: week < 5 ? hoursValues({ animation: '4', preparation: '12' }) : hoursValues({ animation: '2', preparation: '2' }),
      });
      if (week < 5) metadata = (res.json() as { view: { private_metadata: string } }).view.private_metadata;
      else expect(res.body).toBe('');
    }
    const updated = await dmTo(ANIMATOR, 'est à jour');
    expect(JSON.stringify(updated.args.blocks)).toContain('Total du mois\u00a0: 68\u00a0h');
  });

  it('is signed by its animator on the version they read, then countersigned by a coordinator only', async () => {
    const draft = await sheetOf(ANIMATOR);
    await button(ANIMATOR, TimeSheetActions.sign, `${draft.id}:${draft.version - 1}`);
    const stale = await app.slack.waitForResponse();
    expect(JSON.stringify(stale)).toContain('La feuille a changé depuis ce message\u00a0: voici la version à jour.');
    expect((await sheetOf(ANIMATOR)).status).toBe('draft');

    app.slack.reset();
    await button(ANIMATOR, TimeSheetActions.sign, `${draft.id}:${draft.version}`);
    const replaced = await app.slack.waitForResponse();
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced)).toContain('Feuille de temps de novembre\u00a02026 signée');
    expect(JSON.stringify(replaced)).not.toContain(TimeSheetActions.sign);
    const toApprove = await dmTo(COORDINATOR, 'a signé sa feuille de temps');
    expect(JSON.stringify(toApprove.args.blocks)).toContain(TimeSheetActions.countersign);
    const signed = await sheetOf(ANIMATOR);
    expect(signed.status).toBe('signed');
    const [employee] = signed.signatures;
    expect(employee).toMatchObject({ role: 'employee', userId: ANIMATOR, voidedAt: null });
    // The fingerprint seals the cells as stored.
    const weeks = new Map<string, Record<TaskKind, number>>();
    for (const line of signed.lines) {
      const week = weeks.get(line.weekStart) ?? Object.fromEntries(TASK_KINDS.map((k) => [k, 0]));
      weeks.set(line.weekStart, { ...week, [line.kind]: line.hours } as Record<TaskKind, number>);
    }
    const content = {
      teamId: TEAM_ID,
      userId: ANIMATOR,
      month: '2026-11',
      weeks: [...weeks].map(([start, hours]) => ({ start: isoDay(start), hours })),
    };
    expect(employee?.fingerprint).toBe(fingerprint(content));

    // Signed: no more editing, until re-opened.
    app.slack.reset();
    await button(ANIMATOR, TimeSheetActions.edit, String(signed.id));
    expect((await app.slack.waitForResponse()).text).toContain('rouvrez-la pour la modifier');

    app.slack.reset();
    await button(NOSY, TimeSheetActions.countersign, `${signed.id}:${signed.version}`);
    expect((await app.slack.waitForResponse()).text).toContain('Seul·es les coordinateur·rices valident');
    expect((await sheetOf(ANIMATOR)).status).toBe('signed');

    app.slack.reset();
    await button(COORDINATOR, TimeSheetActions.countersign, `${signed.id}:${signed.version}`);
    expect(JSON.stringify(await app.slack.waitForResponse())).toContain('validée');
    await dmTo(ANIMATOR, 'est validée');
    const done = await sheetOf(ANIMATOR);
    expect(done.status).toBe('countersigned');
    expect(done.signatures.map((s) => s.role)).toEqual(['employee', 'manager']);
    expect(done.log.map((l) => l.action).slice(-2)).toEqual(['signed', 'countersigned']);
  });

  it('sends its PDF to its animator and to coordinators only: the table’s totals, both signatures, the mention', async () => {
    const sheet = await sheetOf(ANIMATOR);
    await button(ANIMATOR, TimeSheetActions.pdf, String(sheet.id));
    const done = await app.slack.waitFor('files.completeUploadExternal');
    expect(done.args.channel_id).toBe(`D${ANIMATOR}`);
    expect(done.args.initial_comment).toBe(`Voici la feuille de temps de <@${ANIMATOR}> pour novembre\u00a02026.`);
    const bytes = app.slack.uploads[0]?.bytes ?? Buffer.alloc(0);
    expect(bytes.length).toBeGreaterThan(2_000);
    expect(bytes.length).toBeLessThan(30_000);
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toHaveLength(1);
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('Feuille de temps novembre 2026');
    expect(text).toContain('Structure d’accueil : La Fabrique de Crest');
    expect(text).toContain('PEC du lundi 5 janvier 2026 au lundi 4 janvier 2027, 20 h par semaine');
    expect(text).toContain('2–8 nov. 4 12 16');
    expect(text).toContain('30 nov. 2 2 4');
    expect(text).toContain('Total 18 50 68');
    expect(text).toMatch(/Signé par User U0ANIM01 le mardi 1er décembre 2026/);
    expect(text).toMatch(/Signé par User U0COORD1 le/);
    const short = (sheet.signatures[0]?.fingerprint ?? '')
      .slice(0, 16)
      .toUpperCase()
      .replace(/(.{4})(?=.)/g, '$1 ');
    expect(text).toContain(`Empreinte signée : ${short}`);
    expect(text).toContain('Ce projet est cofinancé par le Fonds social européen (FSE+) et le Département.');
    expect(text).toContain('Cofinancé par l’Union européenne');

    app.slack.reset();
    await button(COORDINATOR, TimeSheetActions.pdf, String(sheet.id));
    expect((await app.slack.waitFor('files.completeUploadExternal')).args.channel_id).toBe(`D${COORDINATOR}`);

    app.slack.reset();
    await button(NOSY, TimeSheetActions.pdf, String(sheet.id));
    expect((await app.slack.waitForResponse()).text).toContain('Seul·es la personne concernée et les coordinateur·rices');
    expect(app.slack.uploads).toHaveLength(0);
  });

  it('re-opened, loses its signatures (kept in the history) and is asked again', async () => {
    const sheet = await sheetOf(ANIMATOR);
    await button(COORDINATOR, TimeSheetActions.reopen, `${sheet.id}:${sheet.version}`);
    await dmTo(ANIMATOR, 'a rouvert votre feuille de temps');
    const reopened = await sheetOf(ANIMATOR);
    expect(reopened.status).toBe('draft');
    expect(reopened.signatures).toHaveLength(2);
    expect(reopened.signatures.every((s) => s.voidedAt !== null && s.voidedBy === COORDINATOR)).toBe(true);
    expect(reopened.log.at(-1)?.action).toBe('reopened');
    // Editable again.
    app.slack.reset();
    await button(ANIMATOR, TimeSheetActions.edit, String(sheet.id));
    await app.slack.waitFor('views.open');
  });

  it('reminds the animator once three working days later, and the coordinators once about a signed sheet', async () => {
    // SECOND never signed: Friday 4 December is three working days after Tuesday the 1st.
    expect(await app.runJob('timesheets', nineOn(3))).toContain('0 rappel');
    const friday = await app.runJob('timesheets', nineOn(4));
    // The first animator's sheet, re-opened on the 1st, was asked again then: reminded too.
    expect(friday).toContain('2 rappels envoyés');
    await dmTo(SECOND, 'Rappel\u00a0: votre feuille de temps de novembre');
    expect(await app.runJob('timesheets', nineOn(7))).toContain('0 rappel');

    const second = await sheetOf(SECOND);
    app.clock.set('2026-12-07T10:00:00Z');
    await button(SECOND, TimeSheetActions.sign, `${second.id}:${second.version}`);
    await dmTo(COORDINATOR, 'a signé sa feuille de temps');
    expect(await app.runJob('timesheets', nineOn(9))).toContain('0 rappel');
    expect(await app.runJob('timesheets', nineOn(10))).toContain('1 rappel envoyé');
    await dmTo(COORDINATOR, 'attend toujours la validation');
    expect(await app.runJob('timesheets', nineOn(11))).toContain('0 rappel');
  });

  it('shows on the App Home: the animator’s sheet to sign, the coordinators’ table of the month', async () => {
    app.clock.set('2026-12-11T10:00:00Z');
    await app.services.home.publish(TEAM_ID, ANIMATOR);
    const mine = await app.slack.waitFor('views.publish', (c) => c.args.user_id === ANIMATOR);
    expect(JSON.stringify(mine.args.view)).toContain('Mes feuilles de temps');
    expect(JSON.stringify(mine.args.view)).toContain('*novembre\u00a02026* — à vérifier et signer');
    await app.services.home.publish(TEAM_ID, COORDINATOR);
    const table = await app.slack.waitFor('views.publish', (c) => c.args.user_id === COORDINATOR);
    const text = JSON.stringify(table.args.view);
    expect(text).toContain('Feuilles de temps de novembre\u00a02026');
    expect(text).toContain('1 à signer · 1 à valider · 0 validée');
    expect(text).toContain(`<@${SECOND}> — signée, à valider`);

    // From the Home's ⋯ menu: the PDF of a sheet, and its approval.
    const second = await sheetOf(SECOND);
    app.slack.reset();
    await app.action({
      actionId: TimeSheetActions.menu,
      userId: COORDINATOR,
      value: `pdf:${second.id}`,
      view: { id: 'VHOME', callbackId: '' },
    });
    expect((await app.slack.waitFor('files.completeUploadExternal')).args.channel_id).toBe(`D${COORDINATOR}`);
    await app.action({
      actionId: TimeSheetActions.menu,
      userId: COORDINATOR,
      value: `countersign:${second.id}:${second.version}`,
      view: { id: 'VHOME', callbackId: '' },
    });
    await dmTo(SECOND, 'est validée');
    expect((await sheetOf(SECOND)).status).toBe('countersigned');
  });
});

async function openForm(userId: string): Promise<{ private_metadata: string }> {
  const sheet = await sheetOf(userId);
  app.slack.reset();
  await button(userId, TimeSheetActions.edit, String(sheet.id));
  return (await app.slack.waitFor('views.open')).args.view as { private_metadata: string };
}

describe('the coordinators’ reminder of several signed sheets', () => {
  let many: TestApp;
  const THIRD = 'U0ANIM03';
  beforeAll(async () => {
    many = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    const crest = await many.addSpace(CREST);
    for (const userId of [ANIMATOR, SECOND, THIRD]) {
      await many.services.contracts.save(
        TEAM_ID,
        COORDINATOR,
        aContractInput({ userId, spaceId: crest, startDate: isoDay('2026-01-05'), endDate: isoDay('2027-01-04'), weeklyHours: 20 }),
      );
    }
    await many.runJob('timesheets', nineOn(1));
  });
  afterAll(async () => many.close());

  it('comes as one message to each coordinator listing the sheets, each approvable from it, once', async () => {
    many.clock.set('2026-12-01T10:00:00Z');
    for (const userId of [ANIMATOR, SECOND, THIRD]) {
      const sheet = await many.db.database.prisma.timeSheet.findUniqueOrThrow({
        where: { teamId_userId_month: { teamId: TEAM_ID, userId, month: '2026-11' } },
      });
      await many.action({ actionId: TimeSheetActions.sign, userId, channelId: `D${userId}`, value: `${sheet.id}:${sheet.version}` });
      await many.slack.waitFor(
        'chat.postMessage',
        (c) => c.args.channel === COORDINATOR && JSON.stringify(c.args).includes(`<@${userId}> a signé sa feuille de temps`),
      );
      // The animator's message, replaced by the signed sheet, before the next one signs.
      expect((await many.slack.waitForResponse()).replace_original).toBe(true);
      many.slack.reset();
    }
    expect(await many.runJob('timesheets', nineOn(7))).toContain('3 rappels envoyés');
    const reminders = many.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === COORDINATOR && JSON.stringify(c.args).includes('Rappel'));
    expect(reminders).toHaveLength(1);
    const reminder = JSON.stringify(reminders[0]?.args);
    expect(reminder).toContain('Rappel\u00a0: 3 feuilles de temps signées attendent toujours la validation');
    for (const userId of [ANIMATOR, SECOND, THIRD]) expect(reminder).toContain(`<@${userId}> — novembre\u00a02026, 80\u00a0h, signée le`);
    expect(reminder.split(TimeSheetActions.countersignListed).length - 1).toBe(3);

    // Approved from the reminder itself.
    many.slack.reset();
    const second = await many.db.database.prisma.timeSheet.findUniqueOrThrow({
      where: { teamId_userId_month: { teamId: TEAM_ID, userId: SECOND, month: '2026-11' } },
    });
    await many.action({
      actionId: TimeSheetActions.countersignListed,
      userId: COORDINATOR,
      channelId: `D${COORDINATOR}`,
      value: `${second.id}:${second.version}`,
    });
    await many.slack.waitFor('chat.postMessage', (c) => c.args.channel === SECOND && JSON.stringify(c.args).includes('est validée'));
    // Said privately: the reminder keeps the other sheets' buttons.
    const answer = await many.slack.waitForResponse();
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    expect(String(answer.text)).toContain(`Feuille de temps de <@${SECOND}>`);
    expect(String(answer.text)).toContain('validée');
    // Each sheet is reminded once.
    expect(await many.runJob('timesheets', nineOn(8))).toContain('0 rappel');
  });
});
