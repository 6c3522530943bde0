// The participants' questionnaires: the answers funders count (European Social Fund indicators).
export const GENDERS = ['femme', 'homme', 'non_binaire', 'refus'] as const;
export const AGE_BANDS = ['moins_25', '25_54', 'plus_54'] as const;
export const EMPLOYMENT = ['chomeur', 'chomeur_longue_duree', 'inactif', 'en_emploi'] as const;
export const EDUCATION = ['cite_1_2', 'cite_3_4', 'cite_5_8'] as const;
/** The sensitive questions: yes, no, or refused to answer. */
export const YES_NO_REFUSED = ['oui', 'non', 'refus'] as const;
export const EXIT_SITUATIONS = ['emploi', 'formation', 'recherche', 'autre'] as const;

export type Gender = (typeof GENDERS)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type Employment = (typeof EMPLOYMENT)[number];
export type Education = (typeof EDUCATION)[number];
export type YesNoRefused = (typeof YES_NO_REFUSED)[number];
export type ExitSituation = (typeof EXIT_SITUATIONS)[number];

/** The entry questionnaire, each answer possibly not given yet. */
export interface EntryAnswers {
  gender: Gender | undefined;
  ageBand: AgeBand | undefined;
  employment: Employment | undefined;
  education: Education | undefined;
  disability: YesNoRefused | undefined;
  otherDisadvantage: YesNoRefused | undefined;
}

/** Which situation after exit: four weeks, six months. */
export const EXIT_MOMENTS = ['4w', '6m'] as const;
export type ExitMoment = (typeof EXIT_MOMENTS)[number];
