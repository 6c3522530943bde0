// Pure views of contracts. These messages go only to coordinators (privately) and to the
// animator concerned.
import type { KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../../config.ts';
import { formatCalendarDate } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import { actions, button, context, header, input, LIMITS, modal, option, overflow, section } from '../../slack/blocks.ts';
import { escapeMrkdwn, userMention } from '../../slack/escape.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import { daysBetween, type IsoDate } from '../../time/calendar-date.ts';
import { spacePicker } from '../network/views.ts';
import { ParticipantActions } from '../participants/ids.ts';
import { type ContractInput, formatMonths, NOTES_MAX } from './form.ts';
import { ContractActions, ContractFields, ContractViews } from './ids.ts';
import { type Milestone, milestoneTitle } from './milestones.ts';
import type { ContractDetails } from './repo.ts';
import type { ContractMessages, ReminderData } from './service.ts';
import { CONTRACT_TYPES, DEFAULT_LEAD_TIME_DAYS, LEAD_TIME_MAX_DAYS, PRESCRIBERS } from './vocabulary.ts';

export const PAGE_SIZE = 10;

function capText(months: number, cap: number, t: Translate, locale: Locale): string {
  const p = { months: formatMonths(months, locale), cap };
  return months >= cap - 3 ? t('contract.capWarning', p) : t('contract.cap', p);
}

export function reminderMessage(data: ReminderData, t: Translate, acknowledgement?: string): MessageContent {
  const { contract, milestone, locale } = data;
  const label = milestoneTitle(milestone, t);
  const end = contract.endDate ? formatCalendarDate(contract.endDate, locale) : t('contract.noEnd');
  if (!data.forCoordinators) {
    const text = t('contract.reminder.toAnimator', { label, end });
    return { text, blocks: [section(text)] };
  }
  const left = contract.endDate ? t('contract.daysLeft', { days: daysBetween(data.today, contract.endDate) }) : '';
  const body = t('contract.reminder.body', {
    user: userMention(contract.userId),
    type: t(`contract.type.${contract.type}`),
    prescriber: t(`contract.prescriber.${contract.prescriber}`),
    end,
    left,
    cap: capText(data.months, contract.capMonths, t, locale),
  });
  const title = t('contract.reminder.title', { label });
  const blocks: KnownBlock[] = [section(`*${title}*\n${body}`)];
  if (acknowledgement) blocks.push(context(acknowledgement));
  else {
    blocks.push(
      actions(`contract_ms_${data.milestoneId}`, [
        button(t('contract.reminder.done'), ContractActions.done, String(data.milestoneId), 'primary'),
        // Four weeks and six months after the exit: the participant's situation, recorded here.
        ...(milestone.key === 'd28' || milestone.key === 'd182'
          ? [
              button(
                t('participant.exit.button'),
                ParticipantActions.openExit,
                `${contract.userId}:${milestone.key === 'd28' ? '4w' : '6m'}`,
              ),
            ]
          : []),
        ...(contract.decision === 'undecided'
          ? [
              button(t('contract.reminder.renewed'), ContractActions.renewed, String(contract.id)),
              button(t('contract.reminder.notRenewed'), ContractActions.notRenewed, String(contract.id), 'danger'),
            ]
          : []),
      ]),
    );
  }
  return { text: `${title} — ${body}`, blocks };
}

export interface ListEntry {
  contract: ContractDetails;
  months: number;
  next: Milestone | undefined;
}

/** The coordinators' list: active contracts by end date, a page (from `offset`) of `total`. */
export function contractListMessage(
  page: ListEntry[],
  offset: number,
  total: number,
  today: IsoDate,
  t: Translate,
  locale: Locale,
): MessageContent {
  const blocks: KnownBlock[] = [
    header(t('contract.menu.title')),
    actions('contract_menu', [button(t('contract.menu.add'), ContractActions.add, undefined, 'primary')]),
  ];
  if (total === 0) blocks.push(section(t('contract.menu.none')));
  for (const { contract, months, next } of page) {
    blocks.push(
      section(
        t('contract.line', {
          user: userMention(contract.userId),
          type: t(`contract.type.${contract.type}`),
          space: contract.spaceName ? escapeMrkdwn(contract.spaceName) : '',
          end: contract.endDate ? formatCalendarDate(contract.endDate, locale) : t('contract.noEnd'),
          left: contract.endDate ? t('contract.daysLeft', { days: daysBetween(today, contract.endDate) }) : '—',
          next: next ? `${formatCalendarDate(next.sendDate, locale)} — ${milestoneTitle(next, t)}` : t('contract.noNext'),
          cap: capText(months, contract.capMonths, t, locale),
        }),
        overflow(ContractActions.menu, [
          { text: t('participant.contractMenu.edit'), value: `edit:${contract.id}` },
          { text: t('participant.contractMenu.participant'), value: `participant:${contract.userId}` },
        ]),
      ),
    );
  }
  if (total > PAGE_SIZE) {
    blocks.push(context(t('contract.menu.page', { from: offset + 1, to: Math.min(offset + page.length, total), total })));
    const nav = [
      ...(offset > 0 ? [button(t('contract.menu.previous'), ContractActions.page, String(Math.max(0, offset - PAGE_SIZE)))] : []),
      ...(offset + PAGE_SIZE < total ? [button(t('contract.menu.next'), ContractActions.page, String(offset + PAGE_SIZE))] : []),
    ];
    if (nav.length > 0) blocks.push(actions('contract_pages', nav));
  }
  return { text: t('contract.menu.title'), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/** An animator's own contracts and their steps. */
export function myContractsMessage(
  entries: { contract: ContractDetails; milestones: Milestone[] }[],
  t: Translate,
  locale: Locale,
  participant = false,
): MessageContent {
  if (entries.length === 0) return { text: t('contract.mine.none') };
  const blocks: KnownBlock[] = [header(t('contract.mine.title'))];
  for (const { contract, milestones } of entries.slice(0, 5)) {
    const recorded = new Map(contract.milestones.map((m) => [m.key, m]));
    const lines = milestones.map((m) => {
      const r = recorded.get(m.key);
      const status = r ? (r.acknowledgedAt ? t('contract.ms.status.done') : t(`contract.ms.status.${r.status}`)) : '';
      return t('contract.mine.milestoneLine', { when: formatCalendarDate(m.sendDate, locale), label: milestoneTitle(m, t), status });
    });
    blocks.push(
      section(
        `*${t(`contract.type.${contract.type}`)}* — ${formatCalendarDate(contract.startDate, locale)} → ${contract.endDate ? formatCalendarDate(contract.endDate, locale) : t('contract.noEnd')}${contract.spaceName ? ` · ${escapeMrkdwn(contract.spaceName)}` : ''}`,
      ),
    );
    if (lines.length > 0) blocks.push(section(`*${t('contract.mine.milestones')}*\n${lines.join('\n')}`));
  }
  // The answers given at entry into the programme: the person sees and corrects their own.
  if (participant) blocks.push(actions('participant_mine', [button(t('participant.mine'), ParticipantActions.openEntry, '')]));
  return { text: t('contract.mine.title'), blocks };
}

/** What the app warned about (each needs « Je confirme » once shown). */
export const CONTRACT_WARNINGS = ['hoursLow', 'cap'] as const;
export type ContractWarning = (typeof CONTRACT_WARNINGS)[number];

export interface ContractFormMeta {
  contractId?: number;
  previousId?: number;
  /** The warnings the modal shows, with the confirmation box (only then). */
  warned?: ContractWarning[];
}

export function contractModalView(
  t: Translate,
  locale: Locale,
  spaces: { id: number; name: string }[],
  meta: ContractFormMeta,
  initial?: ContractInput,
  renewalOfEnd?: IsoDate,
  /** Warnings in full sentences: shown above the confirmation box, which appears only with them. */
  warnings: string[] = [],
): ModalView {
  const typeOptions = CONTRACT_TYPES.map((c) => option(t(`contract.type.${c}`), c));
  const prescriberOptions = PRESCRIBERS.map((p) => option(t(`contract.prescriber.${p}`), p));
  const exception = option(t('contract.field.capExceptionLabel'), 'exception');
  const confirm = option(t('contract.field.confirmLabel'), 'confirm');
  const optional = { optional: true };
  const blocks: KnownBlock[] = [];
  if (renewalOfEnd) blocks.push(context(t('contract.renewalOf', { end: formatCalendarDate(renewalOfEnd, locale) })));
  blocks.push(
    input(ContractFields.user, t('contract.field.user'), {
      type: 'users_select',
      ...(initial?.userId ? { initial_user: initial.userId } : {}),
    }),
    ...(spaces.length > 0
      ? [
          input(
            ContractFields.space,
            t('contract.field.space'),
            spacePicker(
              spaces,
              spaces.filter((s) => s.id === initial?.spaceId),
              false,
            ),
            optional,
          ),
        ]
      : []),
    input(ContractFields.type, t('contract.field.type'), {
      type: 'static_select',
      options: typeOptions,
      initial_option: typeOptions.find((o) => o.value === (initial?.type ?? 'pec')),
    }),
    input(ContractFields.start, t('contract.field.start'), {
      type: 'datepicker',
      ...(initial?.startDate ? { initial_date: initial.startDate } : {}),
    }),
    input(
      ContractFields.end,
      t('contract.field.end'),
      { type: 'datepicker', ...(initial?.endDate ? { initial_date: initial.endDate } : {}) },
      optional,
    ),
    input(
      ContractFields.hours,
      t('contract.field.hours'),
      {
        type: 'number_input',
        is_decimal_allowed: true,
        min_value: '1',
        max_value: '48',
        ...(initial?.weeklyHours ? { initial_value: String(initial.weeklyHours) } : {}),
      },
      optional,
    ),
    input(ContractFields.prescriber, t('contract.field.prescriber'), {
      type: 'static_select',
      options: prescriberOptions,
      initial_option: prescriberOptions.find((o) => o.value === (initial?.prescriber ?? 'france_travail')),
    }),
    input(ContractFields.leadTime, t('contract.field.leadTime'), {
      type: 'number_input',
      is_decimal_allowed: false,
      min_value: '0',
      max_value: String(LEAD_TIME_MAX_DAYS),
      initial_value: String(initial?.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS),
    }),
    input(
      ContractFields.capException,
      t('contract.field.capException'),
      { type: 'checkboxes', options: [exception], ...(initial?.capException ? { initial_options: [exception] } : {}) },
      optional,
    ),
    input(
      ContractFields.notes,
      t('contract.field.notes'),
      { type: 'plain_text_input', multiline: true, max_length: NOTES_MAX, ...(initial?.notes ? { initial_value: initial.notes } : {}) },
      optional,
    ),
  );
  if (warnings.length > 0) {
    blocks.push(
      ...warnings.map((w) => section(`⚠️ ${w}`)),
      input(ContractFields.confirm, t('contract.field.confirm'), { type: 'checkboxes', options: [confirm] }, optional),
    );
  }
  return modal({
    title: t(meta.previousId ? 'contract.modal.renewTitle' : meta.contractId ? 'contract.modal.editTitle' : 'contract.modal.addTitle'),
    callbackId: ContractViews.form,
    submit: t('common.save'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify(meta),
    blocks,
  });
}

/** The messages the contracts service stores, rendered here (each in its reader's language). */
export const contractMessages: ContractMessages = {
  reminder: (data) => reminderMessage(data, translator(data.locale)),
};
