// One translation function for the whole app.
import type { Locale } from '../config.ts';
import type { Catalogue, LabelKey, MessageKey, MessageParams } from './catalogue.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

export type { LabelKey, Locale, MessageKey };

const catalogues: Record<Locale, Catalogue> = { fr, en };

export function t<K extends MessageKey>(locale: Locale, key: K, ...params: MessageParams<K>): string {
  const entry: unknown = catalogues[locale][key];
  if (typeof entry === 'function') return (entry as (p: unknown) => string)(params[0]);
  return entry as string;
}

/** A translator bound to one locale, handed to views. */
export type Translate = <K extends MessageKey>(key: K, ...params: MessageParams<K>) => string;

export function translator(locale: Locale): Translate {
  return (key, ...params) => t(locale, key, ...params);
}

/** Slack locales look like "fr-FR", "en-GB", "fr-CA": anything French is French, the rest English. */
export function localeFromSlack(slackLocale: string | null | undefined, fallback: Locale): Locale {
  if (!slackLocale) return fallback;
  const lang = slackLocale.toLowerCase().slice(0, 2);
  if (lang === 'fr') return 'fr';
  if (lang === 'en') return 'en';
  return fallback;
}

export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]).sort();
}
