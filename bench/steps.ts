// One measurement of bench/national.ts, in its own process so that its peak RSS is its own:
//   tsx bench/steps.ts --db <url> --step <name>
// Prints one JSON line: the median wall time of five runs after a warm-up one (a single run for
// the export), the process's peak RSS, and for the digest its hand-written SQL floor.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRuntime } from '../src/bootstrap.ts';
import { FixedClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { describePlan } from '../src/jobs/types.ts';
import { createLogger } from '../src/logger.ts';
import { createServices } from '../src/services.ts';
import type { SlackGateway } from '../src/slack/gateway.ts';
import { isoDay } from '../src/time/calendar-date.ts';
import { COORDINATOR, NOW, TEAM } from './dataset.ts';
import { digestFloor } from './floor.ts';

const silentSlack: SlackGateway = {
  postMessage: async (channel) => ({ ts: `${Date.now() / 1000}`, channel }),
  findOutboxPost: async () => undefined,
  updateMessage: async () => undefined,
  postEphemeral: async () => undefined,
  openDirectMessage: async (user) => `D${user}`,
  publishHome: async () => undefined,
  openView: async () => ({ viewId: 'V' }),
  pushView: async () => ({ viewId: 'V' }),
  updateView: async () => undefined,
  uploadFile: async () => undefined,
  uploadFiles: async () => undefined,
  userProfile: async (user) => ({ id: user, displayName: user, firstName: '', locale: 'fr-FR', isBot: false, deleted: false }),
  channelStatus: async () => 'ok',
  isPrivateChannel: async () => true,
};

async function medianOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const isMain = process.argv[1]?.endsWith('steps.ts');
if (isMain) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, step: { type: 'string' } } });
  if (!values.db || !values.step) throw new Error('--db and --step are required');
  const database = await openDatabase(values.db);
  const config = parseConfig({ DATABASE_URL: values.db, SLACK_BOT_TOKEN: 'xoxb-bench', TIMEZONE: 'Europe/Paris', LOG_LEVEL: 'error' });
  const services = createServices({
    config,
    db: database.prisma,
    clock: new FixedClock(NOW),
    logger: createLogger('error'),
    slack: silentSlack,
  });
  const plan = (name: string) => async () => {
    const job = services.jobs.find((j) => j.name === name);
    if (!job) throw new Error(name);
    return describePlan(await job.plan({ slot: NOW, logger: services.logger }));
  };
  const year = { from: isoDay('2026-01-01'), to: isoDay('2026-12-31') };
  const steps: Record<string, () => Promise<unknown>> = {
    'weekly-digest': plan('weekly-digest'),
    'help-nudges': plan('help-nudges'),
    'contract-reminders': plan('contract-reminders'),
    'event-followups': plan('event-followups'),
    timesheets: plan('timesheets'),
    bilan: () => services.reports.figures(TEAM, year),
    home: () => services.home.publish(TEAM, COORDINATOR),
    chart: () => services.reports.monthlyCounts(TEAM, '2026-11', 'fr'),
  };
  const result: Record<string, number> = {};
  if (values.step === 'pack') {
    const out = mkdtempSync(join(tmpdir(), 'tl-national-pack-'));
    const t0 = performance.now();
    const summary = await services.pack.write(TEAM, year, join(out, 'pack.zip'));
    result.ms = performance.now() - t0;
    result.files = summary.files;
    result.missing = summary.missing;
    result.mb = statSync(join(out, 'pack.zip')).size / 1e6;
    rmSync(out, { recursive: true, force: true });
  } else if (values.step === 'catch-up') {
    // What `npm start` does first on a database whose jobs never ran (a data set just seeded):
    // the missed runs of the last days, done now, at the real time, so that the start measured
    // next is an app's usual start, not its first one.
    const runtime = buildRuntime(config, database, silentSlack, { logger: createLogger('error') });
    const t0 = performance.now();
    result.jobs = (await runtime.scheduler.catchUp()).size;
    result.ms = performance.now() - t0;
  } else if (values.step === 'export') {
    const out = mkdtempSync(join(tmpdir(), 'tl-national-export-'));
    const t0 = performance.now();
    await services.reports.writeCsvFiles(TEAM, year, out);
    result.ms = performance.now() - t0;
    rmSync(out, { recursive: true, force: true });
  } else {
    const work = steps[values.step];
    if (!work) throw new Error(`unknown step ${values.step}`);
    result.ms = await medianOf(5, work);
    if (values.step === 'weekly-digest') {
      result.floorMs = await medianOf(5, () => digestFloor(database, TEAM, new Date('2026-12-06T23:00:00Z'), NOW));
    }
  }
  result.peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(result));
  await database.close();
}
