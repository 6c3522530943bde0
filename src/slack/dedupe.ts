// Slack retries event deliveries (and sometimes sends one twice): an event whose id was
// already processed changes nothing (see Interactions.event). Bolt does not do this by itself.
import type { Store } from '../db/store.ts';

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
