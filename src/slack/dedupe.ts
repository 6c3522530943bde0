// Slack retries event deliveries (and sometimes sends one twice): an event whose id was
// already processed changes nothing. Bolt does not do this by itself.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';

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
