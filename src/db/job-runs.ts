// Job runs: one row per (job, slot), the unique key letting exactly one replica claim a slot.

import { oneOf } from '../vocabulary.ts';
import type { Client } from './client.ts';
import { isUniqueViolation } from './client.ts';

export type JobStatus = 'running' | 'done' | 'failed' | 'skipped';

export interface LastJobRun {
  jobName: string;
  slot: Date;
  status: JobStatus;
  finishedAt: Date | null;
  error: string | null;
}

const STATUSES: readonly JobStatus[] = ['running', 'done', 'failed', 'skipped'];

export class JobRunRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  /** Inserts the slot's row; undefined when another run already has it. */
  async insert(jobName: string, slot: Date, owner: string, status: JobStatus): Promise<number | undefined> {
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

  async finish(id: number, status: 'done' | 'failed', at: Date, detail: string | undefined): Promise<void> {
    const text = detail?.slice(0, 1000) ?? null;
    await this.#db.jobRun.update({
      where: { id },
      data: { status, finishedAt: at, ...(status === 'done' ? { summary: text } : { error: text }) },
    });
  }

  async slotsBetween(jobName: string, from: Date, to: Date): Promise<Date[]> {
    const rows = await this.#db.jobRun.findMany({ where: { jobName, slot: { gte: from, lte: to } }, select: { slot: true } });
    return rows.map((r) => r.slot);
  }

  /** The latest run of a job that actually ran (skipped slots are not runs). */
  async lastRun(jobName: string): Promise<LastJobRun | undefined> {
    const row = await this.#db.jobRun.findFirst({ where: { jobName, status: { not: 'skipped' } }, orderBy: { slot: 'desc' } });
    if (!row) return undefined;
    const status = oneOf(STATUSES, row.status, 'failed');
    return { jobName, slot: row.slot, status, finishedAt: row.finishedAt, error: row.error };
  }
}
