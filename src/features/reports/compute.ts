// What the network did in a period, from the totals the database computed (reports/repo.ts).
// A shared event is counted once in the network's totals and once in each of its host spaces;
// cancelled events are left out.

import type { AttendanceReport, EventDetails } from '../events/repo.ts';
import type { EventFormat } from '../events/vocabulary.ts';
import { ATTENDANCE_COUNTS, noAttendance } from '../events/vocabulary.ts';
import type { EventTotals, SpaceEventTotals } from './repo.ts';

/** The countable part of an attendance report. */
export type AttendanceTotals = Omit<AttendanceReport, 'sheetKept' | 'note' | 'reportedBy'>;

export interface Figures {
  events: number;
  hours: number;
  byFormat: Partial<Record<EventFormat, number>>;
  reported: number;
  missingReports: number;
  attendance: AttendanceTotals;
  helpOpened: number;
  helpResolved: number;
}

export interface SpaceFigures extends Figures {
  spaceId: number;
  name: string;
  town: string;
}

export interface PeriodFigures {
  network: Figures;
  /** Median hours from request to first answer, for the requests opened in the period. */
  medianFirstAnswerHours: number | undefined;
}

const emptyFigures = (): Figures => ({
  events: 0,
  hours: 0,
  byFormat: {},
  reported: 0,
  missingReports: 0,
  attendance: noAttendance(),
  helpOpened: 0,
  helpResolved: 0,
});

/** Hours with two decimals, as the reports show them. */
const hoursOf = (seconds: number): number => Math.round((seconds / 3600) * 100) / 100;

export function durationHours(e: Pick<EventDetails, 'startAt' | 'endAt'>): number {
  return hoursOf((e.endAt.getTime() - e.startAt.getTime()) / 1000);
}

/** The figures of events totalled by the database (none: nothing happened). */
export function figuresOf(
  totals: EventTotals | undefined,
  help: { opened: number; resolved: number } = { opened: 0, resolved: 0 },
): Figures {
  const f = emptyFigures();
  if (totals) {
    f.events = totals.events;
    f.hours = hoursOf(totals.seconds);
    f.byFormat = { ...totals.byFormat };
    f.reported = totals.reported;
    f.missingReports = totals.missing;
    for (const key of ATTENDANCE_COUNTS) f.attendance[key] = totals[key];
  }
  f.helpOpened = help.opened;
  f.helpResolved = help.resolved;
  return f;
}

/**
 * Every space's figures (those with nothing in the period too), the busiest first: a shared
 * event counts once in each of its host spaces.
 */
export function spaceFiguresOf(totals: SpaceEventTotals[], spaces: { id: number; name: string; town: string }[]): SpaceFigures[] {
  const bySpace = new Map(totals.map((t) => [t.spaceId, t]));
  return spaces
    .map((s) => ({ ...figuresOf(bySpace.get(s.id)), spaceId: s.id, name: s.name, town: s.town }))
    .sort((a, b) => b.events - a.events || byName.compare(a.name, b.name));
}

/** Names in the order a French reader expects (one collator for thousands of comparisons). */
const byName = new Intl.Collator('fr');

/**
 * A small bar chart in emoji squares, which read the same in Slack's light and dark themes
 * (no code span): 🟩🟩🟩🟩🟩⬜⬜⬜⬜⬜ for 52 %.
 */
export function progressBar(done: number, target: number, width = 10): string {
  const ratio = target > 0 ? Math.min(1, done / target) : 0;
  const filled = Math.round(ratio * width);
  return `${'🟩'.repeat(filled)}${'⬜'.repeat(width - filled)}`;
}
