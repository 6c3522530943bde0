// npm run job -- <name> [--now <ISO-8601 instant>] [--dry-run]
// Runs one scheduled job once, with the given clock, through the same exactly-once claim
// as the scheduler. --dry-run prints what would be posted and changes nothing.
import { parseArgs } from 'node:util';
import { buildRuntime, loadConfigOrExit, openMigratedDatabase, slackGatewayFor } from '../bootstrap.ts';
import { FixedClock, systemClock } from '../clock.ts';
import { floorToMinute } from '../jobs/cron.ts';
import { createLogger } from '../logger.ts';

export function parseJobArgs(argv: string[]): { name: string | undefined; now: Date | undefined; dryRun: boolean; error?: string } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { now: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    let now: Date | undefined;
    if (values.now !== undefined) {
      now = new Date(values.now);
      if (Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(values.now)) {
        return {
          name: positionals[0],
          now: undefined,
          dryRun: false,
          error: `--now: "${values.now}" is not an ISO-8601 instant (e.g. 2026-12-07T09:00:00+01:00)`,
        };
      }
    }
    return { name: positionals[0], now, dryRun: values['dry-run'] ?? false };
  } catch (error) {
    return { name: undefined, now: undefined, dryRun: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const args = parseJobArgs(process.argv.slice(2));
const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);
if (args.error) {
  console.error(args.error);
  process.exit(2);
}
const clock = args.now ? new FixedClock(args.now) : systemClock;
const database = await openMigratedDatabase(config, logger);
const runtime = buildRuntime(config, database, slackGatewayFor(config), { clock, logger });
const known = runtime.scheduler.jobNames;
const job = args.name ? runtime.scheduler.find(args.name) : undefined;
if (!job) {
  console.error(`${args.name ? `Unknown job "${args.name}".` : 'Name a job.'} Known jobs: ${known.join(', ')}`);
  console.error('Usage: npm run job -- <name> [--now <ISO-8601 instant>] [--dry-run]');
  await database.close();
  process.exit(2);
}
if (!args.dryRun && !config.slack.botToken) {
  console.error('SLACK_BOT_TOKEN is not set: only --dry-run can run without Slack.');
  await database.close();
  process.exit(2);
}

const slot = floorToMinute(clock.now());
const outcome = await runtime.scheduler.runSlot(job, slot, { dryRun: args.dryRun, print: (line) => console.log(line) });
await database.close();
switch (outcome.status) {
  case 'done':
  case 'dry-run':
    console.log(`${job.name} @ ${slot.toISOString()}: ${outcome.summary}`);
    process.exit(0);
    break;
  case 'already-claimed':
    console.log(
      `${job.name} @ ${slot.toISOString()}: already run for this slot, or being run by another process; nothing done. ` +
        '(A run whose process stopped is taken over once its claim runs out: JOB_LEASE_SECONDS.)',
    );
    process.exit(0);
    break;
  case 'failed':
    console.error(`${job.name} @ ${slot.toISOString()} failed: ${outcome.error}`);
    process.exit(1);
}
