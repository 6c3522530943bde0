// Reading "/bilan 21/03/2016 20/03/2017" (or ISO dates); no date: the current month.
import { addDays, endOfMonth, type IsoDate, isIsoDate, startOfMonth } from '../../time/calendar-date.ts';
import type { Period } from './service.ts';

export type PeriodParse = { ok: true; period: Period } | { ok: false; error: 'badDates' | 'inverted' | 'tooLong' };

function parseDay(word: string): IsoDate | undefined {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(word);
  const iso = fr ? `${fr[3]}-${fr[2]?.padStart(2, '0')}-${fr[1]?.padStart(2, '0')}` : word;
  return isIsoDate(iso) ? iso : undefined;
}

export function parsePeriod(text: string, today: IsoDate): PeriodParse {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '' && !/^(du|au|from|to|-)$/i.test(w));
  if (words.length === 0) {
    return { ok: true, period: { from: startOfMonth(today), to: endOfMonth(today) } };
  }
  if (words.length > 2) return { ok: false, error: 'badDates' };
  const from = parseDay(words[0] ?? '');
  const to = words[1] ? parseDay(words[1]) : today;
  if (!from || !to) return { ok: false, error: 'badDates' };
  if (to < from) return { ok: false, error: 'inverted' };
  if (to > addDays(from, 3 * 366)) return { ok: false, error: 'tooLong' };
  return { ok: true, period: { from, to } };
}
