// The mutual help feature's scheduled job.
import type { JobDefinition } from '../../jobs/types.ts';
import type { HelpService } from './service.ts';

/** Help requests without an answer: nudge peers, then coordinators; ask about stale ones. */
export function helpJobs(deps: { help: HelpService }): JobDefinition[] {
  return [{ name: 'help-nudges', schedule: '*/15 * * * *', catchUpMs: 0, plan: ({ slot }) => deps.help.nudgePlan(slot) }];
}
