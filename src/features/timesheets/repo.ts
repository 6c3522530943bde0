// Monthly time sheets: their cells, signatures and history, and what pre-fills them (the
// animators' contracts and the events they organised).
import { type Client, readByIdLists, readInPages } from '../../db/client.ts';
import { type IsoDate, isoDay, toIsoDate } from '../../time/calendar-date.ts';
import { oneOf } from '../../vocabulary.ts';
import { CONTRACT_TYPES, type ContractType } from '../contracts/vocabulary.ts';
import { type Hours, TASK_KINDS, zeroHours } from './sheet.ts';

export const SHEET_STATUSES = ['draft', 'signed', 'countersigned'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];
export type SignatureRole = 'employee' | 'manager';

export interface Signature {
  role: SignatureRole;
  userId: string;
  name: string;
  signedAt: Date;
  fingerprint: string;
}

export interface SheetContract {
  id: number;
  type: ContractType;
  startDate: IsoDate;
  endDate: IsoDate | undefined;
  weeklyHours: number | undefined;
  spaceId: number | undefined;
}

export interface TimeSheet {
  id: number;
  teamId: string;
  userId: string;
  month: string;
  status: SheetStatus;
  version: number;
  contractId: number;
  askedAt: Date;
  /** Hours by week (its first day in the month). */
  weeks: Map<IsoDate, Hours>;
  /** The signatures in force (voided ones are kept in the database, not here). */
  signatures: Signature[];
}

/** One animator's contracts touching a month. */
export interface AnimatorContracts {
  userId: string;
  contracts: SheetContract[];
}

/** A line of the coordinators' table of a month. */
export interface SheetSummary {
  id: number;
  userId: string;
  month: string;
  status: SheetStatus;
  version: number;
}

const sheetInclude = {
  lines: true,
  signatures: { where: { voidedAt: null }, orderBy: { signedAt: 'asc' } },
} as const;

type SheetRow = {
  id: number;
  teamId: string;
  userId: string;
  month: string;
  status: string;
  version: number;
  contractId: number;
  askedAt: Date;
  lines: { weekStart: string; kind: string; hours: number }[];
  signatures: { role: string; userId: string; name: string; signedAt: Date; fingerprint: string }[];
};

function toSheet(row: SheetRow): TimeSheet {
  const weeks = new Map<IsoDate, Hours>();
  for (const line of row.lines) {
    const week = isoDay(line.weekStart);
    const hours = weeks.get(week) ?? zeroHours();
    hours[oneOf(TASK_KINDS, line.kind, 'administratif')] = line.hours;
    weeks.set(week, hours);
  }
  return {
    id: row.id,
    teamId: row.teamId,
    userId: row.userId,
    month: row.month,
    status: oneOf(SHEET_STATUSES, row.status, 'draft'),
    version: row.version,
    contractId: row.contractId,
    askedAt: row.askedAt,
    weeks,
    signatures: row.signatures.map((s) => ({
      role: s.role === 'manager' ? 'manager' : 'employee',
      userId: s.userId,
      name: s.name,
      signedAt: s.signedAt,
      fingerprint: s.fingerprint,
    })),
  };
}

const linesOf = (weeks: ReadonlyMap<IsoDate, Hours>) =>
  [...weeks].flatMap(([weekStart, hours]) => TASK_KINDS.map((kind) => ({ weekStart, kind, hours: hours[kind] })));

/** A contract as a sheet prints it. */
function toSheetContract(r: {
  id: number;
  type: string;
  startDate: string;
  endDate: string | null;
  weeklyHours: number | null;
  spaceId: number | null;
}): SheetContract {
  return {
    id: r.id,
    type: oneOf(CONTRACT_TYPES, r.type, 'autre'),
    startDate: isoDay(r.startDate),
    endDate: toIsoDate(r.endDate),
    weeklyHours: r.weeklyHours ?? undefined,
    spaceId: r.spaceId ?? undefined,
  };
}

