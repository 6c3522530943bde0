// Counted words chosen by each language's plural rules (CLDR, through Intl.PluralRules):
// French says « 0 évènement », « 1 évènement », « 2 évènements »; English "0 events", "1 event".
import type { Locale } from '../config.ts';
import { formatNumber } from './format.ts';

const RULES: Record<Locale, Intl.PluralRules> = { fr: new Intl.PluralRules('fr'), en: new Intl.PluralRules('en') };

/** The form of a word for `count`: `one` where the language says singular, `other` otherwise. */
export function plural(locale: Locale, count: number, one: string, other: string): string {
  return RULES[locale].select(count) === 'one' ? one : other;
}

/** A count and its word: « 3 demandes ouvertes », « 1 100 rappels ». */
export function counted(locale: Locale, count: number, one: string, other: string): string {
  return `${formatNumber(count, locale)} ${plural(locale, count, one, other)}`;
}
