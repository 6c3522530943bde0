// A network larger than Slack's menus: with more than 100 spaces, the forms search the spaces as
// the user types instead of silently offering only the first hundred. And what commands read on
// every use is kept in memory: changes made here are seen at once, changes made through another
// replica within NETWORK_CACHE_MS.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContractFields } from '../../src/features/contracts/ids.ts';
import { EventFields, EventViews } from '../../src/features/events/ids.ts';
import { HelpFields } from '../../src/features/help/ids.ts';
import { NETWORK_CACHE_MS } from '../../src/features/network/service.ts';
import { SkillFields } from '../../src/features/skills/ids.ts';
import { CREST } from '../support/builders.ts';
import { input, TEAM_ID } from '../support/slack-requests.ts';
import { ANIMATOR, COORDINATOR, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
const SPACES = 120;
let last: number;
let etienne: number;

beforeAll(async () => {
  app = await startTestApp({ env: { AGENDA_CHANNEL_ID: 'C0AGENDA' }, now: '2026-11-30T08:00:00Z' });
  for (let i = 0; i < SPACES; i++) {
    last = await app.addSpace({ ...CREST, name: `Tiers-lieu ${String(i).padStart(3, '0')}`, town: `Commune ${i}` });
  }
  etienne = await app.addSpace({ ...CREST, name: 'Le Fil de Saint-Étienne', town: 'Saint-Étienne' });
  await app.addSpace({ ...CREST, name: 'Atelier Étienne Dolet', town: 'Lyon' });
}, 60_000);
afterAll(async () => app.close());
beforeEach(() => app.slack.reset());

type Values = Record<string, Record<string, Record<string, unknown>>>;
const v = (field: { block: string; action: string }, value: Record<string, unknown>): Values => ({
  [field.block]: { [field.action]: value },
});

function declaration(spaceIds: number[], title: string): Values {
  return Object.assign(
    {},
    v(EventFields.title, input.text(title)),
    v(EventFields.format, input.select('atelier')),
    v(EventFields.themes, input.multi([])),
    v(EventFields.spaces, {
      type: 'multi_external_select',
      selected_options: spaceIds.map((id) => ({ value: String(id), text: { type: 'plain_text', text: String(id) } })),
    }),
    v(EventFields.coanimators, input.users([])),
    v(EventFields.date, input.date('2026-12-10')),
    v(EventFields.startTime, input.time('14:30')),
    v(EventFields.endTime, input.time('17:00')),
    v(EventFields.endDate, input.date(null)),
    v(EventFields.location, input.radio('space')),
    v(EventFields.address, input.text(null)),
    v(EventFields.onlineUrl, input.url(null)),
    v(EventFields.audiences, input.multi([])),
    v(EventFields.expected, input.number(null)),
    v(EventFields.registrationUrl, input.url(null)),
    v(EventFields.description, input.text(null)),
    v(EventFields.seriesName, input.text(null)),
    v(EventFields.seriesNumber, input.number(null)),
  );
}

type Choice = { text: { text: string }; value: string };
async function choices(field: { block: string; action: string }, typed: string, userId = ANIMATOR): Promise<Choice[]> {
  const res = await app.menu({ actionId: field.action, blockId: field.block, value: typed, userId });
  expect(res.status).toBe(200);
  return (res.json().options ?? []) as Choice[];
}

describe('more than 100 spaces', () => {
  it('makes the declaration form search the spaces as the animator types, never cutting the list', async () => {
    await app.command('/evenement', ANIMATOR, '');
    const open = await app.slack.waitFor('views.open');
    const view = JSON.stringify(open.args.view);
    expect(view).toContain('"type":"multi_external_select"');
    expect(view).toContain('"min_query_length":0');
    expect(view).not.toContain('Tiers-lieu 000');
  });

  it('offers the spaces whose name or town holds what was typed, accents and case aside, names starting with it first', async () => {
    const found = await choices(EventFields.spaces, 'etienne');
    expect(found.map((c) => c.text.text)).toEqual(['Atelier Étienne Dolet — Lyon', 'Le Fil de Saint-Étienne — Saint-Étienne']);
    const starting = await choices(EventFields.spaces, 'atel');
    expect(starting[0]?.text.text).toBe('Atelier Étienne Dolet — Lyon');
    // Nothing typed yet: the first hundred, alphabetically; the rest by typing.
    expect(await choices(EventFields.spaces, '')).toHaveLength(100);
    expect((await choices(EventFields.spaces, 'Tiers-lieu 119')).map((c) => c.value)).toEqual([String(last)]);
  });

  it('declares an event in a space beyond the first hundred', async () => {
    const res = await app.submit({
      callbackId: EventViews.form,
      userId: ANIMATOR,
      values: declaration([etienne, last], 'Atelier loin dans la liste'),
      privateMetadata: JSON.stringify({ channelId: 'C0GENERAL' }),
    });
    expect(res.status).toBe(200);
    const row = await app.db.database.prisma.event.findFirst({ where: { title: 'Atelier loin dans la liste' }, include: { spaces: true } });
    expect(row?.spaces.map((s) => s.spaceId).sort((a, b) => a - b)).toEqual([last, etienne].sort((a, b) => a - b));
  });

  it('makes the contract form search its space the same way', async () => {
    expect((await choices(ContractFields.space, 'saint', COORDINATOR)).map((c) => c.value)).toEqual([String(etienne)]);
  });

  it('finds a space created a moment ago at once', async () => {
    const created = await app.addSpace({ ...CREST, name: 'La Nouvelle Fabrique', town: 'Valence' });
    expect((await choices(EventFields.spaces, 'nouvelle')).map((c) => c.value)).toEqual([String(created)]);
  });
});

describe('more than 100 skills in the network', () => {
  it('makes /entraide and /competences search the skills as the member types', async () => {
    const prisma = app.db.database.prisma;
    for (let i = 0; i < 110; i++) {
      const member = await prisma.member.create({ data: { teamId: TEAM_ID, userId: `U0SKILL${String(i).padStart(3, '0')}` } });
      await prisma.memberSkill.create({ data: { memberId: member.id, tag: `savoir ${i}`, label: `Savoir ${i}` } });
    }
    await app.services.skills.save(TEAM_ID, ANIMATOR, ['Impression 3D', 'Découpe laser'], false);
    await app.command('/entraide', ANIMATOR, '');
    const ask = await app.slack.waitFor('views.open');
    expect(JSON.stringify(ask.args.view)).toContain('"type":"multi_external_select"');
    const found = await choices(HelpFields.skills, 'decoupe');
    expect(found.map((c) => c.value)).toEqual(['Découpe laser']);
    // « Savoir 10 » and « Savoir 100 » to « Savoir 109 » start with it.
    expect(await choices(HelpFields.skills, 'savoir 10')).toHaveLength(11);
    app.slack.reset();
    await app.command('/competences', ANIMATOR, '');
    const edit = await app.slack.waitFor('views.open');
    const view = JSON.stringify(edit.args.view);
    expect(view).toContain('"type":"multi_external_select"');
    // The member's own skills stay chosen.
    expect(view).toContain('"initial_options":[{"text":{"type":"plain_text","text":"Découpe laser"');
    expect((await choices(SkillFields.known, '3d')).map((c) => c.value)).toEqual(['Impression 3D']);
  });
});

describe('settings changed through another replica', () => {
  it('are taken into account within NETWORK_CACHE_MS, and those changed here at once', async () => {
    const announced = async (title: string) => {
      app.slack.reset();
      await app.submit({
        callbackId: EventViews.form,
        userId: ANIMATOR,
        values: declaration([etienne], title),
        privateMetadata: JSON.stringify({ channelId: 'C0GENERAL' }),
      });
      const post = await app.slack.waitFor('chat.postMessage', (c) => JSON.stringify(c.args).includes(title));
      return post.args.channel;
    };
    expect(await announced('Avant le changement')).toBe('C0AGENDA');
    // Another replica saves a new agenda channel: this one still has the old one in memory…
    await app.db.database.prisma.networkSettings.upsert({
      where: { teamId: TEAM_ID },
      create: { teamId: TEAM_ID, agendaChannelId: 'C0NEWAGENDA' },
      update: { agendaChannelId: 'C0NEWAGENDA' },
    });
    expect(await announced('Juste après')).toBe('C0AGENDA');
    // …for at most NETWORK_CACHE_MS.
    app.clock.advance(NETWORK_CACHE_MS + 1);
    expect(await announced('Un peu plus tard')).toBe('C0NEWAGENDA');
    // Changed through this replica: at once.
    await app.services.network.updateSettings(TEAM_ID, { agendaChannelId: 'C0THIRD', yearlyEventTarget: 170 }, COORDINATOR);
    expect(await announced('Aussitôt')).toBe('C0THIRD');
  });
});
