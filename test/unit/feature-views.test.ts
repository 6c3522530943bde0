// Views of contracts, mutual help, reports and skills, read as their readers see them.
import type { InputBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { ContractActions } from '../../src/features/contracts/ids.ts';
import { milestonesFor } from '../../src/features/contracts/milestones.ts';
import {
  contractListMessage,
  contractModalView,
  myContractsMessage,
  PAGE_SIZE,
  reminderMessage,
} from '../../src/features/contracts/views.ts';
import { HelpActions } from '../../src/features/help/ids.ts';
import { helpMessages, helpPostMessage, staleMessage, thankMessage } from '../../src/features/help/views.ts';
import { ReportActions } from '../../src/features/reports/ids.ts';
import { bilanMessage, exportComment } from '../../src/features/reports/views.ts';
import { SkillFields } from '../../src/features/skills/ids.ts';
import { skillSearchMessage, skillsModalView } from '../../src/features/skills/views.ts';
import { translator } from '../../src/i18n/index.ts';
import { LIMITS } from '../../src/slack/blocks.ts';
import { isoDay } from '../../src/time/calendar-date.ts';
import { aContract, aHelpRequest, someFigures } from '../support/builders.ts';

const fr = translator('fr');
const en = translator('en');
const json = (value: unknown) => JSON.stringify(value);
/** Every action id offered by a list of blocks. */
const actionIds = (blocks: KnownBlock[] | undefined) =>
  (blocks ?? []).flatMap((b) => [
    ...(b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : undefined)) : []),
    ...(b.type === 'section' && b.accessory && 'action_id' in b.accessory ? [b.accessory.action_id] : []),
  ]);

