// Every id of the participants' surfaces, in one place.
export const ParticipantViews = {
  entry: 'participant_entry',
  exit: 'participant_exit',
} as const;

export const ParticipantActions = {
  /** Opens a participant's entry answers (value: the participant's Slack user id). */
  openEntry: 'participant_entry_open',
  /** Opens the situation after exit (value: "<user id>:4w" or "<user id>:6m"); coordinators only. */
  openExit: 'participant_exit_open',
  /** Erases the sensitive answers (value: the participant's Slack user id); coordinators only. */
  erase: 'participant_erase',
} as const;

const field = <B extends string>(block: B) => ({ block, action: 'value' }) as const;

export const EntryFields = {
  gender: field('participant_gender'),
  ageBand: field('participant_age_band'),
  employment: field('participant_employment'),
  education: field('participant_education'),
  disability: field('participant_disability'),
  otherDisadvantage: field('participant_other_disadvantage'),
} as const;

export const ExitFields = {
  situation: field('participant_exit_situation'),
} as const;
