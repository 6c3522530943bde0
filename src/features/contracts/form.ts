// Reading and checking the contract modal.

import type { Locale } from '../../config.ts';
import { formatCalendarDate, formatNumber } from '../../i18n/format.ts';
import type { LabelKey, Translate } from '../../i18n/index.ts';
import { isUserId, type ViewState } from '../../slack/view-state.ts';
import { addDays, addMonthsClamped, type IsoDate, toIsoDate } from '../../time/calendar-date.ts';
import { isOneOf } from '../../vocabulary.ts';
import { type ContractField, ContractFields } from './ids.ts';
import type { ContractData } from './repo.ts';
import { CONTRACT_TYPES, DEFAULT_LEAD_TIME_DAYS, LEAD_TIME_MAX_DAYS, PRESCRIBERS, SUBSIDISED } from './vocabulary.ts';

/** What the contract modal gives, once checked: a contract's data, the cap aside. */
export type ContractInput = Omit<ContractData, 'capMonths'> & {
  /** Ticked "I confirm despite the warnings". */
  confirmed: boolean;
};

/** Why a field was refused; the views say it in the reader's language. */
export type ContractError =
  | { key: LabelKey }
  | { tooLong: number }
  | { overlap: { start: IsoDate; end: IsoDate | undefined } }
  | { capExceeded: { months: number; cap: number } };
export type ContractErrors = Partial<Record<ContractField, ContractError>>;

export const NOTES_MAX = 2000;

/** Under 20 hours a week, a subsidised contract needs a derogation: the app warns and asks to confirm. */
export function needsHoursConfirmation(input: Pick<ContractInput, 'type' | 'weeklyHours'>): boolean {
  return SUBSIDISED.includes(input.type) && input.weeklyHours !== undefined && input.weeklyHours < 20;
}

/** Six months later, minus a day: the shortest allowed end of a subsidised contract. */
export function sixMonthsEnd(startDate: IsoDate): IsoDate {
  return addDays(addMonthsClamped(startDate, 6), -1);
}

export function readContractForm(state: ViewState): { ok: true; input: ContractInput } | { ok: false; errors: ContractErrors } {
  const errors: ContractErrors = {};
  const picked = state.user(ContractFields.user);
  const user = picked && isUserId(picked) ? picked : undefined;
  if (!picked) errors.user = { key: 'contract.error.userRequired' };
  else if (!user) errors.user = { key: 'form.error.unknownChoice' };
  // A choice the modal did not offer is refused, never replaced by a default.
  const chosenType = state.selected(ContractFields.type);
  if (!isOneOf(CONTRACT_TYPES, chosenType)) errors.type = { key: 'form.error.unknownChoice' };
  const type = isOneOf(CONTRACT_TYPES, chosenType) ? chosenType : 'autre';
  const chosenPrescriber = state.selected(ContractFields.prescriber);
  if (!isOneOf(PRESCRIBERS, chosenPrescriber)) errors.prescriber = { key: 'form.error.unknownChoice' };
  const prescriber = isOneOf(PRESCRIBERS, chosenPrescriber) ? chosenPrescriber : 'autre';
  const spaceRaw = state.selected(ContractFields.space);
  const spaceId = spaceRaw && /^\d{1,9}$/.test(spaceRaw) ? Number(spaceRaw) : undefined;
  if (spaceRaw !== undefined && spaceId === undefined) errors.space = { key: 'contract.error.unknownSpace' };
  const startDate = toIsoDate(state.date(ContractFields.start));
  const endDate = toIsoDate(state.date(ContractFields.end));
  if (!startDate) errors.start = { key: 'contract.error.startRequired' };
  if (!endDate && type !== 'cdi') errors.end = { key: 'contract.error.endRequired' };
  const subsidised = SUBSIDISED.includes(type);
  if (startDate && endDate) {
    if (endDate < startDate) errors.end = { key: 'contract.error.endBeforeStart' };
    else if (subsidised && endDate < sixMonthsEnd(startDate)) errors.end = { key: 'contract.error.tooShort' };
  }
  const confirmed = state.checked(ContractFields.confirm, 'confirm');
  const rawHours = state.text(ContractFields.hours).trim().replace(',', '.');
  let weeklyHours: number | undefined;
  if (rawHours !== '') {
    const h = Number(rawHours);
    if (!Number.isFinite(h) || h <= 0 || h > 48) errors.hours = { key: 'contract.error.hoursInvalid' };
    else if (subsidised && h > 35) errors.hours = { key: 'contract.error.hoursTooHigh' };

    weeklyHours = h;
  }
  const rawLead = state.text(ContractFields.leadTime).trim();
  const leadTimeDays = rawLead === '' ? DEFAULT_LEAD_TIME_DAYS : Number(rawLead);
  if (!Number.isInteger(leadTimeDays) || leadTimeDays < 0 || leadTimeDays > LEAD_TIME_MAX_DAYS)
    errors.leadTime = { key: 'contract.error.leadTime' };
  const notes = state.text(ContractFields.notes).trim();
  if (notes.length > NOTES_MAX) errors.notes = { tooLong: NOTES_MAX };
  if (Object.keys(errors).length > 0 || !user || !startDate) return { ok: false, errors };
  return {
    ok: true,
    input: {
      userId: user,
      spaceId,
      type,
      startDate,
      endDate,
      weeklyHours,
      prescriber,
      leadTimeDays,
      capException: state.checked(ContractFields.capException, 'exception'),
      notes,
      confirmed,
    },
  };
}

/** A refusal in the reader's language. */
export function contractErrorText(error: ContractError, t: Translate, locale: Locale): string {
  if ('key' in error) return t(error.key);
  if ('tooLong' in error) return t('form.error.tooLong', { max: error.tooLong });
  if ('overlap' in error) {
    const day = (date: IsoDate | undefined) => (date ? formatCalendarDate(date, locale) : t('contract.noEnd'));
    return t('contract.error.overlap', { start: day(error.overlap.start), end: day(error.overlap.end) });
  }
  return t('contract.error.capExceeded', { months: formatMonths(error.capExceeded.months, locale), cap: error.capExceeded.cap });
}

/** Field errors as Slack expects them (block id → message). */
export function renderContractErrors(errors: ContractErrors, t: Translate, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, error] of Object.entries(errors) as [ContractField, ContractError][]) {
    out[ContractFields[field].block] = contractErrorText(error, t, locale);
  }
  return out;
}

/** Months with one decimal, as the reader writes numbers. */
export function formatMonths(months: number, locale: Locale): string {
  return formatNumber(Math.round(months * 10) / 10, locale);
}
