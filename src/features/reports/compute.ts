// Pure aggregation of what the network did in a period. A shared event is counted once in the
// network's totals and once in each of its host spaces; cancelled events are left out.

import type { AttendanceReport, EventDetails } from '../events/repo.ts';
import type { EventFormat } from '../events/vocabulary.ts';
import { noAttendance } from '../events/vocabulary.ts';
import type { HelpDetails } from '../help/repo.ts';

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
  spaces: SpaceFigures[];
  /** Median hours from request to first answer, for the requests opened in the period. */
  medianFirstAnswerHours: number | undefined;
}

const emptyAttendance = (): AttendanceTotals => noAttendance();
const emptyFigures = (): Figures => ({
  events: 0,
  hours: 0,
  byFormat: {},
  reported: 0,
  missingReports: 0,
  attendance: emptyAttendance(),
  helpOpened: 0,
  helpResolved: 0,
});

export function durationHours(e: Pick<EventDetails, 'startAt' | 'endAt'>): number {
  return Math.round(((e.endAt.getTime() - e.startAt.getTime()) / 3600_000) * 100) / 100;
}

function addEvent(f: Figures, e: EventDetails, now: Date): void {
  f.events += 1;
  f.hours = Math.round((f.hours + durationHours(e)) * 100) / 100;
  f.byFormat[e.format] = (f.byFormat[e.format] ?? 0) + 1;
  if (e.attendance) {
    f.reported += 1;
    for (const key of Object.keys(f.attendance) as (keyof AttendanceTotals)[]) f.attendance[key] += e.attendance[key];
  } else if (e.endAt.getTime() < now.getTime()) {
    f.missingReports += 1;
  }
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Figures of the events that started in [from, to) and of the help requests opened (and
 * resolved) in it. `spaces` lists every space to report on, even with nothing in the period.
 */
export function computeFigures(
  events: EventDetails[],
  help: HelpDetails[],
  period: { from: Date; to: Date; now: Date },
  spaces: { id: number; name: string; town: string }[],
): PeriodFigures {
  const figures = new FiguresBuilder(period, spaces);
  for (const e of events) figures.addEvent(e);
  for (const r of help) figures.addHelp(r);
  return figures.result();
}

/**
 * The figures of a period, built as events and requests are read (page after page, without
 * keeping them): what `computeFigures` gives for them all at once.
 */
export class FiguresBuilder {
  readonly #period: { from: Date; to: Date; now: Date };
  readonly #network = emptyFigures();
  readonly #bySpace: Map<number, SpaceFigures>;
  readonly #firstAnswers: number[] = [];

  constructor(period: { from: Date; to: Date; now: Date }, spaces: { id: number; name: string; town: string }[]) {
    this.#period = period;
    this.#bySpace = new Map(spaces.map((s) => [s.id, { ...emptyFigures(), spaceId: s.id, name: s.name, town: s.town }]));
  }

  #inPeriod(d: Date): boolean {
    return d.getTime() >= this.#period.from.getTime() && d.getTime() < this.#period.to.getTime();
  }

  addEvent(e: EventDetails): void {
    if (e.status === 'cancelled' || !this.#inPeriod(e.startAt)) return;
    addEvent(this.#network, e, this.#period.now);
    for (const s of e.spaces) {
      let f = this.#bySpace.get(s.id);
      if (!f) {
        f = { ...emptyFigures(), spaceId: s.id, name: s.name, town: s.town };
        this.#bySpace.set(s.id, f);
      }
      addEvent(f, e, this.#period.now);
    }
  }

  addHelp(r: HelpDetails): void {
    if (this.#inPeriod(r.createdAt)) {
      this.#network.helpOpened += 1;
      if (r.firstAnswerAt) this.#firstAnswers.push((r.firstAnswerAt.getTime() - r.createdAt.getTime()) / 3600_000);
    }
    if (r.resolvedAt && this.#inPeriod(r.resolvedAt)) this.#network.helpResolved += 1;
  }

  result(): PeriodFigures {
    return {
      network: this.#network,
      spaces: [...this.#bySpace.values()].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name)),
      medianFirstAnswerHours: median(this.#firstAnswers),
    };
  }
}

/** A small text bar chart: ▓▓▓▓▓░░░░░ 52 %. */
export function progressBar(done: number, target: number, width = 20): string {
  const ratio = target > 0 ? Math.min(1, done / target) : 0;
  const filled = Math.round(ratio * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)}`;
}
