// The outbox: every message the app must post or update is first stored with the data
// change it belongs to (same transaction), then sent. A failed send is retried with
// back-off by the `outbox` job; a permanent failure is kept and shown in the health panel.

import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { OutboxKind, OutboxRow } from '../db/outbox.ts';
import type { Repositories, Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import { classifySlackError, type MessageContent, type SlackGateway } from './gateway.ts';

export type { OutboxKind };

export interface OutboxRequest {
  teamId: string;
  kind: OutboxKind;
  channel: string;
  /** update: ts of the message to update; post: thread to reply in. */
  targetTs?: string;
  /** ephemeral: who sees it. */
  userId?: string;
  /** post: a reply in the thread of this other outbox post (sent once it has its ts). */
  threadOfId?: number;
  content: MessageContent;
  /** What the message is about, so that features can find it again (e.g. "event:12:announce"). */
  ref?: string;
}

export interface OutboxStats {
  pending: number;
  failed: number;
  recentFailures: { channel: string; error: string; at: Date }[];
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

const payloadSchema = z.object({ text: z.string(), blocks: z.array(z.custom<KnownBlock>()).optional() });

/** How long an attempt holds a message before another sender may take it. */
const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 40;
/** Failures after which Slack may have posted all the same (no answer, or a server error). */
const UNKNOWN_OUTCOME = /^(network_error|http_5\d\d|timeout)/;

/** Slack's Retry-After up to this is waited out in process; a longer one is left to the job. */
const RETRY_IN_PROCESS_MS = 60_000;

/** When to try again: when Slack says (Retry-After), else with exponential back-off. */
export function backoffMs(attempts: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000;
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export class Outbox {
  readonly #store: Store;
  readonly #slack: SlackGateway;
  readonly #clock: Clock;
  readonly #logger: Logger;
  /** Retries waiting for Slack's Retry-After, in this process. */
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(deps: { store: Store; slack: SlackGateway; clock: Clock; logger: Logger }) {
    this.#store = deps.store;
    this.#slack = deps.slack;
    this.#clock = deps.clock;
    this.#logger = deps.logger.child('outbox');
  }

  get #repo() {
    return this.#store.repos.outbox;
  }

  /** Stores a message inside the caller's transaction (or on its own). Returns its id. */
  async enqueue(r: Repositories, request: OutboxRequest): Promise<number> {
    return r.outbox.insert({
      teamId: request.teamId,
      kind: request.kind,
      channel: request.channel,
      targetTs: request.targetTs,
      userId: request.userId,
      threadOfId: request.threadOfId,
      payload: JSON.stringify(request.content),
      ref: request.ref,
      // Held by the request that stored it, which sends it right after commit;
      // the job takes it over only if that first attempt never happens.
      nextAttemptAt: new Date(this.#clock.now().getTime() + LEASE_MS),
    });
  }

  /**
   * A posted message must now show `content`: a post still waiting gets the new content, a sent
   * one gets an update queued. Returns the id of the queued update, if any.
   */
  async revise(r: Repositories, postId: number, content: MessageContent): Promise<number | undefined> {
    const row = await r.outbox.find(postId);
    if (row?.kind !== 'post') return undefined;
    if (row.status === 'pending') {
      await r.outbox.setPayload(postId, JSON.stringify(content));
      return undefined;
    }
    if (row.status === 'sent' && row.sentTs) {
      return this.enqueue(r, {
        teamId: row.teamId,
        kind: 'update',
        channel: row.channel,
        targetTs: row.sentTs,
        content,
        ...(row.ref ? { ref: row.ref } : {}),
      });
    }
    return undefined;
  }

  /** Forgets the retries waiting in this process (the job sends those messages when due). */
  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Tries a message again in `delayMs`, in this process (it stays due for the job meanwhile). */
  #retryIn(id: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.deliver([id], { leased: false }).catch((error: unknown) => this.#logger.warn('a retry after Retry-After failed', { id, error }));
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Stores and sends at once; a failure leaves it for the job. */
  async send(request: OutboxRequest): Promise<{ id: number; sentTs: string | undefined }> {
    const id = await this.enqueue(this.#store.repos, request);
    await this.deliver([id], { leased: true });
    return { id, sentTs: (await this.#repo.find(id))?.sentTs };
  }

  /** Sends the given messages now (right after the transaction that stored them committed). */
  async deliver(ids: number[], options: { leased: boolean } = { leased: true }): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
    for (const id of ids) {
      const row = await this.#repo.find(id);
      if (row?.status !== 'pending') continue;
      if (!options.leased && !(await this.#repo.lease(row.id, row.nextAttemptAt, new Date(this.#clock.now().getTime() + LEASE_MS))))
        continue;
      // Taken over (not its first attempt, right after it was stored): whatever tried it before
      // may have died, or lost Slack's answer, after Slack had posted it.
      if (!options.leased && (await this.#alreadyPosted(row))) {
        report.sent += 1;
        continue;
      }
      const outcome = await this.#attempt(row);
      report[outcome] += 1;
    }
    return report;
  }

  /**
   * Whether a post whose last attempt's outcome is unknown (its process died during the call,
   * or the connection broke before Slack answered) is in its channel already: found by the
   * metadata naming this outbox message, it is recorded as sent instead of being posted again.
   * Slack's error answers are known outcomes; direct messages cannot be read (no im:history).
   */
  async #alreadyPosted(row: OutboxRow): Promise<boolean> {
    if (row.kind !== 'post' || (row.lastError !== undefined && !UNKNOWN_OUTCOME.test(row.lastError))) return false;
    try {
      const ts = await this.#slack.findOutboxPost(row.channel, row.id, row.createdAt, row.targetTs);
      if (!ts) return false;
      await this.#repo.markSent(row.id, row.attempts + 1, ts, this.#clock.now());
      this.#logger.info('a post whose outcome was unknown was found in its channel: not posted again', {
        id: row.id,
        channel: row.channel,
      });
      return true;
    } catch (error) {
      // Unknown still: posting again is better than never posting.
      this.#logger.warn('could not look for an earlier post of a message; posting it', { id: row.id, error });
      return false;
    }
  }

  /** The job: sends every pending message whose time has come. */
  async deliverDue(limit = 100): Promise<DeliveryReport> {
    const due = await this.#repo.due(this.#clock.now(), limit);
    return this.deliver(
      due.map((d) => d.id),
      { leased: false },
    );
  }

  async listDue(limit = 100): Promise<{ id: number; kind: OutboxKind; channel: string; text: string; attempts: number }[]> {
    const due = await this.#repo.due(this.#clock.now(), limit);
    return due.map((d) => ({ id: d.id, kind: d.kind, channel: d.channel, text: parsePayload(d.payload).text, attempts: d.attempts }));
  }

  async stats(teamId: string): Promise<OutboxStats> {
    const [pending, failed, recent] = await Promise.all([
      this.#repo.count(teamId, 'pending'),
      this.#repo.count(teamId, 'failed'),
      this.#repo.latestFailures(teamId, 5),
    ]);
    return {
      pending,
      failed,
      recentFailures: recent.map((r) => ({ channel: r.channel, error: r.lastError ?? 'unknown', at: r.createdAt })),
    };
  }

  /** The post sent as message `ts` in a channel, about a `refPrefix` thing (e.g. "help:"). */
  async findSentPost(teamId: string, channel: string, ts: string, refPrefix: string): Promise<{ id: number; ref: string } | undefined> {
    const row = await this.#repo.sentPost(teamId, channel, ts, refPrefix);
    return row?.ref ? { id: row.id, ref: row.ref } : undefined;
  }

  async #attempt(row: OutboxRow): Promise<'sent' | 'retried' | 'failed'> {
    const content = parsePayload(row.payload);
    const attempts = row.attempts + 1;
    if (row.threadOfId !== undefined && row.targetTs === undefined) {
      // A thread reply waits for its parent post; it is not a failed attempt.
      const parent = await this.#repo.find(row.threadOfId);
      if (parent?.status === 'sent' && parent.sentTs) {
        row = { ...row, channel: parent.channel, targetTs: parent.sentTs };
        await this.#repo.retarget(row.id, { kind: row.kind, channel: parent.channel, targetTs: parent.sentTs });
      } else if (parent?.status === 'pending') {
        const later = new Date(Math.max(parent.nextAttemptAt.getTime(), this.#clock.now().getTime()) + 5_000);
        await this.#repo.postpone(row.id, later, 'waiting_for_parent');
        return 'retried';
      } else {
        await this.#repo.fail(row.id, 'parent_not_sent');
        return 'failed';
      }
    }
    try {
      let sentTs: string | undefined;
      if (row.kind === 'post') {
        sentTs = (await this.#slack.postMessage(row.channel, content, row.targetTs, row.id)).ts;
      } else if (row.kind === 'update') {
        await this.#slack.updateMessage(row.channel, row.targetTs ?? '', content);
        sentTs = row.targetTs;
      } else {
        await this.#slack.postEphemeral(row.channel, row.userId ?? '', content, row.targetTs);
      }
      const sent = await this.#repo.markSent(row.id, attempts, sentTs, this.#clock.now());
      // Revised while it was on its way: the message posted shows the old content.
      if (row.kind === 'post' && sent.payload !== row.payload && sentTs) {
        const id = await this.enqueue(this.#store.repos, {
          teamId: sent.teamId,
          kind: 'update',
          channel: row.channel,
          targetTs: sentTs,
          content: parsePayload(sent.payload),
        });
        await this.deliver([id]);
      }
      return 'sent';
    } catch (error) {
      const e = classifySlackError(error);
      if (row.kind === 'ephemeral' && row.userId && e.permanent) {
        // A private notice in a channel the app cannot post in (a command typed where it is not
        // a member): the user gets it by direct message instead.
        await this.#repo.retarget(row.id, { kind: 'post', channel: row.userId, targetTs: undefined }, attempts, e.code);
        return this.#attempt({ ...row, kind: 'post', channel: row.userId, targetTs: undefined, attempts });
      }
      const permanent = e.permanent || attempts >= MAX_ATTEMPTS;
      const delay = backoffMs(attempts, e.retryAfterSeconds);
      await this.#repo.markFailedAttempt(row.id, attempts, e.code, permanent, new Date(this.#clock.now().getTime() + delay));
      const fields = { id: row.id, kind: row.kind, channel: row.channel, error: e.code, attempts };
      if (permanent) this.#logger.error('message could not be delivered; kept for the health panel', fields);
      else this.#logger.warn('message delivery failed; will retry', fields);
      // Slack said when: tried again then, here, rather than at the job's next minute.
      if (!permanent && e.retryAfterSeconds !== undefined && delay <= RETRY_IN_PROCESS_MS) this.#retryIn(row.id, delay);
      return permanent ? 'failed' : 'retried';
    }
  }
}

function parsePayload(payload: string): MessageContent {
  const parsed = payloadSchema.safeParse(JSON.parse(payload));
  return parsed.success ? parsed.data : { text: '' };
}
