// Exactly-once runs across replicas: a job run first inserts its (job, slot) row;
// the unique key lets exactly one replica win. The row then records the outcome.
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/client.ts';

export type JobStatus = 'running' | 'done' | 'failed' | 'skipped';

export interface LastJobRun {
  jobName: string;
  slot: Date;
  status: JobStatus;
  finishedAt: Date | null;
  error: string | null;
}

export class JobClaims {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** Returns the run id when this caller won the slot, undefined when someone else already has it. */
  async claim(jobName: string, slot: Date, owner: string, status: JobStatus = 'running'): Promise<number | undefined> {
    try {
      const row = await this.#db.jobRun.create({
        data: { jobName, slot, owner, status, ...(status === 'skipped' ? { finishedAt: slot } : {}) },
      });
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async finish(id: number, status: 'done' | 'failed', at: Date, detail?: string): Promise<void> {
    await this.#db.jobRun.update({
      where: { id },
      data: {
        status,
        finishedAt: at,
        ...(status === 'done' ? { summary: detail?.slice(0, 1000) ?? null } : { error: detail?.slice(0, 1000) ?? null }),
      },
    });
  }

  async claimedSlots(jobName: string, from: Date, to: Date): Promise<Set<number>> {
    const rows = await this.#db.jobRun.findMany({
      where: { jobName, slot: { gte: from, lte: to } },
      select: { slot: true },
    });
    return new Set(rows.map((r) => r.slot.getTime()));
  }

  /** The last run of each job that actually ran (skipped slots are not runs). */
  async lastRuns(jobNames: string[]): Promise<Map<string, LastJobRun>> {
    const out = new Map<string, LastJobRun>();
    for (const jobName of jobNames) {
      const row = await this.#db.jobRun.findFirst({
        where: { jobName, status: { not: 'skipped' } },
        orderBy: { slot: 'desc' },
      });
      if (row) {
        out.set(jobName, {
          jobName,
          slot: row.slot,
          status: row.status as JobStatus,
          finishedAt: row.finishedAt,
          error: row.error,
        });
      }
    }
    return out;
  }
}
