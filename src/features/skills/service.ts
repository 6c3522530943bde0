// Members' skills: edited by each member, searched by everyone, used to suggest helpers.
import { TtlCache } from '../../cache.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../db/store.ts';
import type { Logger } from '../../logger.ts';
import { bestMatches } from '../../search.ts';
import { cleanLabel, normalizeSkill, SKILL_MAX_LENGTH, SKILLS_PER_MEMBER } from './normalize.ts';
import type { MemberSkills, Skill } from './repo.ts';

export type { MemberSkills, Skill };

export type SaveSkillsResult = { ok: true; skills: Skill[] } | { ok: false; error: 'tooMany' | 'tooLong'; detail: string };

/** How long a replica offers the network's skills from memory (the /entraide form reads them every time). */
const SKILLS_CACHE_MS = 30_000;
/** How many skills a searched menu offers at once (Slack shows at most 100). */
const SKILL_CHOICES = 100;

export class SkillService {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #network: TtlCache<readonly Skill[]>;

  constructor(deps: { store: Store; logger: Logger; clock: Clock }) {
    this.#store = deps.store;
    this.#logger = deps.logger.child('skills');
    this.#network = new TtlCache(deps.clock, SKILLS_CACHE_MS);
  }

  get #repo() {
    return this.#store.repos.skills;
  }

  /** Every tag of the network with the label most used for it, most common first (shared, read-only). */
  networkSkills(teamId: string): Promise<readonly Skill[]> {
    return this.#network.get(teamId, () => this.#networkSkills(teamId));
  }

  async #networkSkills(teamId: string): Promise<Skill[]> {
    const rows = await this.#repo.declared(teamId);
    const byTag = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const labels = byTag.get(r.tag) ?? new Map<string, number>();
      labels.set(r.label, (labels.get(r.label) ?? 0) + r.members);
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

  /** The network's skills matching what the user typed, as a menu searched as you type offers them. */
  async choices(teamId: string, query: string): Promise<{ label: string; value: string }[]> {
    const found = bestMatches(await this.networkSkills(teamId), query, SKILL_CHOICES, (s) => s.label);
    return found.map((s) => ({ label: s.label, value: s.label }));
  }

  async ofMember(teamId: string, userId: string): Promise<MemberSkills> {
    return this.#repo.ofMember(teamId, userId);
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
    await this.#store.transaction((r) => r.skills.replace(teamId, userId, wanted, suggestOptOut));
    this.#network.delete(teamId);
    this.#logger.info('skills saved', { count: wanted.size });
    return { ok: true, skills: [...wanted].map(([tag, label]) => ({ tag, label })) };
  }

  /** Members having a skill that contains the word. */
  async search(teamId: string, word: string): Promise<MemberSkills[]> {
    const needle = normalizeSkill(word);
    if (needle === '') return [];
    return this.#repo.withTagContaining(teamId, needle);
  }

  /** Members (not opted out) with their tags, for matching help requests. */
  async candidates(teamId: string): Promise<{ userId: string; tags: string[] }[]> {
    return this.#repo.suggestible(teamId);
  }
}
