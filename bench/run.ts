import { isoDay } from '../src/time/calendar-date.ts';
// npm run bench: timings of the heavy pure work (not tests; nothing is asserted).
// A network ten times larger than the reference one: 1,700 events and 500 help requests a year.

import { performance } from 'node:perf_hooks';
import { milestonesFor } from '../src/features/contracts/milestones.ts';
import { calendarNotes } from '../src/features/digest/calendar.ts';
import { digestMessage } from '../src/features/digest/views.ts';
import type { EventDetails } from '../src/features/events/repo.ts';
import { monthlyChartPng } from '../src/features/reports/chart.ts';
import { figuresOf, spaceFiguresOf } from '../src/features/reports/compute.ts';
import { eventRow, summaryTable } from '../src/features/reports/csv.ts';
import { translator } from '../src/i18n/index.ts';
import { anAttendance, anEvent } from '../test/support/builders.ts';

const tz = 'Europe/Paris';
const t = translator('fr');
const spaces = Array.from({ length: 100 }, (_, i) => ({
  id: i,
  name: `Espace ${i}`,
  slug: `e${i}`,
  town: `Ville ${i % 30}`,
  channelId: undefined,
}));
/** Space number `n` of the hundred (always one of them). */
const spaceAt = (n: number) => {
  const id = n % 100;
  return { id, name: `Espace ${id}`, slug: `e${id}`, town: `Ville ${id % 30}`, channelId: undefined };
};
const year = Date.UTC(2026, 0, 1);
const events: EventDetails[] = Array.from({ length: 1700 }, (_, i) => {
  const start = new Date(year + (i % 365) * 86_400_000 + 9 * 3600_000);
  return anEvent({
    id: i,
    title: `Atelier ${i}`,
    themes: ['culture'],
    audiences: ['grand_public'],
    startAt: start,
    expectedAttendance: 10,
    spaces: [spaceAt(i), spaceAt(i * 7)],
    organizers: ['U1', 'U2'],
    attendance: anAttendance(12, { women: 6, men: 5, genderUnknown: 1, jobSeekers: 3, under25: 2, over54: 2, firstTime: 4 }),
  });
});
function time(label: string, runs: number, work: () => unknown): void {
  work();
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(48)} ${ms.toFixed(2).padStart(9)} ms`);
}

// The totals the database gives for a year: 34 events in each space, of two formats.
const totals = spaces.map((s) => ({
  ...anAttendance(0),
  spaceId: s.id,
  byFormat: { atelier: 17, permanence: 17 },
  events: 34,
  seconds: 34 * 7200,
  reported: 34,
  missing: 0,
}));
const network = {
  ...anAttendance(0),
  byFormat: { atelier: 1700, permanence: 1700 },
  events: 3400,
  seconds: 3400 * 7200,
  reported: 3400,
  missing: 0,
};
const figures = { network: figuresOf(network, { opened: 500, resolved: 480 }), medianFirstAnswerHours: 2 };
const context = { t, locale: 'fr' as const, timeZone: tz, names: new Map<string, string>(), now: new Date() };
time('evenements.csv rows (1,700)', 20, () => events.map((e) => eventRow(e, context)));
time('synthese.csv rows (101)', 50, () => summaryTable(figures, spaceFiguresOf(totals, spaces), context));
time('weekly digest message', 50, () =>
  digestMessage(
    {
      weekFrom: isoDay('2026-03-23'),
      weekTo: isoDay('2026-03-29'),
      lastWeek: figures.network,
      spaces: { items: spaces.slice(0, 6).map((s) => ({ spaceId: s.id, name: s.name, events: 17 })), total: 100 },
      next: { items: events.slice(0, 10), total: 200 },
      missing: { items: events.slice(0, 8), total: 200 },
      help: { opened: 10, resolved: 8, stale: 3, medianHours: 4 },
      contracts: { items: [], total: 0 },
      calendar: calendarNotes(isoDay('2026-03-30'), isoDay('2026-04-13'), tz),
      ytd: { year: 2026, done: 400, target: 1700 },
    },
    t,
    'fr',
    tz,
  ),
);
time('milestone calendar of 1,000 contracts', 20, () => {
  for (let i = 0; i < 1000; i++) milestonesFor({ startDate: isoDay('2026-01-01'), endDate: isoDay('2026-12-31'), leadTimeDays: 45 });
});
const start = performance.now();
await monthlyChartPng(
  Array.from({ length: 12 * 12 }, (_, i) => ({
    month: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
    format: `Format ${Math.floor(i / 12)}`,
    count: (i % 7) + 1,
  })),
  Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
  t,
);
console.log(`${'monthly chart PNG (12 months × 12 formats)'.padEnd(48)} ${(performance.now() - start).toFixed(2).padStart(9)} ms`);
