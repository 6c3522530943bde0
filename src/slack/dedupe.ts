// What Slack may send twice: an Events API delivery it retries (or sends twice), a modal
// submitted twice (a double click, a replayed request). The second changes nothing; Bolt does
// not do this by itself. Used by Interactions.
import type { SubmissionAnswer } from '../db/once.ts';
import type { Store } from '../db/store.ts';

export type { SubmissionAnswer };

export class Repeats {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** True the first time an event id is seen, false for a retry or a duplicate. */
  firstDelivery(eventId: string, teamId: string): Promise<boolean> {
    return this.#store.repos.processedEvents.record(eventId, teamId);
  }

  /** Claims a submitted view (id and hash); when it was handled already, what it was answered. */
  claimSubmission(key: string, teamId: string): Promise<{ claimed: true } | { claimed: false; answer: SubmissionAnswer }> {
    return this.#store.repos.processedSubmissions.claim(key, teamId);
  }

  submissionAnswered(key: string, view: string | undefined): Promise<void> {
    return this.#store.repos.processedSubmissions.answered(key, view);
  }

  /** A submission refused or failed is forgotten: the corrected one goes through. */
  releaseSubmission(key: string): Promise<void> {
    return this.#store.repos.processedSubmissions.release(key);
  }
}
