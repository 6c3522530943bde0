// Exactly-once runs across replicas: a job run first inserts its (job, slot) row;
// the unique key lets exactly one replica win. The row then records the outcome.
import type { JobRunRepository, JobStatus, LastJobRun } from '../db/job-runs.ts';

export type { JobStatus, LastJobRun };

export class JobClaims {
  readonly #runs: JobRunRepository;

  constructor(runs: JobRunRepository) {
    this.#runs = runs;
  }

  /** Returns the run id when this caller won the slot, undefined when someone else already has it. */
  async claim(jobName: string, slot: Date, owner: string, status: JobStatus = 'running'): Promise<number | undefined> {
    return this.#runs.insert(jobName, slot, owner, status);
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
