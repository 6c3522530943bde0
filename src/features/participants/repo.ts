// Participants of the programme: their entry answers, their situations after exit, erasure.
import { randomBytes } from 'node:crypto';
import type { Client } from '../../db/client.ts';
import { type IsoDate, isoDay, toIsoDate } from '../../time/calendar-date.ts';
import { oneOf } from '../../vocabulary.ts';
import { CONTRACT_TYPES, type ContractType } from '../contracts/vocabulary.ts';
import {
  AGE_BANDS,
  EDUCATION,
  EMPLOYMENT,
  type EntryAnswers,
  EXIT_SITUATIONS,
  type ExitMoment,
  type ExitSituation,
  GENDERS,
  YES_NO_REFUSED,
} from './vocabulary.ts';

export interface Participant extends EntryAnswers {
  id: number;
  teamId: string;
  userId: string;
  code: string;
  exit4w: ExitSituation | undefined;
  exit6m: ExitSituation | undefined;
  erasedAt: Date | undefined;
  entryUpdatedAt: Date | undefined;
}

/** A participant as the funders' file lists them: their record and their contracts' chain. */
export interface ParticipantRow extends Participant {
  /** First day of their first contract, last day of their latest (none: still open-ended). */
  entryDate: IsoDate | undefined;
  exitDate: IsoDate | undefined;
  contractType: ContractType | undefined;
  spaceId: number | undefined;
}

type Row = {
  id: number;
  teamId: string;
  userId: string;
  code: string;
  gender: string | null;
  ageBand: string | null;
  employment: string | null;
  education: string | null;
  disability: string | null;
  otherDisadvantage: string | null;
  exit4w: string | null;
  exit6m: string | null;
  erasedAt: Date | null;
  entryUpdatedAt: Date | null;
};

const maybe = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value === null ? undefined : (values as readonly string[]).includes(value) ? (value as T) : undefined;

function toParticipant(r: Row): Participant {
  return {
    id: r.id,
    teamId: r.teamId,
    userId: r.userId,
    code: r.code,
    gender: maybe(GENDERS, r.gender),
    ageBand: maybe(AGE_BANDS, r.ageBand),
    employment: maybe(EMPLOYMENT, r.employment),
    education: maybe(EDUCATION, r.education),
    disability: maybe(YES_NO_REFUSED, r.disability),
    otherDisadvantage: maybe(YES_NO_REFUSED, r.otherDisadvantage),
    exit4w: maybe(EXIT_SITUATIONS, r.exit4w),
    exit6m: maybe(EXIT_SITUATIONS, r.exit6m),
    erasedAt: r.erasedAt ?? undefined,
    entryUpdatedAt: r.entryUpdatedAt ?? undefined,
  };
}

const nullable = (a: EntryAnswers) => ({
  gender: a.gender ?? null,
  ageBand: a.ageBand ?? null,
  employment: a.employment ?? null,
  education: a.education ?? null,
  disability: a.disability ?? null,
  otherDisadvantage: a.otherDisadvantage ?? null,
});

export class ParticipantRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  async find(teamId: string, userId: string): Promise<Participant | undefined> {
    const row = await this.#db.participant.findUnique({ where: { teamId_userId: { teamId, userId } } });
    return row ? toParticipant(row) : undefined;
  }

  /** Opens a record (its pseudonymous code drawn at random); undefined when one exists already. */
  async open(teamId: string, userId: string, by: string): Promise<Participant | undefined> {
    if (await this.find(teamId, userId)) return undefined;
    const row = await this.#db.participant.create({
      data: { teamId, userId, code: `P-${randomBytes(4).toString('hex').toUpperCase()}`, createdBy: by },
    });
    return toParticipant(row);
  }

  /** The entry answers; once erased, the sensitive ones stay erased. */
  async saveEntry(teamId: string, userId: string, answers: EntryAnswers, by: string, at: Date): Promise<void> {
    const current = await this.find(teamId, userId);
    const data = nullable(answers);
    if (current?.erasedAt) {
      data.disability = null;
      data.otherDisadvantage = null;
    }
    await this.#db.participant.update({
      where: { teamId_userId: { teamId, userId } },
      data: { ...data, entryUpdatedBy: by, entryUpdatedAt: at },
    });
  }

  async saveExit(teamId: string, userId: string, moment: ExitMoment, situation: ExitSituation, by: string, at: Date): Promise<void> {
    await this.#db.participant.update({
      where: { teamId_userId: { teamId, userId } },
      data: moment === '4w' ? { exit4w: situation, exit4wBy: by, exit4wAt: at } : { exit6m: situation, exit6mBy: by, exit6mAt: at },
    });
  }

  /** Erases the sensitive answers (disability, other disadvantage): false when already erased. */
  async erase(teamId: string, userId: string, by: string, at: Date): Promise<boolean> {
    const { count } = await this.#db.participant.updateMany({
      where: { teamId, userId, erasedAt: null },
      data: { disability: null, otherDisadvantage: null, erasedAt: at, erasedBy: by },
    });
    return count === 1;
  }

  /**
   * Participants present in the programme during a period (their contracts touching it), with
   * their chain's entry and exit dates, the latest contract's type and host space: every one, a
   * page of records at a time, by id.
   */
  async *inPeriod(teamId: string, from: IsoDate, to: IsoDate, pageSize = 200): AsyncGenerator<ParticipantRow[]> {
    let afterId = 0;
    for (;;) {
      const rows = await this.#db.participant.findMany({ where: { teamId, id: { gt: afterId } }, orderBy: { id: 'asc' }, take: pageSize });
      const last = rows.at(-1);
      if (!last) return;
      // Those not present in the period are left out of the page, not the reading.
      yield await this.#present(rows, teamId, from, to);
      afterId = last.id;
    }
  }

  async #present(rows: Row[], teamId: string, from: IsoDate, to: IsoDate): Promise<ParticipantRow[]> {
    const contracts = await this.#db.contract.findMany({
      where: { teamId, userId: { in: rows.map((r) => r.userId) } },
      select: { userId: true, type: true, startDate: true, endDate: true, spaceId: true },
      orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    });
    const out: ParticipantRow[] = [];
    for (const r of rows) {
      const chain = contracts.filter((c) => c.userId === r.userId);
      const first = chain[0];
      const last = chain.at(-1);
      if (!first || !last) continue;
      const entryDate = isoDay(first.startDate);
      const exitDate = toIsoDate(last.endDate);
      // Present in the period: entered before its end, not left before its start.
      if (entryDate > to || (exitDate !== undefined && exitDate < from)) continue;
      out.push({
        ...toParticipant(r),
        entryDate,
        exitDate,
        contractType: oneOf(CONTRACT_TYPES, last.type, 'autre'),
        spaceId: last.spaceId ?? undefined,
      });
    }
    return out;
  }
}
