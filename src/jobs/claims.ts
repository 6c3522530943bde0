// Exactly-once runs across replicas: a job run first inserts its (job, slot) row;
// the unique key lets exactly one replica win. The row then records the outcome.
//
// A run holds a lease that its process renews while it lives (see Scheduler.runSlot); a run
// whose lease ran out (its process was killed, crashed or lost) is taken over by the next
// claim of that slot — the scheduler's watch, another replica or `npm run job` — which finishes
// what is left: every job's work is recorded item by item (a milestone, a nudge, a week's
// digest…), so a takeover never repeats what was done. Leases are in real time (the wall
// clock), whatever clock the jobs are given.
import { type Clock, systemClock } from '../clock.ts';
import type { JobRunRepository, JobStatus, LastJobRun } from '../db/job-runs.ts';

export type { JobStatus, LastJobRun };

/** How long a run's claim holds without being renewed; renewed every third of it. */
export const DEFAULT_LEASE_MS = 2 * 60_000;

export type Claim = { id: number; takenOver: boolean };

export class JobClaims {
  readonly #runs: JobRunRepository;
  readonly #leaseMs: number;
  readonly #wallClock: Clock;

  constructor(runs: JobRunRepository, options: { leaseMs?: number; wallClock?: Clock } = {}) {
    this.#runs = runs;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#wallClock = options.wallClock ?? systemClock;
  }

  get leaseMs(): number {
    return this.#leaseMs;
  }

  #leaseFromNow(): Date {
    return new Date(this.#wallClock.now().getTime() + this.#leaseMs);
  }

  /** Returns the run id when this caller won the slot, undefined when someone else already has it. */
  async claim(jobName: string, slot: Date, owner: string, status: JobStatus = 'running'): Promise<number | undefined> {
    return (await this.claimOrTakeOver(jobName, slot, owner, status))?.id;
  }

  /** Wins the slot, or takes over its run when that run's lease ran out; undefined otherwise. */
  async claimOrTakeOver(jobName: string, slot: Date, owner: string, status: JobStatus = 'running'): Promise<Claim | undefined> {
    const id = await this.#runs.insert(jobName, slot, owner, status, this.#leaseFromNow());
    if (id !== undefined) return { id, takenOver: false };
    if (status !== 'running') return undefined;
    const taken = await this.#runs.takeOver(jobName, slot, owner, this.#wallClock.now(), this.#leaseFromNow(), this.#leaseMs);
    return taken === undefined ? undefined : { id: taken, takenOver: true };
  }

  /** Keeps a live run's claim; false when it was taken over meanwhile. */
  async renew(id: number, owner: string): Promise<boolean> {
    return this.#runs.renew(id, owner, this.#leaseFromNow());
  }

  /** Runs whose process stopped (lease run out), slot within the last `withinMs`. */
  async expired(withinMs: number): Promise<{ jobName: string; slot: Date }[]> {
    const now = this.#wallClock.now();
    return this.#runs.expired(now, new Date(now.getTime() - withinMs));
  }

  async finish(id: number, status: 'done' | 'failed', at: Date, detail?: string): Promise<void> {
    await this.#runs.finish(id, status, at, detail);
  }

  async claimedSlots(jobName: string, from: Date, to: Date): Promise<Set<number>> {
    return new Set((await this.#runs.slotsBetween(jobName, from, to)).map((slot) => slot.getTime()));
  }

  /** The last run of each job that actually ran (skipped slots are not runs). */
  async lastRuns(jobNames: string[]): Promise<Map<string, LastJobRun>> {
    const out = new Map<string, LastJobRun>();
    for (const jobName of jobNames) {
      const last = await this.#runs.lastRun(jobName);
      if (last) out.set(jobName, last);
    }
    return out;
  }
}
