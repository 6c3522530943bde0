// Pure views of skills.
import type { KnownBlock, ModalView } from '@slack/types';
import type { Translate } from '../../i18n/index.ts';
import { input, LIMITS, modal, option, section } from '../../slack/blocks.ts';
import { escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import { SkillFields, SkillViews } from './ids.ts';
import type { MemberSkills, Skill } from './service.ts';

export function skillsModalView(mine: MemberSkills, network: Skill[], t: Translate): ModalView {
  // The select offers the network's skills (at most 100, Slack's limit): the member's own first.
  const mineTags = new Set(mine.skills.map((s) => s.tag));
  const offered = [...mine.skills, ...network.filter((s) => !mineTags.has(s.tag))].slice(0, LIMITS.optionsPerSelect);
  const options = offered.map((s) => option(s.label, s.label));
  const initial = options.filter((o) => mine.skills.some((s) => s.label === o.value));
  const optOut = option(t('skills.field.optOutLabel'), 'opt_out');
  const blocks: KnownBlock[] = [];
  const optional = { optional: true };
  if (options.length > 0) {
    const element = { type: 'multi_static_select' as const, options, ...(initial.length ? { initial_options: initial } : {}) };
    blocks.push(input(SkillFields.known, t('skills.field.known'), element, optional));
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
  // One section per 25 people keeps each text under Slack's 3,000 characters.
  const blocks: KnownBlock[] = [section(`*${title}*`)];
  for (let i = 0; i < lines.length && blocks.length < LIMITS.blocksPerMessage - 1; i += 25)
    blocks.push(section(lines.slice(i, i + 25).join('\n')));
  return { text: title, blocks };
}
