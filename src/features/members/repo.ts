// Members of a workspace: profile, language, role.
import { type Client, nullsAsUndefined, readByIdLists } from '../../db/client.ts';

export interface MemberRow {
  userId: string;
  displayName: string;
  firstName: string;
  role: string;
  /** Slack locale as users.info gave it ("fr-FR"). */
  locale: string | undefined;
  localeFetchedAt: Date | undefined;
  suggestOptOut: boolean;
}

const columns = {
  userId: true,
  displayName: true,
  firstName: true,
  role: true,
  locale: true,
  localeFetchedAt: true,
  suggestOptOut: true,
} as const;

export class MemberRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  async find(teamId: string, userId: string): Promise<MemberRow | undefined> {
    const row = await this.#db.member.findUnique({ where: { teamId_userId: { teamId, userId } }, select: columns });
    return row ? nullsAsUndefined(row) : undefined;
  }

  /** Creates the member on first contact (with `role`), or refreshes their Slack profile. */
  async saveProfile(
    teamId: string,
    userId: string,
    role: string,
    profile: { displayName: string; firstName: string; locale: string | undefined; fetchedAt: Date } | undefined,
  ): Promise<MemberRow> {
    const data = profile
      ? {
          displayName: profile.displayName,
          firstName: profile.firstName,
          locale: profile.locale ?? null,
          localeFetchedAt: profile.fetchedAt,
        }
      : {};
    const row = await this.#db.member.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, role, ...data },
      update: data,
      select: columns,
    });
    return nullsAsUndefined(row);
  }

  async role(teamId: string, userId: string): Promise<string | undefined> {
    return (await this.#db.member.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } }))?.role;
  }

  async withRole(teamId: string, role: string): Promise<string[]> {
    const rows = await this.#db.member.findMany({ where: { teamId, role }, orderBy: { userId: 'asc' }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }

  /** Gives members a role (creating them when needed), recording who granted it. */
  async grant(teamId: string, userIds: string[], role: string, by: string): Promise<void> {
    for (const userId of userIds) {
      await this.#db.member.upsert({
        where: { teamId_userId: { teamId, userId } },
        create: { teamId, userId, role, roleGrantedBy: by },
        update: { role, roleGrantedBy: by },
      });
    }
  }

  /** The names of these members (those who have one), by user id. */
  async namesOf(teamId: string, userIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await readByIdLists([...new Set(userIds)], (some) =>
      this.#db.member.findMany({
        where: { teamId, userId: { in: some }, displayName: { not: '' } },
        select: { userId: true, displayName: true },
      }),
    );
    return new Map(rows.map((m) => [m.userId, m.displayName]));
  }

  /** Names of the members who have one, by user id. */
  async displayNames(teamId: string): Promise<Map<string, string>> {
    const rows = await this.#db.member.findMany({
      where: { teamId, displayName: { not: '' } },
      select: { userId: true, displayName: true },
    });
    return new Map(rows.map((m) => [m.userId, m.displayName]));
  }
}
