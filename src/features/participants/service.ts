// Participants of the programme: a record opened with a person's first contract, their entry
// answers (the person and coordinators), their situations after exit and erasure
// (coordinators). Nobody else reads or writes a record: checked here for every action.
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Store } from '../../db/store.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import type { MessageContent } from '../../slack/gateway.ts';
import type { Outbox } from '../../slack/outbox.ts';
import type { MemberService } from '../members/service.ts';
import type { Participant } from './repo.ts';
import type { EntryAnswers, ExitMoment, ExitSituation } from './vocabulary.ts';

export type ParticipantRefusal = 'notFound' | 'notEntitled' | 'coordinatorOnly';
export type ParticipantResult = { ok: true; participant: Participant; coordinator: boolean } | { ok: false; refusal: ParticipantRefusal };

/** How the participants' messages are rendered (the feature's views, given by the composition root). */
export interface ParticipantMessages {
  /** To the person: a record was opened for them. */
  opened(t: Translate): MessageContent;
}

export interface ParticipantDeps {
  store: Store;
  messages: ParticipantMessages;
  outbox: Outbox;
  members: MemberService;
  clock: Clock;
  config: Config;
  logger: Logger;
}

export class ParticipantService {
  readonly #deps: ParticipantDeps;
  readonly #logger: Logger;

  constructor(deps: ParticipantDeps) {
    this.#deps = deps;
    this.#logger = deps.logger.child('participants');
  }

  get #repo() {
    return this.#deps.store.repos.participants;
  }

  /**
   * A person's first entry into the programme: their record opened, and they are told (by
   * direct message, through the outbox: `outboxIds` to deliver). Undefined when they had one.
   */
  async openFor(teamId: string, userId: string, by: string): Promise<{ participant: Participant; outboxIds: number[] } | undefined> {
    const locale = await this.#deps.members.quickLocale(teamId, userId);
    return this.#deps.store.transaction(async (r) => {
      const participant = await r.participants.open(teamId, userId, by);
      if (!participant) return undefined;
      const id = await this.#deps.outbox.enqueue(r, {
        teamId,
        kind: 'post',
        channel: userId,
        content: this.#deps.messages.opened(translator(locale)),
      });
      this.#logger.info('participant record opened', { by });
      return { participant, outboxIds: [id] };
    });
  }

  /** A record its reader may see: their own, or anyone's for a coordinator. */
  async forReader(teamId: string, readerId: string, userId: string): Promise<ParticipantResult> {
    const coordinator = await this.#deps.members.isCoordinator(teamId, readerId);
    if (userId !== readerId && !coordinator) return { ok: false, refusal: 'notEntitled' };
    const participant = await this.#repo.find(teamId, userId);
    return participant ? { ok: true, participant, coordinator } : { ok: false, refusal: 'notFound' };
  }

  async saveEntry(teamId: string, by: string, userId: string, answers: EntryAnswers): Promise<ParticipantResult> {
    const found = await this.forReader(teamId, by, userId);
    if (!found.ok) return found;
    await this.#repo.saveEntry(teamId, userId, answers, by, this.#deps.clock.now());
    return this.forReader(teamId, by, userId);
  }

  async saveExit(teamId: string, by: string, userId: string, moment: ExitMoment, situation: ExitSituation): Promise<ParticipantResult> {
    const found = await this.#forCoordinator(teamId, by, userId);
    if (!found.ok) return found;
    await this.#repo.saveExit(teamId, userId, moment, situation, by, this.#deps.clock.now());
    return this.forReader(teamId, by, userId);
  }

  /** Erases the sensitive answers, on the person's request (coordinators only). */
  async erase(teamId: string, by: string, userId: string): Promise<ParticipantResult> {
    const found = await this.#forCoordinator(teamId, by, userId);
    if (!found.ok) return found;
    if (await this.#repo.erase(teamId, userId, by, this.#deps.clock.now())) this.#logger.info('participant answers erased', { by });
    return this.forReader(teamId, by, userId);
  }

  async #forCoordinator(teamId: string, by: string, userId: string): Promise<ParticipantResult> {
    if (!(await this.#deps.members.isCoordinator(teamId, by))) return { ok: false, refusal: 'coordinatorOnly' };
    return this.forReader(teamId, by, userId);
  }
}
