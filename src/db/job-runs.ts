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
  async insert(jobName: string, slot: Date, owner: string, status: JobStatus, leaseUntil?: Date): Promise<number | undefined> {
    try {
      const row = await this.#db.jobRun.create({
        data: {
          jobName,
          slot,
          owner,
          status,
          ...(status === 'skipped' ? { finishedAt: slot } : {}),
          ...(status === 'running' && leaseUntil ? { leaseUntil } : {}),
        },
      });
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /**
   * Takes over the slot's run when it is still "running" but its lease ran out (its process
   * stopped: killed, crashed, its machine lost): the one conditional update lets exactly one
   * taker win. Runs from before leases existed count from their start.
   */
  async takeOver(jobName: string, slot: Date, owner: string, now: Date, leaseUntil: Date, leaseMs: number): Promise<number | undefined> {
    const expired = { OR: [{ leaseUntil: { lt: now } }, { leaseUntil: null, startedAt: { lt: new Date(now.getTime() - leaseMs) } }] };
    const { count } = await this.#db.jobRun.updateMany({
      where: { jobName, slot, status: 'running', ...expired },
      data: { owner, leaseUntil },
    });
    if (count === 0) return undefined;
    const row = await this.#db.jobRun.findUnique({ where: { jobName_slot: { jobName, slot } }, select: { id: true } });
    return row?.id;
  }

  /** Extends a run's lease; false when the run is no longer this owner's. */
  async renew(id: number, owner: string, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.#db.jobRun.updateMany({ where: { id, owner, status: 'running' }, data: { leaseUntil } });
    return count === 1;
  }

  /** Runs left "running" with their lease run out, slot after `since` (oldest first, a few). */
  async expired(now: Date, since: Date, limit = 20): Promise<{ jobName: string; slot: Date }[]> {
    return this.#db.jobRun.findMany({
      where: { status: 'running', leaseUntil: { lt: now }, slot: { gte: since } },
      orderBy: { slot: 'asc' },
      take: limit,
      select: { jobName: true, slot: true },
    });
  }

  async finish(id: number, status: 'done' | 'failed', at: Date, detail: string | undefined): Promise<void> {
    const text = detail?.slice(0, 1000) ?? null;
    await this.#db.jobRun.update({
      where: { id },
      data: { status, finishedAt: at, leaseUntil: null, ...(status === 'done' ? { summary: text } : { error: text }) },
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
