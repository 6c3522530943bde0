// Reading and checking the contract modal.
import type { Locale } from '../../config.ts';
import type { Translate } from '../../i18n/index.ts';
import type { ViewState } from '../../slack/view-state.ts';
import { addDays, isIsoDate } from '../../time/calendar-date.ts';
import { type ContractField, ContractFields } from './ids.ts';
import { CONTRACT_TYPES, type ContractType, DEFAULT_LEAD_TIME_DAYS, PRESCRIBERS, type Prescriber, SUBSIDISED } from './vocabulary.ts';

export interface ContractInput {
  userId: string;
  spaceId: number | undefined;
  type: ContractType;
  startDate: string;
  endDate: string | undefined;
  weeklyHours: number | undefined;
  prescriber: Prescriber;
  leadTimeDays: number;
  capException: boolean;
  notes: string;
  /** Ticked "I confirm despite the warnings". */
  confirmed: boolean;
}

/** Field errors, rendered in the reader's language. */
export type ContractErrors = Partial<Record<ContractField, (t: Translate, locale: Locale) => string>>;

/** Six months later, minus a day: the shortest allowed end of a subsidised contract. */
export function sixMonthsEnd(startDate: string): string {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + 6, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return addDays(`${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`, -1);
}

export function readContractForm(state: ViewState): { ok: true; input: ContractInput } | { ok: false; errors: ContractErrors } {
  const errors: ContractErrors = {};
  const user = state.user(ContractFields.user);
  if (!user) errors.user = (t) => t('contract.error.userRequired');
  const type = CONTRACT_TYPES.find((c) => c === state.selected(ContractFields.type)) ?? 'pec';
  const prescriber = PRESCRIBERS.find((p) => p === state.selected(ContractFields.prescriber)) ?? 'france_travail';
  const spaceRaw = state.selected(ContractFields.space);
  const spaceId = spaceRaw && /^\d+$/.test(spaceRaw) ? Number(spaceRaw) : undefined;
  const startDate = state.date(ContractFields.start);
  const endDate = state.date(ContractFields.end);
  if (!startDate || !isIsoDate(startDate)) errors.start = (t) => t('contract.error.startRequired');
  if (!endDate && type !== 'cdi') errors.end = (t) => t('contract.error.endRequired');
  const subsidised = SUBSIDISED.includes(type);
  if (startDate && endDate && isIsoDate(startDate) && isIsoDate(endDate)) {
    if (endDate < startDate) errors.end = (t) => t('contract.error.endBeforeStart');
    else if (subsidised && endDate < sixMonthsEnd(startDate)) errors.end = (t) => t('contract.error.tooShort');
  }
  const confirmed = state.checked(ContractFields.confirm, 'confirm');
  const rawHours = state.text(ContractFields.hours).trim().replace(',', '.');
  let weeklyHours: number | undefined;
  if (rawHours !== '') {
    const h = Number(rawHours);
    if (!Number.isFinite(h) || h <= 0 || h > 48) errors.hours = (t) => t('contract.error.hoursInvalid');
    else if (subsidised && h > 35) errors.hours = (t) => t('contract.error.hoursTooHigh');
    else if (subsidised && h < 20 && !confirmed) errors.hours = (t) => t('contract.error.hoursLow');
    weeklyHours = h;
  }
  const rawLead = state.text(ContractFields.leadTime).trim();
  const leadTimeDays = rawLead === '' ? DEFAULT_LEAD_TIME_DAYS : Number(rawLead);
  if (!Number.isInteger(leadTimeDays) || leadTimeDays < 0 || leadTimeDays > 180) errors.leadTime = (t) => t('contract.error.leadTime');
  if (Object.keys(errors).length > 0 || !user || !startDate) return { ok: false, errors };
  return {
    ok: true,
    input: {
      userId: user,
      spaceId,
      type,
      startDate,
      endDate: endDate ?? undefined,
      weeklyHours,
      prescriber,
      leadTimeDays,
      capException: state.checked(ContractFields.capException, 'exception'),
      notes: state.text(ContractFields.notes).trim().slice(0, 2000),
      confirmed,
    },
  };
}

export function renderContractErrors(errors: ContractErrors, t: Translate, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as [ContractField, (t: Translate, locale: Locale) => string][]) {
    out[ContractFields[field].block] = message(t, locale);
  }
  return out;
}
