// Pure views of skills.
import type { KnownBlock, ModalView, MultiExternalSelect, MultiStaticSelect } from '@slack/types';
import type { Translate } from '../../i18n/index.ts';
import { context, input, LIMITS, linesInSections, modal, option, section } from '../../slack/blocks.ts';
import { escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import { SkillFields, SkillViews } from './ids.ts';
import type { MemberSkills, Skill } from './service.ts';

/**
 * The element that picks skills among the network's: a static menu while there are at most 100
 * (Slack's limit), else a menu searched as the user types (`SkillService.choices`), the current
 * choice kept either way. Values are the labels.
 */
export function skillPicker(network: readonly Skill[], selected: readonly Skill[]): MultiStaticSelect | MultiExternalSelect {
  const chosen = selected.map((s) => option(s.label, s.label));
  if (network.length > LIMITS.optionsPerSelect) {
    return { type: 'multi_external_select', min_query_length: 0, ...(chosen.length ? { initial_options: chosen } : {}) };
  }
  const mineTags = new Set(selected.map((s) => s.tag));
  const options = [...selected, ...network.filter((s) => !mineTags.has(s.tag))].map((s) => option(s.label, s.label));
  return { type: 'multi_static_select', options, ...(chosen.length ? { initial_options: chosen } : {}) };
}

export function skillsModalView(mine: MemberSkills, network: readonly Skill[], t: Translate): ModalView {
  // The network's skills, the member's own chosen; new ones are typed in the next field.
  const optOut = option(t('skills.field.optOutLabel'), 'opt_out');
  const blocks: KnownBlock[] = [];
  const optional = { optional: true };
  if (network.length > 0 || mine.skills.length > 0) {
    blocks.push(input(SkillFields.known, t('skills.field.known'), skillPicker(network, mine.skills), optional));
  }
  blocks.push(
    input(
      SkillFields.added,
      t('skills.field.added'),
      { type: 'plain_text_input', multiline: true, max_length: 1500 },
      { ...optional, hint: t('skills.field.addedHint') },
    ),
    input(
      SkillFields.optOut,
      t('skills.field.optOut'),
      { type: 'checkboxes', options: [optOut], ...(mine.suggestOptOut ? { initial_options: [optOut] } : {}) },
      optional,
    ),
  );
  return modal({
    title: t('skills.modal.title'),
    callbackId: SkillViews.edit,
    submit: t('common.save'),
    close: t('common.cancel'),
    blocks,
  });
}

export function skillSearchMessage(word: string, found: MemberSkills[], t: Translate): MessageContent {
  const safeWord = escapeMrkdwn(word);
  if (found.length === 0) return { text: t('skills.search.none', { word: safeWord }) };
  const lines = found.map((m) =>
    t('skills.search.line', { user: userMention(m.userId), skills: m.skills.map((s) => escapeMrkdwn(s.label)).join(', ') }),
  );
  const title = t('skills.search.title', { word: safeWord });
  // The title, the people in as many sections as fit, and how many more there are.
  const { blocks: people, left } = linesInSections(lines, LIMITS.blocksPerMessage - 2);
  const blocks: KnownBlock[] = [section(`*${title}*`), ...people];
  if (left > 0) blocks.push(context(t('common.andMore', { count: left })));
  return { text: title, blocks };
}
