// What people see of a participant record: the entry questionnaire (the person or a
// coordinator), the situation after exit (coordinators), the message that tells the person a
// record was opened. Pure functions.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Locale } from '../../config.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { actions, button, context, input, modal, option, section } from '../../slack/blocks.ts';
import { userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import { EntryFields, ExitFields, ParticipantActions, ParticipantViews } from './ids.ts';
import type { Participant } from './repo.ts';
import {
  AGE_BANDS,
  EDUCATION,
  EMPLOYMENT,
  EXIT_SITUATIONS,
  type ExitMoment,
  type ExitSituation,
  GENDERS,
  YES_NO_REFUSED,
} from './vocabulary.ts';

export interface EntryViewOptions {
  /** The reader is a coordinator (may erase; sees the situations after exit). */
  coordinator: boolean;
  /** Shown right after the first contract was recorded. */
  opened?: boolean;
  locale: Locale;
  timeZone: string;
}

function select<T extends string>(
  field: { block: string; action: string },
  label: string,
  values: readonly T[],
  text: (value: T) => string,
  current: T | undefined,
): KnownBlock {
  const options: PlainTextOption[] = values.map((v) => option(text(v), v));
  const initial = options.find((o) => o.value === current);
  return input(field, label, { type: 'static_select', options, ...(initial ? { initial_option: initial } : {}) }, { optional: true });
}

/** The entry questionnaire, every answer optional; sensitive ones replaced by a note once erased. */
export function entryModalView(p: Participant, t: Translate, o: EntryViewOptions): ModalView {
  const exitText = (s: ExitSituation | undefined) => (s ? t(`participant.exit.${s}`) : t('participant.modal.notYet'));
  const blocks: KnownBlock[] = [];
  if (o.opened) blocks.push(section(t('participant.modal.opened', { user: userMention(p.userId) })));
  blocks.push(
    section(
      o.coordinator
        ? t('participant.modal.whose', { user: userMention(p.userId), code: p.code })
        : t('participant.modal.yours', { code: p.code }),
    ),
    context(t('participant.modal.privacy')),
    select(EntryFields.gender, t('participant.field.gender'), GENDERS, (v) => t(`participant.gender.${v}`), p.gender),
    select(EntryFields.ageBand, t('participant.field.ageBand'), AGE_BANDS, (v) => t(`participant.ageBand.${v}`), p.ageBand),
    select(EntryFields.employment, t('participant.field.employment'), EMPLOYMENT, (v) => t(`participant.employment.${v}`), p.employment),
    select(EntryFields.education, t('participant.field.education'), EDUCATION, (v) => t(`participant.education.${v}`), p.education),
  );
  const answer = (v: (typeof YES_NO_REFUSED)[number]) => t(`participant.answer.${v}`);
  if (p.erasedAt) blocks.push(context(t('participant.modal.erased', { date: formatDate(p.erasedAt, o.locale, o.timeZone) })));
  else {
    blocks.push(
      select(EntryFields.disability, t('participant.field.disability'), YES_NO_REFUSED, answer, p.disability),
      select(EntryFields.otherDisadvantage, t('participant.field.otherDisadvantage'), YES_NO_REFUSED, answer, p.otherDisadvantage),
    );
  }
  if (o.coordinator) {
    blocks.push(context(t('participant.modal.exits', { w4: exitText(p.exit4w), m6: exitText(p.exit6m) })));
    if (!p.erasedAt) {
      blocks.push(
        actions('participant_erase', [
          {
            ...button(t('participant.erase'), ParticipantActions.erase, p.userId, 'danger'),
            confirm: {
              title: { type: 'plain_text', text: t('participant.eraseConfirmTitle') },
              text: { type: 'plain_text', text: t('participant.eraseConfirm') },
              confirm: { type: 'plain_text', text: t('participant.erase') },
              deny: { type: 'plain_text', text: t('common.cancel') },
              style: 'danger',
            },
          },
        ]),
      );
    }
  }
  return modal({
    title: t('participant.modal.title'),
    callbackId: ParticipantViews.entry,
    submit: t('participant.modal.save'),
    close: o.opened ? t('participant.modal.later') : t('common.cancel'),
    privateMetadata: JSON.stringify({ userId: p.userId }),
    blocks,
  });
}

/** The situation four weeks or six months after the exit, one choice. */
export function exitModalView(p: Participant, moment: ExitMoment, end: string, t: Translate): ModalView {
  const current = moment === '4w' ? p.exit4w : p.exit6m;
  const options = EXIT_SITUATIONS.map((s) => option(t(`participant.exit.${s}`), s));
  const initial = options.find((o) => o.value === current);
  return modal({
    title: t('participant.modal.exitTitle'),
    callbackId: ParticipantViews.exit,
    submit: t('participant.modal.save'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ userId: p.userId, moment }),
    blocks: [
      section(t('participant.exit.ask', { user: userMention(p.userId), moment: t(`participant.exit.moment.${moment}`), end })),
      input(ExitFields.situation, t('participant.exit.field'), {
        type: 'radio_buttons',
        options,
        ...(initial ? { initial_option: initial } : {}),
      }),
    ],
  });
}

/** To the person: a record was opened, with the way to see it. */
export function openedMessage(t: Translate): MessageContent {
  const text = t('participant.dm.opened');
  return {
    text,
    blocks: [section(text), actions('participant_open', [button(t('participant.dm.open'), ParticipantActions.openEntry, '')])],
  };
}

/** The renderers the participant service is given (see ParticipantMessages). */
export const participantMessages = { opened: openedMessage };
