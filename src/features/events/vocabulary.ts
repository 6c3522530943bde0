// The closed vocabularies of events. Labels live in the i18n catalogues under event.format.*,
// event.theme.*, event.audience.*.
export const EVENT_FORMATS = [
  'atelier',
  'cafe_outils',
  'formation',
  'conference_debat',
  'hackathon',
  'atelier_emploi',
  'hors_les_murs',
  'temps_convivial',
  'portes_ouvertes',
  'permanence',
  'rencontre_reseau',
  'rencontre_partenaires',
] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const EVENT_THEMES = [
  'travail_partage',
  'fabrication_numerique',
  'culture',
  'innovation_sociale',
  'numerique_collaboratif',
  'mediation_numerique',
  'entrepreneuriat',
  'emploi_formation',
  'transition_ecologique',
  'territoire_cooperation',
  'vie_du_lieu',
] as const;
export type EventTheme = (typeof EVENT_THEMES)[number];

export const EVENT_AUDIENCES = [
  'coworkers',
  'grand_public',
  'demandeurs_emploi',
  'jeunes',
  'seniors',
  'entreprises',
  'elus',
  'scolaires',
] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export const LOCATION_KINDS = ['space', 'elsewhere', 'online'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** The counts of an attendance report, in the order of the modal. */
export const ATTENDANCE_COUNTS = ['total', 'women', 'men', 'genderUnknown', 'jobSeekers', 'under25', 'over54', 'firstTime'] as const;
export type AttendanceCount = (typeof ATTENDANCE_COUNTS)[number];

/** Every count at zero. */
export function noAttendance(): Record<AttendanceCount, number> {
  return { total: 0, women: 0, men: 0, genderUnknown: 0, jobSeekers: 0, under25: 0, over54: 0, firstTime: 0 };
}
