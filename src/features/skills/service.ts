// Members' skills: edited by each member, searched by everyone, used to suggest helpers.
import type { Db } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import { cleanLabel, normalizeSkill, SKILL_MAX_LENGTH, SKILLS_PER_MEMBER } from './normalize.ts';

export interface Skill {
  tag: string;
  label: string;
}

export interface MemberSkills {
  userId: string;
  skills: Skill[];
  suggestOptOut: boolean;
}

export type SaveSkillsResult = { ok: true; skills: Skill[] } | { ok: false; error: 'tooMany' | 'tooLong'; detail: string };

export class SkillService {
  readonly #db: Db;
  readonly #logger: Logger;

  constructor(deps: { db: Db; logger: Logger }) {
    this.#db = deps.db;
    this.#logger = deps.logger.child('skills');
  }

  /** Every tag of the network with the label most used for it, most common first. */
  async networkSkills(teamId: string): Promise<Skill[]> {
    const rows = await this.#db.memberSkill.findMany({ where: { member: { teamId } }, select: { tag: true, label: true } });
    const byTag = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const labels = byTag.get(r.tag) ?? new Map<string, number>();
      labels.set(r.label, (labels.get(r.label) ?? 0) + 1);
      byTag.set(r.tag, labels);
    }
    return [...byTag.entries()]
      .map(([tag, labels]) => {
        const [label] = [...labels.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [tag];
        const count = [...labels.values()].reduce((a, b) => a + b, 0);
        return { tag, label, count };
      })
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
      .map(({ tag, label }) => ({ tag, label }));
  }

  async ofMember(teamId: string, userId: string): Promise<MemberSkills> {
    const member = await this.#db.member.findUnique({
      where: { teamId_userId: { teamId, userId } },
      include: { skills: { orderBy: { label: 'asc' } } },
    });
    return {
      userId,
      skills: member?.skills.map((s) => ({ tag: s.tag, label: s.label })) ?? [],
      suggestOptOut: member?.suggestOptOut ?? false,
    };
  }

  /** Replaces a member's skills (labels as typed or chosen) and their opt-out of suggestions. */
  async save(teamId: string, userId: string, labels: string[], suggestOptOut: boolean): Promise<SaveSkillsResult> {
    const known = new Map((await this.networkSkills(teamId)).map((s) => [s.tag, s.label]));
    const wanted = new Map<string, string>();
    for (const raw of labels) {
      const label = cleanLabel(raw);
      if (label.length > SKILL_MAX_LENGTH) return { ok: false, error: 'tooLong', detail: label };
      const tag = normalizeSkill(label);
      if (tag === '' || wanted.has(tag)) continue;
      // The network's existing spelling wins, so that everyone sees one label per skill.
      wanted.set(tag, known.get(tag) ?? label);
    }
    if (wanted.size > SKILLS_PER_MEMBER) return { ok: false, error: 'tooMany', detail: String(SKILLS_PER_MEMBER) };
    await this.#db.$transaction(async (tx) => {
      const member = await tx.member.upsert({
        where: { teamId_userId: { teamId, userId } },
        create: { teamId, userId, suggestOptOut },
        update: { suggestOptOut },
      });
      await tx.memberSkill.deleteMany({ where: { memberId: member.id, tag: { notIn: [...wanted.keys()] } } });
      for (const [tag, label] of wanted) {
        await tx.memberSkill.upsert({
          where: { memberId_tag: { memberId: member.id, tag } },
          create: { memberId: member.id, tag, label },
          update: {},
        });
      }
    });
    this.#logger.info('skills saved', { count: wanted.size });
    return { ok: true, skills: [...wanted].map(([tag, label]) => ({ tag, label })) };
  }

  /** Members having a skill that contains the word. */
  async search(teamId: string, word: string): Promise<MemberSkills[]> {
    const needle = normalizeSkill(word);
    if (needle === '') return [];
    const rows = await this.#db.member.findMany({
      where: { teamId, skills: { some: { tag: { contains: needle } } } },
      include: { skills: { orderBy: { label: 'asc' } } },
      orderBy: { userId: 'asc' },
    });
    return rows.map((m) => ({
      userId: m.userId,
      skills: m.skills.map((s) => ({ tag: s.tag, label: s.label })),
      suggestOptOut: m.suggestOptOut,
    }));
  }

  /** Members (not opted out) with their tags, for matching help requests. */
  async candidates(teamId: string): Promise<{ userId: string; tags: string[] }[]> {
    const rows = await this.#db.member.findMany({
      where: { teamId, suggestOptOut: false, skills: { some: {} } },
      include: { skills: { select: { tag: true } } },
    });
    return rows.map((m) => ({ userId: m.userId, tags: m.skills.map((s) => s.tag) }));
  }
}
