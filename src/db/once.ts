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

/** What a modal submission already handled was answered. */
export type SubmissionAnswer = { kind: 'pending' } | { kind: 'closed' } | { kind: 'moved'; view: string };

/** Modal submissions handled, by view id and hash (see Interactions.submission). */
export class ProcessedSubmissionRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  /** Claims a submission; when it was already claimed, what it was answered. */
  async claim(key: string, teamId: string): Promise<{ claimed: true } | { claimed: false; answer: SubmissionAnswer }> {
    if (await writeOnce(() => this.#db.processedSubmission.create({ data: { key, teamId } }))) return { claimed: true };
    const row = await this.#db.processedSubmission.findUnique({ where: { key }, select: { answer: true } });
    const answer = row?.answer;
    if (answer === null || answer === undefined) return { claimed: false, answer: { kind: 'pending' } };
    return { claimed: false, answer: answer === '' ? { kind: 'closed' } : { kind: 'moved', view: answer } };
  }

  /** Records the answer of a submission handled (the modal closed, or the view it moved on to). */
  async answered(key: string, view: string | undefined): Promise<void> {
    await this.#db.processedSubmission.updateMany({ where: { key }, data: { answer: view ?? '' } });
  }

  /** A submission refused (field errors) or failed: the corrected one, same view, goes through. */
  async release(key: string): Promise<void> {
    await this.#db.processedSubmission.deleteMany({ where: { key } });
  }

  async countBefore(before: Date): Promise<number> {
    return this.#db.processedSubmission.count({ where: { receivedAt: { lt: before } } });
  }

  async forgetBefore(before: Date): Promise<number> {
    return (await this.#db.processedSubmission.deleteMany({ where: { receivedAt: { lt: before } } })).count;
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
