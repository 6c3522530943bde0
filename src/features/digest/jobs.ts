// The coordinators' weekly digest and monthly report.
import { isValidCron } from '../../jobs/cron.ts';
import type { JobDefinition } from '../../jobs/types.ts';
import type { NetworkService } from '../network/service.ts';
import { DEFAULT_DIGEST_CRON } from './schedule.ts';
import type { DigestService } from './service.ts';

const DAY_MS = 24 * 3600_000;

export function digestJobs(deps: { digest: DigestService; network: NetworkService }): JobDefinition[] {
  return [
    {
      // Its schedule is set in /reseau (default Monday 09:00).
      name: 'weekly-digest',
      schedule: async () => {
        const [teamId] = await deps.network.workspaces();
        const cron = teamId ? (await deps.network.settings(teamId)).digestCron : undefined;
        return cron && isValidCron(cron) ? cron : DEFAULT_DIGEST_CRON;
      },
      catchUpMs: 7 * DAY_MS,
      plan: ({ slot }) => deps.digest.weeklyPlan(slot),
    },
    {
      // Daily at 09:00; acts on the first working day of the month.
      name: 'monthly-report',
      schedule: '0 9 * * *',
      catchUpMs: 3 * DAY_MS,
      plan: ({ slot }) => deps.digest.monthlyPlan(slot),
    },
  ];
}
