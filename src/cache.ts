// A small read-through cache for what the hot paths (/evenement, /entraide, /agenda) read on
// every command: form options, network settings, members' languages. Entries live `ttlMs` on
// the injected clock, so that a change made through another replica is seen within that time;
// a change made through this process clears its entry at once. Concurrent reads of a missing
// entry share one load; a failed load is not kept.
import type { Clock } from './clock.ts';

/** How long a replica answers what it knows of one member (language, usual space) from memory. */
export const MEMBER_CACHE_MS = 10 * 60_000;

interface Entry<V> {
  value: Promise<V>;
  until: number;
}

export class TtlCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #max: number;

  constructor(clock: Clock, ttlMs: number, max = 10_000) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.#clock.now().getTime();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.#entries.size >= this.#max) this.#evict(now);
    const value = load();
    const entry = { value, until: now + this.#ttlMs };
    this.#entries.set(key, entry);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  /** Records a value learnt elsewhere (e.g. a profile just fetched). */
  set(key: string, value: V): void {
    this.#entries.set(key, { value: Promise.resolve(value), until: this.#clock.now().getTime() + this.#ttlMs });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops every entry whose key starts with `prefix` (e.g. one workspace's). */
  deletePrefix(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  /** Expired entries first; if none, the oldest (a Map keeps insertion order). */
  #evict(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.until <= now) this.#entries.delete(key);
    if (this.#entries.size < this.#max) return;
    const oldest = this.#entries.keys().next();
    if (!oldest.done) this.#entries.delete(oldest.value);
  }
}
