export const CONTRACT_TYPES = ['cui_cae', 'pec', 'cdd', 'cdi', 'autre'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** Subsidised contracts: at least 6 months, 20 to 35 hours a week. */
export const SUBSIDISED: readonly ContractType[] = ['cui_cae', 'pec'];

export const PRESCRIBERS = ['france_travail', 'mission_locale', 'cap_emploi', 'departement', 'autre'] as const;
export type Prescriber = (typeof PRESCRIBERS)[number];

export const DECISIONS = ['undecided', 'renewed', 'not_renewed'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DEFAULT_LEAD_TIME_DAYS = 45;
/** The longest lead time a prescriber may ask for (days). */
export const LEAD_TIME_MAX_DAYS = 180;
export const DEFAULT_CAP_MONTHS = 24;
export const EXCEPTION_CAP_MONTHS = 60;
