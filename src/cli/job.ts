// npm run job -- <name> [--now <ISO-8601 instant>] [--team <id>] [--dry-run]
// Runs one scheduled job once, with the given clock, through the same exactly-once claim
// as the scheduler. --dry-run prints what would be posted and changes nothing. With several
// workspaces in the database, --team says which one it acts on.
import { parseArgs } from 'node:util';
import { buildRuntime, loadConfigOrExit, openMigratedDatabase, slackGatewayFor } from '../bootstrap.ts';
import { FixedClock, systemClock } from '../clock.ts';
import { Store } from '../db/store.ts';
import { formatDateTime } from '../i18n/format.ts';
import { translator } from '../i18n/index.ts';
import { floorToMinute } from '../jobs/cron.ts';
import { createLogger } from '../logger.ts';
import { chooseWorkspace } from './workspace.ts';

export interface JobArgs {
  name: string | undefined;
  now: Date | undefined;
  dryRun: boolean;
  team?: string;
  error?: string;
}

export function parseJobArgs(argv: string[]): JobArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { now: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, team: { type: 'string' } },
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
    return { name: positionals[0], now, dryRun: values['dry-run'] ?? false, ...(values.team ? { team: values.team } : {}) };
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
const t = translator(config.defaultLocale);
// The workspace the job acts on: the only one, or --team's. The demonstration network is never
// sent to: a dry run may show it, a real run only acts on installed workspaces.
const workspaces = await new Store(database.prisma, database.provider).repos.network.workspaces();
const installed = args.dryRun ? workspaces : workspaces.filter((w) => !w.demo);
let teams: string[] | undefined;
if (installed.length > 0 || args.team !== undefined) {
  const choice = chooseWorkspace(installed, args.team, t);
  if (!choice.ok) {
    console.error(choice.message);
    await database.close();
    process.exit(2);
  }
  console.log(choice.said);
  teams = [choice.workspace.teamId];
}
const runtime = buildRuntime(config, database, slackGatewayFor(config), { clock, logger, ...(teams ? { teams } : {}) });
const known = runtime.scheduler.jobNames;
const job = args.name ? runtime.scheduler.find(args.name) : undefined;
if (!job) {
  console.error(`${args.name ? `Unknown job "${args.name}".` : 'Name a job.'} Known jobs: ${known.join(', ')}`);
  console.error('Usage: npm run job -- <name> [--now <ISO-8601 instant>] [--team <id>] [--dry-run]');
  await database.close();
  process.exit(2);
}
if (!args.dryRun && !config.slack.botToken) {
  console.error('SLACK_BOT_TOKEN is not set: only --dry-run can run without Slack.');
  await database.close();
  process.exit(2);
}

const slot = floorToMinute(clock.now());
// One workspace of several: its own claim (the scheduler's run of the slot covers them all;
// what each job sends is recorded item by item, so nothing goes twice).
const claimAs = workspaces.filter((w) => !w.demo).length > 1 && teams ? `${job.name}@${teams[0]}` : undefined;
const outcome = await runtime.scheduler.runSlot(job, slot, {
  dryRun: args.dryRun,
  print: (line) => console.log(line),
  ...(claimAs ? { claimAs } : {}),
});
await database.close();
// Said in the network's language, at the network's local time.
const when = `${formatDateTime(slot, config.defaultLocale, config.timeZone)} (${config.timeZone})`;
const line = (text: string) => t('job.line', { job: job.name, when, text });
switch (outcome.status) {
  case 'done':
  case 'dry-run':
    console.log(line(outcome.summary));
    process.exit(0);
    break;
  case 'already-claimed':
    console.log(line(t('job.alreadyClaimed')));
    process.exit(0);
    break;
  case 'failed':
    console.error(line(t('job.failed', { error: outcome.error })));
    process.exit(1);
}
