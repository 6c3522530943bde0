import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventActions, EventViews } from '../../src/features/events/ids.ts';
import { NetworkActions, NetworkViews } from '../../src/features/network/ids.ts';
import { ReportActions } from '../../src/features/reports/ids.ts';
import { anEventInput } from '../support/builders.ts';
import { TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { AGENDA_CHANNEL_ID: 'C0AGENDA', HELP_CHANNEL_ID: 'C0HELP' } });
});
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

const homeOpened = (user: string) => ({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.1' });

async function publishedHomeFor(user: string): Promise<string> {
  const call = await app.slack.waitFor('views.publish', (c) => c.args.user_id === user);
  return JSON.stringify(call.args.view);
}

describe('App Home', () => {
  it('shows an animator their role, without the health panel', async () => {
    app.slack.users.set(ANIMATOR, { name: 'Julien', locale: 'fr-FR' });
    const res = await app.event(homeOpened(ANIMATOR));
    expect(res.status).toBe(200);
    const home = await publishedHomeFor(ANIMATOR);
    expect(home).toContain('Bonjour Julien');
    expect(home).toContain('animateur·rice');
    expect(home).not.toContain('État de l’application');
    expect(home).not.toContain(NetworkActions.open);
  });

  it('greets people by their first name, not their Slack handle', async () => {
    app.slack.users.set('U0ALICE01', { name: 'alice', displayName: 'alice', realName: 'Alice Martin' });
    await app.event(homeOpened('U0ALICE01'));
    expect(await publishedHomeFor('U0ALICE01')).toContain('Bonjour Alice\u202f!');
    app.slack.users.set('U0AURE001', { name: 'aure.b', displayName: 'Aure', realName: 'Aurélie Bonnet', firstName: 'Aurélie' });
    await app.event(homeOpened('U0AURE001'));
    const home = await publishedHomeFor('U0AURE001');
    expect(home).toContain('Bonjour Aurélie\u202f!');
    expect(home).not.toContain('aure.b');
  });

  it('speaks English to a member whose Slack locale is English', async () => {
    app.slack.users.set('U0ENGLISH', { name: 'Sam', locale: 'en-US' });
    await app.event(homeOpened('U0ENGLISH'));
    const home = await publishedHomeFor('U0ENGLISH');
    expect(home).toContain('Hello Sam!');
    expect(home).toContain('community animator');
  });

  it('tells coordinators in one line on the Home what is wrong, the full panel in /reseau: channels, job runs, pending and failed posts', async () => {
    app.slack.channels.set('C0HELP', 'not_member');
    await app.services.network.saveSpace(
      TEAM_ID,
      { name: 'Le Lieu-Dit', town: 'Die', kind: 'tiers_lieu', channelId: 'C0GONE', archived: false },
      COORDINATOR,
    );
    app.slack.channels.set('C0GONE', 'not_found');
    const owner = app.scheduler();
    const outbox = app.services.jobs.find((j) => j.name === 'outbox');
    if (!outbox) throw new Error('outbox job registered');
    await owner.runSlot(outbox, new Date('2026-11-30T07:59:00Z'));
    // One post waiting for a retry, one that failed for good.
    app.slack.fail('chat.postMessage', { status: 500 });
    await app.services.outbox.send({ teamId: TEAM_ID, kind: 'post', channel: 'C0AGENDA', content: { text: 'retry me' } });
    app.slack.fail('chat.postMessage', { error: 'channel_not_found' });
    await app.services.outbox.send({ teamId: TEAM_ID, kind: 'post', channel: 'C0DELETED', content: { text: 'lost channel' } });

    await app.event(homeOpened(COORDINATOR));
    const home = await publishedHomeFor(COORDINATOR);
    expect(home).toContain('coordinateur·rice');
    expect(home).toContain(
      '⚠️ l’application n’est pas dans le canal entraide · canal coordination non choisi · canal espace le lieu-dit introuvable · 1 message non envoyé',
    );
    expect(home).not.toContain('État de l’application');
    expect(home).toContain('Le réseau en novembre 2026');
    expect(home).toContain(ReportActions.export);
    expect(home).toContain(NetworkActions.open);

    // The panel, in words a coordinator reads, closes /reseau's overview (drawn once the modal is open).
    app.slack.reset();
    await app.command('/reseau', COORDINATOR);
    const update = await app.slack.waitFor('views.update');
    const panel = JSON.stringify(update.args.view);
    expect(panel).toContain('✅ Agenda\u00a0: <#C0AGENDA>');
    expect(panel).toContain('l’application n’est pas membre de <#C0HELP>');
    expect(panel).toContain('Coordination\u00a0: non configuré');
    expect(panel).toContain('Espace Le Lieu-Dit\u00a0: <#C0GONE> introuvable');
    expect(panel).toContain('Envoi des messages en attente\u00a0: lundi 30\u00a0novembre 2026, 8\u00a0h\u00a059 — terminée');
    expect(panel).toContain('Ménage des traces\u00a0: pas encore passée');
    expect(panel).toContain('Bilan hebdomadaire\u00a0: pas encore passée');
    expect(panel).toContain('1 message en attente d’envoi');
    expect(panel).toContain('1 message non envoyé');
    expect(panel).toContain('`channel_not_found`');
  });

  it('opens the network setup from the Home button for coordinators only', async () => {
    await app.action({ actionId: NetworkActions.open, userId: COORDINATOR, view: { id: 'VHOME', callbackId: '' } });
    const open = await app.slack.waitFor('views.open');
    expect((open.args.view as { callback_id: string }).callback_id).toBe(NetworkViews.overview);
    app.slack.reset();
    await app.action({ actionId: NetworkActions.open, userId: ANIMATOR, view: { id: 'VHOME', callbackId: '' } });
    const dm = await app.slack.waitFor('chat.postMessage');
    expect(dm.args.text).toContain('réservée aux coordinateur·rices');
    expect(app.slack.callsTo('views.open')).toHaveLength(0);
  });
});

describe('App Home: my events', () => {
  it('shows my next events and those waiting for an attendance report, with their buttons', async () => {
    const nyons = await app.addSpace({ name: 'Nyons Numérique', town: 'Nyons', kind: 'numerique', channelId: undefined, archived: false });
    const base = anEventInput({ format: 'permanence', spaceIds: [nyons] });
    await app.services.events.create(TEAM_ID, 'U0HOMEANIM', {
      ...base,
      title: 'Permanence numérique <!here>',
      startAt: new Date('2026-12-03T09:00:00Z'),
      endAt: new Date('2026-12-03T11:00:00Z'),
    });
    const past = await app.services.events.create(TEAM_ID, 'U0HOMEANIM', {
      ...base,
      title: 'Atelier passé',
      startAt: new Date('2026-11-20T09:00:00Z'),
      endAt: new Date('2026-11-20T11:00:00Z'),
    });
    if (!past.ok) throw new Error('event');
    app.slack.reset();
    await app.event(homeOpened('U0HOMEANIM'));
    const home = await publishedHomeFor('U0HOMEANIM');
    expect(home).toContain('Mes prochains évènements');
    expect(home).toContain('Permanence numérique &lt;!here&gt;');
    expect(home).toContain('jeudi 3\u00a0décembre 2026, 10\u00a0h\u00a000 – 12\u00a0h\u00a000');
    expect(home).toContain('Fréquentation à saisir');
    expect(home).toContain('Atelier passé');
    expect(home).toContain(`"action_id":"${EventActions.reportAttendance}","value":"${past.event.id}"`);
    expect(home).toContain(EventActions.declare);

    // The coordinator's to-dos: that attendance to chase, and a reminder sent that nobody marked done.
    const contract = await app.db.database.prisma.contract.create({
      data: {
        teamId: TEAM_ID,
        userId: 'U0HOMEANIM',
        type: 'pec',
        startDate: '2026-02-01',
        endDate: '2027-01-31',
        prescriber: 'france_travail',
        createdBy: COORDINATOR,
      },
    });
    await app.db.database.prisma.contractMilestone.create({
      data: { contractId: contract.id, key: 'd90', dueDate: '2026-11-02', status: 'sent', sentAt: new Date('2026-11-02T08:00:00Z') },
    });
    app.slack.reset();
    await app.event(homeOpened(COORDINATOR));
    const todo = await publishedHomeFor(COORDINATOR);
    expect(todo).toContain('À faire');
    expect(todo).toContain(
      '*Rappels de contrat envoyés, pas encore marqués faits*\\n• lundi 2\u00a0novembre 2026 — <@U0HOMEANIM>\u00a0: J-90',
    );
    expect(todo).toContain('*Fréquentations à relancer*\\n• Atelier passé — vendredi 20\u00a0novembre 2026');
  });

  it('opens the declaration modal from the Home button', async () => {
    await app.action({ actionId: EventActions.declare, userId: ANIMATOR, view: { id: 'VHOME', callbackId: '' } });
    const open = await app.slack.waitFor('views.open');
    expect((open.args.view as { callback_id: string }).callback_id).toBe(EventViews.form);
  });
});

describe('duplicate event deliveries', () => {
  it('handles an event once, whatever Slack retries', async () => {
    await app.event(homeOpened(ANIMATOR), 'Ev0DUPLICATE');
    await app.slack.waitFor('views.publish');
    const retry = await app.event(homeOpened(ANIMATOR), 'Ev0DUPLICATE', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);
    await app.event(homeOpened(ANIMATOR), 'Ev0DUPLICATE');
    await new Promise((r) => setTimeout(r, 200));
    expect(app.slack.callsTo('views.publish')).toHaveLength(1);
  });

  it('still handles a retry whose first delivery never reached us', async () => {
    await app.event(homeOpened(ANIMATOR), 'Ev0LOSTFIRST', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' });
    await app.slack.waitFor('views.publish');
  });
});

describe('GET /healthz', () => {
  it('answers 200 while the database answers', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok', slack: 'ok' });
  });
});
