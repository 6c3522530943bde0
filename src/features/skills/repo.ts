// Members' skills, as normalised tags and the labels they typed.
import { type Client, readInPages } from '../../db/client.ts';

export interface Skill {
  tag: string;
  label: string;
}

export interface MemberSkills {
  userId: string;
  skills: Skill[];
  suggestOptOut: boolean;
}

const bySkill = { skills: { orderBy: { label: 'asc' } } } as const;

export class SkillRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  /** Every (tag, label) pair declared in the workspace, one per member who declared it. */
  /** Each spelling of each skill declared in the workspace, with how many members use it (counted by the database). */
  async declared(teamId: string): Promise<(Skill & { members: number })[]> {
    const rows = await this.#db.memberSkill.groupBy({ by: ['tag', 'label'], where: { member: { teamId } }, _count: { _all: true } });
    return rows.map((r) => ({ tag: r.tag, label: r.label, members: r._count._all }));
  }

  async ofMember(teamId: string, userId: string): Promise<MemberSkills> {
    const member = await this.#db.member.findUnique({ where: { teamId_userId: { teamId, userId } }, include: bySkill });
    return {
      userId,
      skills: member?.skills.map((s) => ({ tag: s.tag, label: s.label })) ?? [],
      suggestOptOut: member?.suggestOptOut ?? false,
    };
  }

  /** Replaces a member's skills and their opt-out of suggestions (the member is created if new). */
  async replace(teamId: string, userId: string, skills: Map<string, string>, suggestOptOut: boolean): Promise<void> {
    const member = await this.#db.member.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, suggestOptOut },
      update: { suggestOptOut },
    });
    await this.#db.memberSkill.deleteMany({ where: { memberId: member.id, tag: { notIn: [...skills.keys()] } } });
    for (const [tag, label] of skills) {
      await this.#db.memberSkill.upsert({
        where: { memberId_tag: { memberId: member.id, tag } },
        create: { memberId: member.id, tag, label },
        update: {},
      });
    }
  }

  /** Members with a tag containing `needle`, by user id. */
  async withTagContaining(teamId: string, needle: string): Promise<MemberSkills[]> {
    // A page at a time: the skills of a large network's members are loaded by id lists.
    const rows = await readInPages((start, take) =>
      this.#db.member.findMany({
        where: { teamId, skills: { some: { tag: { contains: needle } } } },
        include: bySkill,
        orderBy: { userId: 'asc' },
        ...start,
        take,
      }),
    );
    return rows.map((m) => ({
      userId: m.userId,
      skills: m.skills.map((s) => ({ tag: s.tag, label: s.label })),
      suggestOptOut: m.suggestOptOut,
    }));
  }

  /** Members who accept suggestions, with their tags. */
  async suggestible(teamId: string): Promise<{ userId: string; tags: string[] }[]> {
    const rows = await readInPages((start, take) =>
      this.#db.member.findMany({
        where: { teamId, suggestOptOut: false, skills: { some: {} } },
        include: { skills: { select: { tag: true } } },
        orderBy: { id: 'asc' },
        ...start,
        take,
      }),
    );
    return rows.map((m) => ({ userId: m.userId, tags: m.skills.map((s) => s.tag) }));
  }
}
