import { normalizeSkill } from '../skills/normalize.ts';

export const HELP_CATEGORIES = ['technique', 'fabrication', 'communication', 'administratif', 'financement', 'animation', 'autre'] as const;
export type HelpCategory = (typeof HELP_CATEGORIES)[number];

export const HELP_URGENCIES = ['today', 'week', 'whenever'] as const;
export type HelpUrgency = (typeof HELP_URGENCIES)[number];

export const HELP_STATUSES = ['open', 'taken', 'resolved'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

/** Skill words that make a member a likely helper for a category (normalised). */
export const CATEGORY_KEYWORDS: Record<HelpCategory, string[]> = {
  technique: [
    'informatique',
    'technique',
    'reseau',
    'wifi',
    'linux',
    'windows',
    'logiciel',
    'ordinateur',
    'nextcloud',
    'site web',
    'developpement',
  ],
  fabrication: [
    'impression 3d',
    'decoupe laser',
    'fablab',
    'fab lab',
    'fabrication',
    'arduino',
    'electronique',
    'couture',
    'bois',
    'soudure',
    'cnc',
  ],
  communication: ['communication', 'reseaux sociaux', 'graphisme', 'canva', 'site web', 'redaction', 'photo', 'video'],
  administratif: ['administratif', 'juridique', 'droit', 'rh', 'contrat', 'association', 'statuts', 'assurance'],
  financement: ['financement', 'subvention', 'budget', 'comptabilite', 'fse', 'mecenat', 'appel a projets'],
  animation: ['animation', 'facilitation', 'atelier', 'evenementiel', 'mediation', 'intelligence collective'],
  autre: [],
};

export function categoryKeywords(category: HelpCategory): string[] {
  return CATEGORY_KEYWORDS[category].map(normalizeSkill);
}

/** The nudge window of an urgency: office hours for "today", working days otherwise. */
export const NUDGE_WINDOWS: Record<HelpUrgency, { unit: 'officeHours' | 'workingDays'; amount: number }> = {
  today: { unit: 'officeHours', amount: 2 },
  week: { unit: 'workingDays', amount: 1 },
  whenever: { unit: 'workingDays', amount: 3 },
};

export const STALE_AFTER_DAYS = 14;
/**
 * How late help-nudges still does what it missed (downtime): a nudge or a « still needed? »
 * question more than this many days overdue is no longer sent.
 */
export const NUDGE_LOOK_BACK_DAYS = 30;
