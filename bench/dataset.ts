// The national data set's workspace, day and coordinator, shared by the bench's processes
// (kept apart from steps.ts, which loads the whole app: a load generator or a measured bare
// app must not).

export const TEAM = 'T0NATIONAL';
/** A Monday, 09:00 in Paris. */
export const NOW = new Date('2026-12-07T08:00:00Z');
export const COORDINATOR = 'U00000000';
