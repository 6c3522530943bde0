// Pure views of mutual help.

import type { KnownBlock, ModalView } from '@slack/types';
import { formatDateTime } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { actions, button, context, input, LIMITS, modal, option, section, truncate } from '../../slack/blocks.ts';
import { channelMention, escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { Skill } from '../skills/repo.ts';
import { skillPicker } from '../skills/views.ts';
import { HelpActions, HelpFields, HelpViews } from './ids.ts';
import type { HelpDetails } from './repo.ts';
import type { HelpMessages } from './service.ts';
import { HELP_CATEGORIES, HELP_URGENCIES } from './vocabulary.ts';

export const QUESTION_MAX = 300;
export const DETAILS_MAX = 2500;

/** The request as posted (and updated in place) in the help channel. */
export function helpPostMessage(req: HelpDetails, t: Translate, helperNames: readonly string[] = []): MessageContent {
  const question = escapeMrkdwn(req.question);
  const status = t(`help.status.${req.status}`);
  const helpers = req.helpers.map(userMention).join(', ');
  // 🆘 is kept for what is needed today; a request for the week or whenever just raises a hand.
  const openEmoji = req.urgency === 'today' ? '🆘' : '🙋';
  const statusEmoji = req.status === 'resolved' ? '✅' : req.status === 'taken' ? '🤝' : openEmoji;
  const blocks: KnownBlock[] = [
    section(`${statusEmoji} *${question}*`),
    context(
      t('help.post.asked', {
        user: userMention(req.requesterId),
        category: t(`help.category.${req.category}`),
        urgency: t(`help.urgency.${req.urgency}`),
      }),
    ),
  ];
  if (req.details) blocks.push(section(truncate(escapeMrkdwn(req.details), LIMITS.sectionText)));
  if (req.skillsWanted.length > 0) blocks.push(context(t('help.post.skills', { skills: req.skillsWanted.map(escapeMrkdwn).join(', ') })));
  blocks.push(section(t('help.post.status', { status, helpers, answers: req.answersCount })));
  if (req.status !== 'resolved') {
    blocks.push(
      actions(`help_actions_${req.id}`, [
        // Once taken, the button names who took it (others may still join in).
        req.status === 'taken'
          ? button(
              helperNames.length > 0 ? t('help.post.takenBy', { names: helperNames.join(', ') }) : t('help.post.takenAnon'),
              HelpActions.take,
              String(req.id),
            )
          : button(t('help.post.take'), HelpActions.take, String(req.id), 'primary'),
        button(t('help.post.resolve'), HelpActions.resolve, String(req.id)),
      ]),
      context(t('help.post.answerInThread')),
    );
  }
  return { text: t('help.post.fallback', { question }), blocks };
}

export function helpModalView(
  t: Translate,
  networkSkills: readonly Skill[],
  metadata: { channelId?: string },
  prefill?: string,
): ModalView {
  const categoryOptions = HELP_CATEGORIES.map((c) => option(t(`help.category.${c}`), c));
  const urgencyOptions = HELP_URGENCIES.map((u) => option(t(`help.urgency.${u}`), u));
  const optional = { optional: true };
  const blocks: KnownBlock[] = [
    input(HelpFields.question, t('help.field.question'), {
      type: 'plain_text_input',
      max_length: QUESTION_MAX,
      ...(prefill ? { initial_value: truncate(prefill, QUESTION_MAX) } : {}),
    }),
    input(HelpFields.details, t('help.field.details'), { type: 'plain_text_input', multiline: true, max_length: DETAILS_MAX }, optional),
    input(HelpFields.category, t('help.field.category'), { type: 'static_select', options: categoryOptions }),
    input(HelpFields.urgency, t('help.field.urgency'), {
      type: 'radio_buttons',
      options: urgencyOptions,
      initial_option: urgencyOptions[1],
    }),
  ];
  if (networkSkills.length > 0) {
    blocks.push(input(HelpFields.skills, t('help.field.skills'), skillPicker(networkSkills, []), optional));
  }
  blocks.push(
    input(
      HelpFields.otherSkills,
      t('help.field.otherSkills'),
      { type: 'plain_text_input', max_length: 500 },
      { ...optional, hint: t('help.field.otherSkillsHint') },
    ),
  );
  return modal({
    title: t('help.modal.title'),
    callbackId: HelpViews.ask,
    submit: t('help.modal.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks,
  });
}

/** Sent to the requester once resolved: who helped? (optional) */
export function thankMessage(req: HelpDetails, t: Translate): MessageContent {
  const text = t('help.thank.ask', { question: escapeMrkdwn(req.question) });
  const initial = [...new Set([...req.helpers, ...req.answerers])].filter((u) => u !== req.requesterId);
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: HelpFields.thanked.block,
        elements: [
          {
            type: 'multi_users_select',
            action_id: HelpFields.thanked.action,
            placeholder: { type: 'plain_text', text: t('help.thank.field') },
            ...(initial.length ? { initial_users: initial } : {}),
          },
          button(t('help.thank.button'), HelpActions.thank, String(req.id), 'primary'),
        ],
      },
    ],
  };
}

export function staleMessage(req: HelpDetails, t: Translate): MessageContent {
  const text = t('help.stale.ask', { question: escapeMrkdwn(req.question) });
  return {
    text,
    blocks: [
      section(text),
      actions(`help_stale_${req.id}`, [
        button(t('help.stale.close'), HelpActions.close, String(req.id), 'primary'),
        button(t('help.stale.keep'), HelpActions.keep, String(req.id)),
      ]),
    ],
  };
}

/** The messages the help service stores with its changes, rendered here. */
export const helpMessages: HelpMessages = {
  post: helpPostMessage,
  thank: thankMessage,
  stale: staleMessage,
  suggestion: (users, t) => ({ text: t('help.thread.suggest', { users: users.map(userMention).join(', ') }) }),
  taken: (helper, requester, t) => ({ text: t('help.thread.taken', { helper: userMention(helper), requester: userMention(requester) }) }),
  resolved: (by, t) => ({ text: t('help.thread.resolved', { by: userMention(by) }) }),
  thanks: (users, t) => ({ text: t('help.thread.thanks', { users: users.map(userMention).join(', ') }) }),
  nudgePeers: (users, t) => ({
    text: users.length > 0 ? t('help.thread.nudgePeers', { users: users.map(userMention).join(', ') }) : t('help.thread.nudgeAnyone'),
  }),
  coordinatorsAlert: (req, d) => ({
    text: d.t('help.nudge.coordinators', {
      question: escapeMrkdwn(req.question),
      user: userMention(req.requesterId),
      since: formatDateTime(req.createdAt, d.locale, d.timeZone),
      link: channelMention(req.channelId),
    }),
  }),
  posted: (channel, t) => ({ text: t('help.notice.posted', { channel: channelMention(channel) }) }),
};
