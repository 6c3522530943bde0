// The contracts feature's scheduled job.
import type { JobDefinition } from '../../jobs/types.ts';
import type { ContractService } from './service.ts';

const DAY_MS = 24 * 3600_000;

/** Contract milestones, daily at 09:00; after downtime the latest missed one is sent once. */
export function contractJobs(deps: { contracts: ContractService }): JobDefinition[] {
  return [
    { name: 'contract-reminders', schedule: '0 9 * * *', catchUpMs: 7 * DAY_MS, plan: ({ slot }) => deps.contracts.reminderPlan(slot) },
  ];
}
