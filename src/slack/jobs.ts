// The Slack glue's own scheduled jobs: the outbox's retries and forgetting old event ids.
import type { Config } from '../config.ts';
import type { Store } from '../db/store.ts';
import { translator } from '../i18n/index.ts';
import type { JobDefinition } from '../jobs/types.ts';
import type { Outbox } from './outbox.ts';

const DAY_MS = 24 * 3600_000;

export function slackJobs(deps: { outbox: Outbox; store: Store; config: Config }): JobDefinition[] {
  const { outbox, store, config } = deps;
  const say = translator(config.defaultLocale);
  return [
    {
      // Every minute: the messages whose first attempt failed, with back-off.
      name: 'outbox',
      schedule: '* * * * *',
      catchUpMs: 0,
      plan: async () => {
        const due = await outbox.listDue();
        return {
          steps: [
            {
              description: due
                .map((m) => say(`job.outbox.would.${m.kind}`, { channel: m.channel, attempt: m.attempts + 1, text: m.text }))
                .join('\n'),
              planned: { due: due.length },
              run: async () => ({ ...(await outbox.deliverDue()) }),
            },
          ],
          summary: (c, mode) =>
            mode === 'dry-run'
              ? say('job.outbox.due', { count: c.due ?? 0 })
              : say('job.outbox.summary', { sent: c.sent ?? 0, retried: c.retried ?? 0, failed: c.failed ?? 0 }),
        };
      },
    },
    {
      // Nightly: processed Slack event ids and modal submissions are forgotten after a week
      // (Slack retries within minutes; a modal is submitted within hours).
      name: 'housekeeping',
      schedule: '17 3 * * *',
      catchUpMs: 0,
      plan: async ({ slot }) => {
        const before = new Date(slot.getTime() - 7 * DAY_MS);
        const { processedEvents, processedSubmissions } = store.repos;
        const [events, submissions] = await Promise.all([processedEvents.countBefore(before), processedSubmissions.countBefore(before)]);
        return {
          steps: [
            {
              description: say('job.housekeeping.would', { events, submissions }),
              planned: { forgotten: events + submissions },
              run: async () => ({
                forgotten: (await processedEvents.forgetBefore(before)) + (await processedSubmissions.forgetBefore(before)),
              }),
            },
          ],
          summary: (c, mode) => say(mode === 'dry-run' ? 'job.housekeeping.planned' : 'job.housekeeping.done', { count: c.forgotten ?? 0 }),
        };
      },
    },
  ];
}
