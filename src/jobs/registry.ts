// Every scheduled job of the app. `npm run job -- <name>` and the scheduler both read this list.

import { DEFAULT_DIGEST_CRON } from '../features/digest/service.ts';
import { t } from '../i18n/index.ts';
import type { Services } from '../services.ts';
import { isValidCron } from './cron.ts';
import type { JobDefinition } from './types.ts';

const DAY_MS = 24 * 3600_000;

function outboxJob(services: Services): JobDefinition {
  return {
    name: 'outbox',
    schedule: '* * * * *',
    catchUpMs: 0,
    async run(ctx) {
      if (ctx.dryRun) {
        const due = await services.outbox.listDue();
        for (const m of due) ctx.print(`would ${m.kind} to ${m.channel} (attempt ${m.attempts + 1}): ${m.text}`);
        return `${due.length} message(s) due`;
      }
      const report = await services.outbox.deliverDue();
      return t(services.config.defaultLocale, 'job.outbox.summary', report);
    },
  };
}

/** Forgets processed Slack event ids after a week (Slack retries within minutes). */
function housekeepingJob(services: Services): JobDefinition {
  return {
    name: 'housekeeping',
    schedule: '17 3 * * *',
    catchUpMs: 0,
    async run(ctx) {
      const before = new Date(ctx.slot.getTime() - 7 * DAY_MS);
      if (ctx.dryRun) {
        const count = await services.db.processedEvent.count({ where: { receivedAt: { lt: before } } });
        ctx.print(`would forget ${count} processed event id(s)`);
        return `${count} event id(s) to forget`;
      }
      const { count } = await services.db.processedEvent.deleteMany({ where: { receivedAt: { lt: before } } });
      return `${count} event id(s) forgotten`;
    },
  };
}

/** The morning after an event: ask its organisers for the attendance; one reminder 3 days later. */
function eventFollowUpsJob(services: Services): JobDefinition {
  return {
    name: 'event-followups',
    schedule: '0 9 * * *',
    catchUpMs: 3 * DAY_MS,
    run: (ctx) => services.events.followUps(ctx.slot, ctx.dryRun, ctx.print),
  };
}

/** Help requests without an answer: nudge peers, then coordinators; ask about stale ones. */
function helpNudgesJob(services: Services): JobDefinition {
  return {
    name: 'help-nudges',
    schedule: '*/15 * * * *',
    catchUpMs: 0,
    run: (ctx) => services.help.nudges(ctx.slot, ctx.dryRun, ctx.print),
  };
}

/** Contract milestones, daily at 09:00; after downtime the latest missed one is sent once. */
function contractRemindersJob(services: Services): JobDefinition {
  return {
    name: 'contract-reminders',
    schedule: '0 9 * * *',
    catchUpMs: 7 * DAY_MS,
    run: (ctx) => services.contracts.reminders(ctx.slot, ctx.dryRun, ctx.print),
  };
}

/** The coordinators' weekly digest; its schedule is set in /reseau (default Monday 09:00). */
function weeklyDigestJob(services: Services): JobDefinition {
  return {
    name: 'weekly-digest',
    schedule: async () => {
      const [teamId] = await services.network.workspaces();
      const cron = teamId ? (await services.network.settings(teamId)).digestCron : undefined;
      return cron && isValidCron(cron) ? cron : DEFAULT_DIGEST_CRON;
    },
    catchUpMs: 7 * DAY_MS,
    run: (ctx) => services.digest.weekly(ctx.slot, ctx.dryRun, ctx.print),
  };
}

/** The monthly report, on the first working day of the month. */
function monthlyReportJob(services: Services): JobDefinition {
  return {
    name: 'monthly-report',
    schedule: '0 9 * * *',
    catchUpMs: 3 * DAY_MS,
    run: (ctx) => services.digest.monthly(ctx.slot, ctx.dryRun, ctx.print),
  };
}

export function allJobs(services: Services): JobDefinition[] {
  return [
    outboxJob(services),
    housekeepingJob(services),
    eventFollowUpsJob(services),
    helpNudgesJob(services),
    contractRemindersJob(services),
    weeklyDigestJob(services),
    monthlyReportJob(services),
  ];
}
