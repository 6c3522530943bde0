// Things done once per key: Slack event deliveries handled, notifications sent (a week's
// digest, a month's report).
import { type Client, writeOnce } from './client.ts';

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
