// Every id of the events surfaces, in one place.
export const EVENT_COMMAND = '/evenement';
export const AGENDA_COMMAND = '/agenda';

export const EventViews = {
  form: 'event_form',
  attendance: 'event_attendance',
} as const;

export const EventActions = {
  edit: 'event_edit',
  cancel: 'event_cancel',
  calendar: 'event_calendar',
  reportAttendance: 'event_attendance_open',
  /** From the weekly digest (coordinators): remind the organisers of the events still without their attendance. */
  chaseAttendance: 'event_attendance_chase',
  declare: 'event_declare',
  /** The "⋯" menu of an event (announcement, App Home): edit, cancel — organisers and coordinators. */
  manage: 'event_manage',
  /** In the declaration modal: shows the optional fields (themes, audiences, series…). */
  moreDetails: 'event_more_details',
} as const;

const field = <B extends string>(block: B) => ({ block, action: 'value' }) as const;

export const EventFields = {
  title: field('event_title'),
  format: field('event_format'),
  themes: field('event_themes'),
  spaces: field('event_spaces'),
  coanimators: field('event_coanimators'),
  date: field('event_date'),
  startTime: field('event_start_time'),
  endTime: field('event_end_time'),
  endDate: field('event_end_date'),
  location: field('event_location'),
  address: field('event_address'),
  onlineUrl: field('event_online_url'),
  audiences: field('event_audiences'),
  expected: field('event_expected'),
  registrationUrl: field('event_registration_url'),
  description: field('event_description'),
  seriesName: field('event_series_name'),
  seriesNumber: field('event_series_number'),
  /** Shown only when the date has passed: the animator confirms a past event. */
  pastConfirm: field('event_past_confirm'),
} as const;
export type EventField = keyof typeof EventFields;

export const AttendanceFields = {
  total: field('att_total'),
  women: field('att_women'),
  men: field('att_men'),
  genderUnknown: field('att_gender_unknown'),
  jobSeekers: field('att_job_seekers'),
  under25: field('att_under25'),
  over54: field('att_over54'),
  firstTime: field('att_first_time'),
  sheetKept: field('att_sheet_kept'),
  note: field('att_note'),
} as const;
export type AttendanceField = keyof typeof AttendanceFields;
