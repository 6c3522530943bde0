// Slack retries event deliveries (and sometimes sends one twice): an event whose id was
// already processed changes nothing. Bolt does not do this by itself.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Client } from '../db/client.ts';
import { writeOnce } from '../db/client.ts';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';

/** Event ids already handled. */
export class ProcessedEventRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  /** Records an event id; false when it was already there. */
  async record(eventId: string, teamId: string): Promise<boolean> {
    return writeOnce(() => this.#db.processedEvent.create({ data: { eventId, teamId } }));
  }

  /** Event ids received before `before`. */
  async countBefore(before: Date): Promise<number> {
    return this.#db.processedEvent.count({ where: { receivedAt: { lt: before } } });
  }

  async forgetBefore(before: Date): Promise<number> {
    return (await this.#db.processedEvent.deleteMany({ where: { receivedAt: { lt: before } } })).count;
  }
}

/** Notifications sent once per key (a week's digest, a month's report). */
export class NotificationRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  /** Claims a key; false when it was already claimed. */
  async claim(key: string, teamId: string): Promise<boolean> {
    return writeOnce(() => this.#db.sentNotification.create({ data: { key, teamId } }));
  }

  async claimed(key: string): Promise<boolean> {
    return (await this.#db.sentNotification.count({ where: { key } })) > 0;
  }

  async release(key: string): Promise<void> {
    await this.#db.sentNotification.deleteMany({ where: { key } });
  }
}

/** Remembers which Events API deliveries were handled. */
export class EventDeduper {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** True the first time an event id is seen, false for a retry or a duplicate. */
  firstDelivery(eventId: string, teamId: string): Promise<boolean> {
    return this.#store.repos.processedEvents.record(eventId, teamId);
  }
}

export function dropDuplicateEvents(dedupe: EventDeduper, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = typeof body === 'object' && body !== null && 'event_id' in body ? body.event_id : undefined;
    if (typeof eventId !== 'string' || eventId === '') {
      await next();
      return;
    }
    if (!(await dedupe.firstDelivery(eventId, context.teamId ?? ''))) {
      logger.debug('duplicate event delivery ignored', { eventId, retryNum: context.retryNum });
      return;
    }
    await next();
  };
}
