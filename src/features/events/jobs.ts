// The events feature's scheduled job.
import type { JobDefinition } from '../../jobs/types.ts';
import type { EventService } from './service.ts';

const DAY_MS = 24 * 3600_000;

/** The morning after an event: ask its organisers for the attendance; one reminder 3 days later. */
export function eventJobs(deps: { events: EventService }): JobDefinition[] {
  return [{ name: 'event-followups', schedule: '0 9 * * *', catchUpMs: 3 * DAY_MS, plan: ({ slot }) => deps.events.followUpPlan(slot) }];
}
