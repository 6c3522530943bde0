// Reading and checking the attendance modal: the parts never exceed the total.
import type { Translate } from '../../i18n/index.ts';
import type { ViewState } from '../../slack/view-state.ts';
import { ATTENDANCE_MAX, type FieldError, fieldErrorText, NOTE_MAX } from './form.ts';
import { type AttendanceField, AttendanceFields } from './ids.ts';
import type { AttendanceInput } from './service.ts';
import { ATTENDANCE_COUNTS, noAttendance } from './vocabulary.ts';

export type AttendanceErrors = Partial<Record<AttendanceField, FieldError>>;

export function readAttendanceForm(state: ViewState): { ok: true; input: AttendanceInput } | { ok: false; errors: AttendanceErrors } {
  const errors: AttendanceErrors = {};
  const values = noAttendance();
  for (const field of ATTENDANCE_COUNTS) {
    const raw = state.text(AttendanceFields[field]).trim();
    if (raw === '' && field !== 'total') continue;
    if (!/^\d+$/.test(raw) || Number(raw) > ATTENDANCE_MAX) {
      errors[field] = { key: 'attendance.error.number' };
      continue;
    }
    values[field] = Number(raw);
  }
  if (!errors.total) {
    for (const part of ['jobSeekers', 'under25', 'over54', 'firstTime', 'women', 'men', 'genderUnknown'] as const) {
      if (!errors[part] && values[part] > values.total) errors[part] = { key: 'attendance.error.partExceedsTotal' };
    }
    if (!errors.women && !errors.men && !errors.genderUnknown && values.women + values.men + values.genderUnknown > values.total) {
      errors.genderUnknown = { key: 'attendance.error.genderExceedsTotal' };
    }
    if (!errors.under25 && !errors.over54 && values.under25 + values.over54 > values.total) {
      errors.over54 = { key: 'attendance.error.agesExceedTotal' };
    }
  }
  const note = state.text(AttendanceFields.note).trim();
  if (note.length > NOTE_MAX) errors.note = { key: 'form.error.tooLong', max: NOTE_MAX };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      ...values,
      sheetKept: state.selected(AttendanceFields.sheetKept) === 'yes',
      note,
    },
  };
}

/** Field errors as Slack expects them (block id → message), in the reader's language. */
export function renderAttendanceErrors(errors: AttendanceErrors, t: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, error] of Object.entries(errors) as [AttendanceField, FieldError][])
    out[AttendanceFields[field].block] = fieldErrorText(error, t);
  return out;
}
