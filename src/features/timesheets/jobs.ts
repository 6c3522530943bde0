// The time sheets' scheduled job.
import type { JobDefinition } from '../../jobs/types.ts';
import type { TimeSheetService } from './service.ts';

const DAY_MS = 24 * 3600_000;

/**
 * Daily at 09:00: on the first working day of a month (and the days after, for anyone still
 * without one), last month's sheets; the reminders due.
 */
export function timesheetJobs(deps: { timesheets: TimeSheetService }): JobDefinition[] {
  return [{ name: 'timesheets', schedule: '0 9 * * *', catchUpMs: 3 * DAY_MS, plan: ({ slot }) => deps.timesheets.plan(slot) }];
}
