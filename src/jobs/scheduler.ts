// Runs the registered jobs on node-cron in the network's time zone. Every run, scheduled,
// caught up or started by hand (`npm run job`), goes through the same claim: one row per
// (job, slot), so that several replicas run each slot exactly once.
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { JobClaims } from './claims.ts';
import { floorToMinute, slotsBetween } from './cron.ts';
import { describePlan, executePlan, type JobDefinition } from './types.ts';

export type RunOutcome =
  | { status: 'done'; summary: string }
  | { status: 'failed'; error: string }
  | { status: 'already-claimed' }
  | { status: 'dry-run'; summary: string };

export interface SchedulerDeps {
  jobs: JobDefinition[];
  claims: JobClaims;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** Identifies this replica in job rows. */
  owner: string;
  /** Slots before this instant are never caught up (e.g. the install date). */
  notBefore: () => Promise<Date>;
}

/** How often runs that could not start (the database away) are tried again. */
export const RETRY_MISSED_MS = 5_000;
/** How often each replica looks for runs whose process stopped, and how far back. */
export const TAKE_OVER_CHECK_MS = 30_000;
export const TAKE_OVER_WITHIN_MS = 24 * 3600_000;

export class Scheduler {
  readonly #deps: SchedulerDeps;
  readonly #tasks = new Map<string, ScheduledTask>();
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Slots whose run could not even be claimed (the database away), by job and slot. */
  readonly #missed = new Map<string, { job: JobDefinition; slot: Date }>();
  #retrying: NodeJS.Timeout | undefined;
  #watching: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  get jobNames(): string[] {
    return this.#deps.jobs.map((j) => j.name);
  }

  find(name: string): JobDefinition | undefined {
    return this.#deps.jobs.find((j) => j.name === name);
  }

  /** Runs one slot of a job through its claim. */
  async runSlot(
    job: JobDefinition,
    slot: Date,
    options: {
      dryRun?: boolean;
      print?: (line: string) => void;
      /** The claim's name when not the job's (a run for one workspace of several: `job@team`). */
      claimAs?: string;
    } = {},
  ): Promise<RunOutcome> {
    const logger = this.#deps.logger.child(`job:${job.name}`);
    const print = options.print ?? ((line: string) => logger.info(line));
    if (options.dryRun) {
      const { lines, summary } = describePlan(await job.plan({ slot, logger }));
      for (const line of lines) print(line);
      return { status: 'dry-run', summary };
    }
    const claim = await this.#deps.claims.claimOrTakeOver(options.claimAs ?? job.name, slot, this.#deps.owner);
    if (claim === undefined) {
      logger.debug('slot already claimed', { slot: slot.toISOString() });
      return { status: 'already-claimed' };
    }
    const runId = claim.id;
    if (claim.takenOver) logger.warn('taking over a run whose process stopped; finishing what it left', { slot: slot.toISOString() });
    // The claim is renewed while this run lives; if this process dies, it runs out and the run
    // is taken over (see JobClaims).
    const heartbeat = setInterval(() => {
      this.#deps.claims
        .renew(runId, this.#deps.owner)
        .catch((error: unknown) => logger.warn('a job’s lease could not be renewed', { error }));
    }, this.#deps.claims.leaseMs / 3);
    try {
      const summary = await executePlan(await job.plan({ slot, logger }));
      await this.#deps.claims.finish(runId, 'done', this.#deps.clock.now(), summary);
      if (summary) logger.info(summary, { slot: slot.toISOString() });
      return { status: 'done', summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.#deps.claims.finish(runId, 'failed', this.#deps.clock.now(), message).catch(() => undefined);
      logger.error('job failed', { slot: slot.toISOString(), error });
      return { status: 'failed', error: message };
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Runs whose process stopped (their lease ran out) in the last day are taken over and
   * finished; checked every TAKE_OVER_CHECK_MS by each replica (the claim lets one win).
   */
  async takeOverStopped(): Promise<void> {
    for (const { jobName, slot } of await this.#deps.claims.expired(TAKE_OVER_WITHIN_MS)) {
      const job = this.find(jobName);
      if (job && !this.#stopped) await this.runSlot(job, slot);
    }
  }

  /**
   * After downtime: for each job, the most recent missed slot within its catch-up window runs
   * once; the earlier missed ones are recorded as skipped.
   */
  async catchUp(): Promise<Map<string, RunOutcome>> {
    const now = this.#deps.clock.now();
    const notBefore = await this.#deps.notBefore();
    const outcomes = new Map<string, RunOutcome>();
    for (const job of this.#deps.jobs) {
      if (job.catchUpMs <= 0) continue;
      const from = new Date(Math.max(now.getTime() - job.catchUpMs, notBefore.getTime() - 1));
      const expression = await this.#expression(job);
      const slots = slotsBetween(expression, this.#deps.timeZone, from, now);
      if (slots.length === 0) continue;
      const claimed = await this.#deps.claims.claimedSlots(job.name, slots.at(-1) ?? now, now);
      const newest = slots[0];
      if (!newest || claimed.has(newest.getTime())) continue;
      for (const older of slots.slice(1)) {
        if (!claimed.has(older.getTime())) {
          await this.#deps.claims.claim(job.name, older, this.#deps.owner, 'skipped');
        }
      }
      this.#deps.logger.info('catching up a missed run', { job: job.name, slot: newest.toISOString() });
      outcomes.set(job.name, await this.runSlot(job, newest));
    }
    return outcomes;
  }

  /** Catches up, then schedules every job. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#track(this.catchUp());
    for (const job of this.#deps.jobs) await this.#schedule(job);
    this.#watching = setInterval(
      () => {
        if (this.#stopped) return;
        void this.#track(
          this.takeOverStopped().catch((error: unknown) => this.#deps.logger.warn('looking for stopped runs failed', { error })),
        );
      },
      Math.min(TAKE_OVER_CHECK_MS, this.#deps.claims.leaseMs),
    );
  }

  /** Re-reads a job's schedule (e.g. the digest's, changed in /reseau). */
  async refresh(name: string): Promise<void> {
    const job = this.find(name);
    if (!job || this.#stopped || !this.#tasks.has(name)) return;
    await this.#tasks.get(name)?.destroy();
    await this.#schedule(job);
  }

  async #schedule(job: JobDefinition): Promise<void> {
    const expression = await this.#expression(job);
    const task = cron.schedule(
      expression,
      (ctx) => {
        if (this.#stopped) return;
        // node-cron reports the instant it fired; the slot is that minute.
        return this.#track(this.#tick(job, floorToMinute(ctx.date)));
      },
      { timezone: this.#deps.timeZone, name: job.name, noOverlap: true },
    );
    this.#tasks.set(job.name, task);
  }

  /**
   * A scheduled run. Nothing it meets ends the process: a job's own failure is recorded by
   * runSlot; a run that cannot start (the database away) is logged and tried again every
   * RETRY_MISSED_MS until the database answers, then run once (the claim still decides).
   */
  async #tick(job: JobDefinition, slot: Date): Promise<void> {
    try {
      await this.runSlot(job, slot);
    } catch (error) {
      this.#deps.logger.error('a job could not start (is the database reachable?); it will run as soon as it answers', {
        job: job.name,
        slot: slot.toISOString(),
        error,
      });
      this.#missed.set(`${job.name}@${slot.getTime()}`, { job, slot });
      this.#retrying ??= setInterval(() => void this.#track(this.#retryMissed()), RETRY_MISSED_MS);
    }
  }

  async #retryMissed(): Promise<void> {
    for (const [key, { job, slot }] of this.#missed) {
      if (this.#stopped) return;
      try {
        await this.runSlot(job, slot);
      } catch {
        return; // still away: next time
      }
      this.#missed.delete(key);
      this.#deps.logger.info('the database answers again: a missed run was done', { job: job.name, slot: slot.toISOString() });
    }
    if (this.#missed.size === 0) this.#stopRetrying();
  }

  #stopRetrying(): void {
    clearInterval(this.#retrying);
    this.#retrying = undefined;
  }

  /** Stops scheduling and waits for runs in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopRetrying();
    clearInterval(this.#watching);
    for (const task of this.#tasks.values()) await task.destroy();
    this.#tasks.clear();
    await Promise.allSettled([...this.#inFlight]);
  }

  async #expression(job: JobDefinition): Promise<string> {
    return typeof job.schedule === 'string' ? job.schedule : job.schedule();
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
    return work;
  }
}