export class TimeSheetRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  /** Every animator (or only `userId`) with a contract touching the days from `first` to `last`, with those contracts. */
  async contractsTouching(teamId: string, first: IsoDate, last: IsoDate, userId?: string): Promise<AnimatorContracts[]> {
    const rows = await this.#db.contract.findMany({
      where: { teamId, ...(userId ? { userId } : {}), startDate: { lte: last }, OR: [{ endDate: null }, { endDate: { gte: first } }] },
      select: { id: true, userId: true, type: true, startDate: true, endDate: true, weeklyHours: true, spaceId: true },
      orderBy: [{ userId: 'asc' }, { startDate: 'asc' }, { id: 'asc' }],
    });
    const byUser = new Map<string, SheetContract[]>();
    for (const r of rows) {
      const list = byUser.get(r.userId) ?? [];
      list.push(toSheetContract(r));
      byUser.set(r.userId, list);
    }
    return [...byUser].map(([userId, contracts]) => ({ userId, contracts }));
  }

  /** The animators who already have a sheet for the month. */
  async usersWithSheet(teamId: string, month: string): Promise<Set<string>> {
    const rows = await this.#db.timeSheet.findMany({ where: { teamId, month }, select: { userId: true } });
    return new Set(rows.map((r) => r.userId));
  }

  /**
   * When the events an animator organised (not cancelled) took place, between two instants: read
   * from the animator's organiser rows (indexed by user), not from every event of the month, so
   * that a sheet costs the same in a network of ten spaces or of thousands.
   */
  async eventTimes(teamId: string, userId: string, from: Date, to: Date): Promise<{ startAt: Date; endAt: Date }[]> {
    const rows = await this.#db.eventOrganizer.findMany({
      where: { userId, event: { teamId, status: { not: 'cancelled' }, startAt: { lt: to }, endAt: { gt: from } } },
      select: { event: { select: { startAt: true, endAt: true } } },
    });
    return rows.map((r) => r.event).sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  }

  async create(sheet: {
    teamId: string;
    userId: string;
    month: string;
    contractId: number;
    weeks: ReadonlyMap<IsoDate, Hours>;
    at: Date;
  }): Promise<TimeSheet> {
    const row = await this.#db.timeSheet.create({
      data: {
        teamId: sheet.teamId,
        userId: sheet.userId,
        month: sheet.month,
        contractId: sheet.contractId,
        askedAt: sheet.at,
        lines: { create: linesOf(sheet.weeks) },
        log: { create: { action: 'created', by: 'job', at: sheet.at } },
      },
      include: sheetInclude,
    });
    return toSheet(row);
  }

  async find(teamId: string, id: number): Promise<TimeSheet | undefined> {
    const row = await this.#db.timeSheet.findFirst({ where: { teamId, id }, include: sheetInclude });
    return row ? toSheet(row) : undefined;
  }

  async ofMonth(teamId: string, userId: string, month: string): Promise<TimeSheet | undefined> {
    const row = await this.#db.timeSheet.findUnique({ where: { teamId_userId_month: { teamId, userId, month } }, include: sheetInclude });
    return row ? toSheet(row) : undefined;
  }

  /** Contracts by id, for the sheets of a page (their PDFs name each one). */
  async contracts(teamId: string, ids: readonly number[]): Promise<Map<number, SheetContract>> {
    const rows = await readByIdLists([...new Set(ids)], (some) =>
      this.#db.contract.findMany({
        where: { teamId, id: { in: some } },
        select: { id: true, type: true, startDate: true, endDate: true, weeklyHours: true, spaceId: true },
      }),
    );
    return new Map(rows.map((r) => [r.id, toSheetContract(r)]));
  }

  /**
   * A week's hours replaced, when the sheet is still the version the form was made from and not
   * signed: false otherwise (nothing changed).
   */
  async saveWeek(sheet: { id: number; version: number }, week: IsoDate, hours: Hours, by: string, at: Date): Promise<boolean> {
    const { count } = await this.#db.timeSheet.updateMany({
      where: { id: sheet.id, version: sheet.version, status: 'draft' },
      data: { version: { increment: 1 } },
    });
    if (count === 0) return false;
    await this.#db.timeSheetLine.deleteMany({ where: { sheetId: sheet.id, weekStart: week } });
    await this.#db.timeSheetLine.createMany({
      data: TASK_KINDS.map((kind) => ({ sheetId: sheet.id, weekStart: week, kind, hours: hours[kind] })),
    });
    await this.#db.timeSheetLog.create({ data: { sheetId: sheet.id, action: 'edited', by, at, detail: week } });
    return true;
  }

  /**
   * A signature added when the sheet is still in the state and version it was read in; the
   * sheet moves on to `to`. False when someone else changed it first (nothing recorded).
   */
  async sign(sheet: { id: number; version: number }, from: SheetStatus, to: SheetStatus, signature: Signature): Promise<boolean> {
    const { count } = await this.#db.timeSheet.updateMany({
      where: { id: sheet.id, version: sheet.version, status: from },
      data: { status: to, version: { increment: 1 } },
    });
    if (count === 0) return false;
    await this.#db.timeSheetSignature.create({ data: { sheetId: sheet.id, ...signature } });
    await this.#db.timeSheetLog.create({
      data: {
        sheetId: sheet.id,
        action: signature.role === 'employee' ? 'signed' : 'countersigned',
        by: signature.userId,
        at: signature.signedAt,
      },
    });
    return true;
  }

  /** Back to a draft: the signatures voided (kept, with who and when), the animator asked again. */
  async reopen(sheet: { id: number; version: number }, by: string, at: Date): Promise<boolean> {
    const { count } = await this.#db.timeSheet.updateMany({
      where: { id: sheet.id, version: sheet.version, status: { not: 'draft' } },
      data: { status: 'draft', version: { increment: 1 }, askedAt: at, employeeRemindedAt: null, managerRemindedAt: null },
    });
    if (count === 0) return false;
    await this.#db.timeSheetSignature.updateMany({ where: { sheetId: sheet.id, voidedAt: null }, data: { voidedAt: at, voidedBy: by } });
    await this.#db.timeSheetLog.create({ data: { sheetId: sheet.id, action: 'reopened', by, at } });
    return true;
  }

  /** The sheets of a month's animator still waiting for their signature, asked before `askedBefore` and not yet reminded. */
  async toRemindEmployees(teamId: string, askedBefore: Date): Promise<TimeSheet[]> {
    // A page at a time: a national network's month has thousands, whose lines and signatures
    // are loaded by id lists.
    const rows = await readInPages((start, take) =>
      this.#db.timeSheet.findMany({
        where: { teamId, status: 'draft', employeeRemindedAt: null, askedAt: { lt: askedBefore } },
        include: sheetInclude,
        orderBy: { id: 'asc' },
        ...start,
        take,
      }),
    );
    return rows.map(toSheet);
  }

  /** Sheets the animator signed before `signedBefore` that no coordinator countersigned, not yet reminded. */
  async toRemindManagers(teamId: string, signedBefore: Date): Promise<TimeSheet[]> {
    const rows = await readInPages((start, take) =>
      this.#db.timeSheet.findMany({
        where: {
          teamId,
          status: 'signed',
          managerRemindedAt: null,
          signatures: { some: { role: 'employee', voidedAt: null, signedAt: { lt: signedBefore } } },
        },
        include: sheetInclude,
        orderBy: { id: 'asc' },
        ...start,
        take,
      }),
    );
    return rows.map(toSheet);
  }

  /**
   * Records a reminder once, while the sheet still waits for that signature: false when another
   * run recorded it, or the sheet was signed meanwhile.
   */
  async markReminded(id: number, who: 'employee' | 'manager', at: Date): Promise<boolean> {
    const { count } =
      who === 'employee'
        ? await this.#db.timeSheet.updateMany({
            where: { id, status: 'draft', employeeRemindedAt: null },
            data: { employeeRemindedAt: at },
          })
        : await this.#db.timeSheet.updateMany({
            where: { id, status: 'signed', managerRemindedAt: null },
            data: { managerRemindedAt: at },
          });
    return count === 1;
  }

  /** How many sheets a workspace has from one month to another (both included). */
  async countInMonths(teamId: string, fromMonth: string, toMonth: string): Promise<number> {
    return this.#db.timeSheet.count({ where: { teamId, month: { gte: fromMonth, lte: toMonth } } });
  }

  /** The sheets of the months from `fromMonth` to `toMonth`, a page at a time by id. */
  async *ofMonths(teamId: string, fromMonth: string, toMonth: string, pageSize = 200): AsyncGenerator<TimeSheet[]> {
    let afterId = 0;
    for (;;) {
      const rows = await this.#db.timeSheet.findMany({
        where: { teamId, month: { gte: fromMonth, lte: toMonth }, id: { gt: afterId } },
        include: sheetInclude,
        orderBy: { id: 'asc' },
        take: pageSize,
      });
      const last = rows.at(-1);
      if (!last) return;
      yield rows.map(toSheet);
      afterId = last.id;
    }
  }

  /** Hours by sheet and task kind, summed by the database. */
  async hoursByKind(sheetIds: readonly number[]): Promise<Map<number, Hours>> {
    const groups = await this.#db.timeSheetLine.groupBy({
      by: ['sheetId', 'kind'],
      where: { sheetId: { in: [...sheetIds] } },
      _sum: { hours: true },
    });
    const out = new Map<number, Hours>();
    for (const g of groups) {
      const hours = out.get(g.sheetId) ?? zeroHours();
      hours[oneOf(TASK_KINDS, g.kind, 'administratif')] += g._sum.hours ?? 0;
      out.set(g.sheetId, hours);
    }
    return out;
  }

  /** An animator's sheets not yet countersigned, the latest first. */
  async openOf(teamId: string, userId: string, limit: number): Promise<SheetSummary[]> {
    return this.#summaries({ teamId, userId, status: { not: 'countersigned' } }, limit, 'desc');
  }

  /** A month's sheets: how many in each state, and the first `limit` of them (those to act on first). */
  async month(teamId: string, month: string, limit: number): Promise<{ counts: Record<SheetStatus, number>; sheets: SheetSummary[] }> {
    const grouped = await this.#db.timeSheet.groupBy({ by: ['status'], where: { teamId, month }, _count: { _all: true } });
    const counts: Record<SheetStatus, number> = { draft: 0, signed: 0, countersigned: 0 };
    for (const g of grouped) counts[oneOf(SHEET_STATUSES, g.status, 'draft')] += g._count._all;
    // Signed sheets first (a coordinator's signature is awaited), then drafts, then the done ones.
    const sheets: SheetSummary[] = [];
    for (const status of ['signed', 'draft', 'countersigned'] as const) {
      if (sheets.length >= limit) break;
      sheets.push(...(await this.#summaries({ teamId, month, status }, limit - sheets.length, 'asc')));
    }
    return { counts, sheets };
  }

  async #summaries(
    where: { teamId: string; userId?: string; month?: string; status: SheetStatus | { not: SheetStatus } },
    limit: number,
    order: 'asc' | 'desc',
  ): Promise<SheetSummary[]> {
    const rows = await this.#db.timeSheet.findMany({
      where,
      select: { id: true, userId: true, status: true, version: true, month: true },
      orderBy: [{ month: order }, { userId: 'asc' }],
      take: limit,
    });
    return rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      status: oneOf(SHEET_STATUSES, r.status, 'draft'),
      version: r.version,
      month: r.month,
    }));
  }
}