describe('contract views', () => {
  const contract = aContract({ id: 4, endDate: isoDay('2027-01-04') });
  const [d90] = milestonesFor(contract).filter((m) => m.key === 'd90');
  if (!d90) throw new Error('a one-year contract has a D-90 step');
  const reminder = (forCoordinators: boolean, over: Partial<typeof contract> = {}) =>
    reminderMessage(
      {
        contract: { ...contract, ...over },
        milestone: d90,
        milestoneId: 31,
        months: 12.2,
        today: isoDay('2026-10-06'),
        locale: 'fr',
        forCoordinators,
      },
      fr,
    );

  it('gives coordinators the contract and the decisions still open; the animator only the step', () => {
    const toCoordinators = reminder(true);
    expect(toCoordinators.text).toContain('<@U0ANIM>');
    expect(toCoordinators.text).toContain(fr('contract.prescriber.france_travail'));
    expect(actionIds(toCoordinators.blocks)).toEqual([ContractActions.done, ContractActions.renewed, ContractActions.notRenewed]);
    expect(actionIds(reminder(true, { decision: 'not_renewed' }).blocks)).toEqual([ContractActions.done]);
    const toAnimator = reminder(false);
    expect(toAnimator.text).not.toContain(fr('contract.prescriber.france_travail'));
    expect(actionIds(toAnimator.blocks)).toEqual([]);
  });

  it('pages the coordinators’ list ten at a time, with « previous » and « next »', () => {
    const entries = Array.from({ length: PAGE_SIZE + 2 }, (_, i) => ({ contract: aContract({ id: 100 + i }), months: 3, next: undefined }));
    const first = contractListMessage(entries.slice(0, PAGE_SIZE), 0, entries.length, isoDay('2026-11-30'), fr, 'fr');
    expect(actionIds(first.blocks).filter((a) => a === ContractActions.menu)).toHaveLength(PAGE_SIZE);
    expect(json(first.blocks)).toContain('participant:');
    expect(json(first.blocks)).toContain(fr('contract.menu.page', { from: 1, to: 10, total: 12 }));
    expect(actionIds(first.blocks)).toContain(ContractActions.page);
    const second = contractListMessage(entries.slice(PAGE_SIZE), PAGE_SIZE, entries.length, isoDay('2026-11-30'), en, 'en');
    expect(json(second.blocks)).toContain(en('contract.menu.page', { from: 11, to: 12, total: 12 }));
    expect((second.blocks ?? []).length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  });

  it('tells an animator without a contract so, and lists the steps of their own', () => {
    expect(myContractsMessage([], fr, 'fr').text).toBe(fr('contract.mine.none'));
    const mine = myContractsMessage([{ contract, milestones: milestonesFor(contract) }], en, 'en');
    expect(json(mine.blocks)).toContain(en('contract.ms.d90'));
  });

  it('opens a renewal with its previous end date and a 45-day lead time by default', () => {
    const view = contractModalView(fr, 'fr', [{ id: 1, name: 'La Fabrique' }], { previousId: 4 }, undefined, isoDay('2027-01-04'));
    expect(json(view)).toContain(fr('contract.renewalOf', { end: 'lundi 4\u00a0janvier 2027' }));
    expect(json(view)).toContain('"initial_value":"45"');
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
  });
});

describe('help views', () => {
  it('escapes the question and offers taking and resolving until it is resolved', () => {
    const open = helpPostMessage(aHelpRequest({ id: 9, question: '<!channel> imprimante ?', answersCount: 3 }), fr);
    expect(json(open.blocks)).not.toContain('<!channel>');
    expect(json(open.blocks)).toContain(fr('help.post.status', { status: fr('help.status.open'), helpers: '', answers: 3 }));
    expect(actionIds(open.blocks)).toEqual([HelpActions.take, HelpActions.resolve]);
    // Taken: the button names who took it, and is no longer the green call to action.
    const taken = helpPostMessage(aHelpRequest({ id: 9, status: 'taken', helpers: ['U2', 'U3'] }), fr, ['Léa Chabert', 'Karim Haddad']);
    expect(json(taken.blocks)).toContain('"text":"🤝 Pris par Léa Chabert, Karim Haddad"');
    expect(json(taken.blocks)).not.toContain('"style":"primary"');
    expect(json(helpPostMessage(aHelpRequest({ id: 9, status: 'taken', helpers: ['U2'] }), en, ['Léa Chabert']).blocks)).toContain(
      '🤝 Taken by Léa Chabert',
    );
    const resolved = helpPostMessage(aHelpRequest({ id: 9, status: 'resolved', helpers: ['U2'] }), fr);
    expect(actionIds(resolved.blocks)).toEqual([]);
    expect(json(resolved.blocks)).toContain('<@U2>');
  });

  it('says what its count counts (peers’ answers, not the app’s own thread message), in French and English', () => {
    const three = aHelpRequest({ answersCount: 3 });
    expect(json(helpPostMessage(three, fr).blocks)).toContain('3 réponses de pairs');
    expect(json(helpPostMessage(aHelpRequest({ answersCount: 1 }), fr).blocks)).toContain('1 réponse de pair');
    expect(json(helpPostMessage(three, en).blocks)).toContain('3 peer answers');
    expect(json(helpPostMessage(aHelpRequest({ answersCount: 1 }), en).blocks)).toContain('1 peer answer');
  });

  it.each([
    ['today', '🆘'],
    ['week', '🙋'],
    ['whenever', '🙋'],
  ] as const)('marks an open request needed %s with %s (🆘 only for today)', (urgency, emoji) => {
    const first = helpPostMessage(aHelpRequest({ urgency, status: 'open' }), fr).blocks?.[0];
    expect(json(first)).toContain(emoji);
    expect(json(first)).not.toContain(emoji === '🆘' ? '🙋' : '🆘');
  });

  it('asks the requester who helped, with helpers and answerers preselected (never themselves)', () => {
    const message = thankMessage(aHelpRequest({ requesterId: 'U1', helpers: ['U2'], answerers: ['U3', 'U1'] }), en);
    expect(json(message.blocks)).toContain('"initial_users":["U2","U3"]');
    expect(actionIds(message.blocks)).toContain(HelpActions.thank);
  });

  it('asks whether to close a request without activity, with both answers', () => {
    expect(actionIds(staleMessage(aHelpRequest({ id: 5 }), fr).blocks)).toEqual([HelpActions.close, HelpActions.keep]);
  });

  it('names peers in the thread, or asks anyone when nobody matches', () => {
    expect(helpMessages.nudgePeers(['U7'], fr).text).toBe(fr('help.thread.nudgePeers', { users: '<@U7>' }));
    expect(helpMessages.nudgePeers([], en).text).toBe(en('help.thread.nudgeAnyone'));
  });
});

describe('/bilan views', () => {
  const period = { from: isoDay('2026-11-01'), to: isoDay('2026-11-30') };
  // Two events, 4 h: a workshop with 12 participants reported, a permanence without its report.
  const figures = {
    network: someFigures({
      events: 2,
      hours: 4,
      byFormat: { atelier: 1, permanence: 1 },
      reported: 1,
      missingReports: 1,
      attendance: { total: 12, women: 7, genderUnknown: 5 },
    }),
    medianFirstAnswerHours: undefined,
  };

  it('says whose figures they are and offers the CSV export of the same period', () => {
    const network = bilanMessage(figures, period, false, fr, 'fr');
    expect(json(network.blocks)).toContain(fr('bilan.network'));
    // Plain sentences, real plurals, no brackets in brackets.
    expect(json(network.blocks)).toContain(
      '*2* évènements, 4 heures d’animation.\\n*12* participant·es sur 1 compte rendu de fréquentation.\\n1 compte rendu manque encore.',
    );
    expect(json(network.blocks)).toContain('Dont 7 femmes, 5 sans genre renseigné.');
    expect(json(network.blocks)).toContain(`"value":"2026-11-01|2026-11-30"`);
    // The funders' pack is offered with the network's figures only (and refused to others on the server).
    expect(actionIds(network.blocks)).toEqual([ReportActions.export, ReportActions.pack]);
    const mine = bilanMessage(figures, period, true, en, 'en');
    expect(json(mine.blocks)).toContain(en('bilan.mine'));
    expect(actionIds(mine.blocks)).toEqual([ReportActions.export]);
  });

  it('leaves out what has nothing to say, and tells apart the events still to come (fr, en)', () => {
    const quiet = { network: someFigures({ events: 3, hours: 6 }), medianFirstAnswerHours: undefined };
    for (const [t, locale, upcoming, without] of [
      [fr, 'fr', 'Dont 2 encore à venir.', ['participant', 'Dont 0', 'femme', 'Entraide', ' 0 ']],
      [en, 'en', '2 of them still to come.', ['participant', 'Including', 'women', 'Mutual help', ' 0 ']],
    ] as const) {
      const text = json(bilanMessage(quiet, period, false, t, locale, 2).blocks);
      expect(text).toContain(upcoming);
      for (const absent of without) expect(text).not.toContain(absent);
    }
    const none = { network: someFigures({}), medianFirstAnswerHours: undefined };
    expect(json(bilanMessage(none, period, false, fr, 'fr').blocks)).toContain('Aucun évènement sur la période.');
    expect(json(bilanMessage(none, period, false, en, 'en').blocks)).toContain('No event in the period.');
  });

  it('tells the period of the files sent', () => {
    expect(exportComment(period, fr, 'fr')).toBe(
      fr('bilan.exported', { from: 'dimanche 1er\u00a0novembre 2026', to: 'lundi 30\u00a0novembre 2026' }),
    );
  });
});

describe('skills views', () => {
  it('answers a search with nobody, or with each person and their escaped skills', () => {
    expect(skillSearchMessage('soudure', [], fr).text).toBe(fr('skills.search.none', { word: 'soudure' }));
    const found = skillSearchMessage(
      '3d',
      [{ userId: 'U4', skills: [{ tag: 'impression 3d', label: 'Impression <3D>' }], suggestOptOut: false }],
      en,
    );
    expect(json(found.blocks)).toContain('<@U4>');
    expect(json(found.blocks)).toContain('Impression &lt;3D&gt;');
  });

  it('offers the member’s own skills first and preselected; past 100 skills, a menu searched as they type', () => {
    const mine = { userId: 'U1', skills: [{ tag: 'soudure', label: 'Soudure' }], suggestOptOut: true };
    const known = (count: number) => {
      const network = Array.from({ length: count }, (_, i) => ({ tag: `tag ${i}`, label: `Compétence ${i}` }));
      const view = skillsModalView(mine, network, fr);
      const input = view.blocks.find((b): b is InputBlock => b.type === 'input' && b.block_id === SkillFields.known.block);
      if (!input) throw new Error('the known skills are offered');
      return { view, element: input.element };
    };
    const few = known(20).element;
    if (few.type !== 'multi_static_select') throw new Error('a static menu for 20 skills');
    expect(few.options?.map((o) => o.value).slice(0, 2)).toEqual(['Soudure', 'Compétence 0']);
    expect(few.options).toHaveLength(21);
    expect(few.initial_options?.map((o) => o.value)).toEqual(['Soudure']);
    const many = known(150);
    if (many.element.type !== 'multi_external_select') throw new Error('a searched menu for 150 skills');
    expect(many.element.initial_options?.map((o) => o.value)).toEqual(['Soudure']);
    expect(json(many.view)).not.toContain('Compétence 120');
    expect(json(many.view)).toContain(fr('skills.field.optOutLabel'));
  });
});
