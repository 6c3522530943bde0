// The outbox's rows: messages to post, update or show privately, with their attempts.

import { oneOf } from '../vocabulary.ts';
import { type Client, nullsAsUndefined } from './client.ts';

const KINDS = ['post', 'update', 'ephemeral'] as const;
const STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxKind = (typeof KINDS)[number];
export type OutboxStatus = (typeof STATUSES)[number];

export interface OutboxRow {
  id: number;
  teamId: string;
  kind: OutboxKind;
  channel: string;
  targetTs: string | undefined;
  userId: string | undefined;
  threadOfId: number | undefined;
  /** JSON of the message content. */
  payload: string;
  ref: string | undefined;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | undefined;
  sentTs: string | undefined;
  createdAt: Date;
}

export type NewOutboxRow = Pick<
  OutboxRow,
  'teamId' | 'kind' | 'channel' | 'targetTs' | 'userId' | 'threadOfId' | 'payload' | 'ref' | 'nextAttemptAt'
>;

type Row = {
  id: number;
  teamId: string;
  kind: string;
  channel: string;
  targetTs: string | null;
  userId: string | null;
  threadOfId: number | null;
  payload: string;
  ref: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentTs: string | null;
  createdAt: Date;
};

function toRow(r: Row): OutboxRow {
  return { ...nullsAsUndefined(r), kind: oneOf(KINDS, r.kind, 'post'), status: oneOf(STATUSES, r.status, 'pending') };
}

export class OutboxRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  async insert(row: NewOutboxRow): Promise<number> {
    const created = await this.#db.outboxMessage.create({
      data: {
        ...row,
        targetTs: row.targetTs ?? null,
        userId: row.userId ?? null,
        threadOfId: row.threadOfId ?? null,
        ref: row.ref ?? null,
      },
    });
    return created.id;
  }

  async find(id: number): Promise<OutboxRow | undefined> {
    const row = await this.#db.outboxMessage.findUnique({ where: { id } });
    return row ? toRow(row) : undefined;
  }

  async setPayload(id: number, payload: string): Promise<void> {
    await this.#db.outboxMessage.update({ where: { id }, data: { payload } });
  }

  /** Takes the message for one attempt if nobody else did since `seen` (optimistic lease). */
  async lease(id: number, seen: Date, until: Date): Promise<boolean> {
    const taken = await this.#db.outboxMessage.updateMany({
      where: { id, status: 'pending', nextAttemptAt: seen },
      data: { nextAttemptAt: until },
    });
    return taken.count === 1;
  }

  /** Pending messages whose time has come, oldest first. */
  async due(now: Date, limit: number): Promise<OutboxRow[]> {
    const rows = await this.#db.outboxMessage.findMany({
      where: { status: 'pending', nextAttemptAt: { lte: now } },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map(toRow);
  }

  async markSent(id: number, attempts: number, sentTs: string | undefined, at: Date): Promise<OutboxRow> {
    const row = await this.#db.outboxMessage.update({
      where: { id },
      data: { status: 'sent', attempts, sentTs: sentTs ?? null, sentAt: at, lastError: null },
    });
    return toRow(row);
  }

  /** A failed attempt: tried again at `retryAt`, or kept as failed for the health panel. */
  async markFailedAttempt(id: number, attempts: number, error: string, permanent: boolean, retryAt: Date): Promise<void> {
    await this.#db.outboxMessage.update({
      where: { id },
      data: { attempts, lastError: error, status: permanent ? 'failed' : 'pending', nextAttemptAt: retryAt },
    });
  }

  /** A reply waiting for its parent post: tried again later, without counting an attempt. */
  async postpone(id: number, until: Date, reason: string): Promise<void> {
    await this.#db.outboxMessage.update({ where: { id }, data: { nextAttemptAt: until, lastError: reason } });
  }

  async fail(id: number, reason: string): Promise<void> {
    await this.#db.outboxMessage.update({ where: { id }, data: { status: 'failed', lastError: reason } });
  }

  /** Points a message elsewhere: a thread reply at its parent, a refused private notice at a DM. */
  async retarget(
    id: number,
    target: { kind: OutboxKind; channel: string; targetTs: string | undefined },
    attempts?: number,
    error?: string,
  ): Promise<void> {
    await this.#db.outboxMessage.update({
      where: { id },
      data: {
        kind: target.kind,
        channel: target.channel,
        targetTs: target.targetTs ?? null,
        ...(attempts !== undefined ? { attempts } : {}),
        ...(error !== undefined ? { lastError: error } : {}),
      },
    });
  }

  async count(teamId: string, status: OutboxStatus): Promise<number> {
    return this.#db.outboxMessage.count({ where: { teamId, status } });
  }

  async latestFailures(teamId: string, take: number): Promise<OutboxRow[]> {
    const rows = await this.#db.outboxMessage.findMany({ where: { teamId, status: 'failed' }, orderBy: { id: 'desc' }, take });
    return rows.map(toRow);
  }

  /** The post sent as message `ts` in a channel, whose reference starts with `refPrefix`. */
  async sentPost(teamId: string, channel: string, ts: string, refPrefix: string): Promise<OutboxRow | undefined> {
    const row = await this.#db.outboxMessage.findFirst({
      where: { teamId, channel, sentTs: ts, kind: 'post', ref: { startsWith: refPrefix } },
    });
    return row ? toRow(row) : undefined;
  }
}
