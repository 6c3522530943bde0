// Members of the network: who they are, their role and their language.
// Roles live in the database; the first coordinators come from COORDINATOR_USER_IDS.
import { MEMBER_CACHE_MS, TtlCache } from '../../cache.ts';
import type { Clock } from '../../clock.ts';
import type { Locale } from '../../config.ts';
import type { Store } from '../../db/store.ts';
import { localeFromSlack } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import type { SlackGateway } from '../../slack/gateway.ts';

export const ROLES = ['animateur', 'coordinateur'] as const;
export type Role = (typeof ROLES)[number];

export interface Member {
  teamId: string;
  userId: string;
  displayName: string;
  /** How to greet them (their first name; their display name when Slack gives none). */
  firstName: string;
  role: Role;
  locale: Locale;
  suggestOptOut: boolean;
}

/** A user's Slack profile (name, locale) is refreshed at most this often. */
const PROFILE_TTL_MS = 7 * 24 * 3600_000;
/** How long an interaction waits for Slack to say which language a new user speaks. */
const LOCALE_WAIT_MS = 800;

export type SetCoordinatorsResult =
  | { ok: true; added: string[]; removed: string[] }
  | { ok: false; error: 'empty' | 'configured' | 'bot'; users: string[] };

export class MemberService {
  readonly #store: Store;
  readonly #slack: SlackGateway;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #defaultLocale: Locale;
  readonly #configured: Set<string>;
  readonly #locales: TtlCache<Locale>;

  constructor(deps: {
    store: Store;
    slack: SlackGateway;
    clock: Clock;
    logger: Logger;
    defaultLocale: Locale;
    configuredCoordinators: string[];
  }) {
    this.#store = deps.store;
    this.#slack = deps.slack;
    this.#clock = deps.clock;
    this.#logger = deps.logger.child('members');
    this.#defaultLocale = deps.defaultLocale;
    this.#configured = new Set(deps.configuredCoordinators);
    this.#locales = new TtlCache(deps.clock, MEMBER_CACHE_MS);
  }

  get #repo() {
    return this.#store.repos.members;
  }

  get configuredCoordinators(): ReadonlySet<string> {
    return this.#configured;
  }

  /** The member behind a Slack user, created on first contact, profile refreshed when stale. */
  async resolve(teamId: string, userId: string): Promise<Member> {
    let row = await this.#repo.find(teamId, userId);
    const stale = !row?.localeFetchedAt || this.#clock.now().getTime() - row.localeFetchedAt.getTime() > PROFILE_TTL_MS;
    if (!row || stale) {
      const profile = await this.#slack.userProfile(userId).catch((error: unknown) => {
        this.#logger.warn('users.info failed; using the default locale', { error });
        return undefined;
      });
      const role = this.#configured.has(userId) ? 'coordinateur' : 'animateur';
      const fresh = profile
        ? { displayName: profile.displayName, firstName: profile.firstName, locale: profile.locale, fetchedAt: this.#clock.now() }
        : undefined;
      row = await this.#repo.saveProfile(teamId, userId, role, fresh);
      this.#locales.set(`${teamId}:${userId}`, localeFromSlack(row.locale, this.#defaultLocale));
    }
    return {
      teamId,
      userId,
      displayName: row.displayName || userId,
      firstName: row.firstName || row.displayName || userId,
      role: row.role === 'coordinateur' ? 'coordinateur' : 'animateur',
      locale: localeFromSlack(row.locale, this.#defaultLocale),
      suggestOptOut: row.suggestOptOut,
    };
  }

  /**
   * The language to speak to a user in; never fails. Answers from the database when the
   * profile is known. A first contact (or a stale profile) asks Slack, but waits at most
   * LOCALE_WAIT_MS — trigger ids expire 3 s after a click — and then finishes in the background.
   */
  quickLocale(teamId: string, userId: string): Promise<Locale> {
    return this.#locales.get(`${teamId}:${userId}`, () => this.#localeFromStore(teamId, userId));
  }

  async #localeFromStore(teamId: string, userId: string): Promise<Locale> {
    const row = await this.#repo.find(teamId, userId).catch(() => undefined);
    const known = localeFromSlack(row?.locale, this.#defaultLocale);
    const stale = !row?.localeFetchedAt || this.#clock.now().getTime() - row.localeFetchedAt.getTime() > PROFILE_TTL_MS;
    if (!stale) return known;
    const refreshed = this.resolve(teamId, userId).then(
      (member) => member.locale,
      () => known,
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Locale>((done) => {
      timer = setTimeout(() => done(known), LOCALE_WAIT_MS);
    });
    const locale = await Promise.race([refreshed, late]);
    clearTimeout(timer);
    return locale;
  }

  get defaultLocale(): Locale {
    return this.#defaultLocale;
  }

  async isCoordinator(teamId: string, userId: string): Promise<boolean> {
    if (this.#configured.has(userId)) return true;
    return (await this.#repo.role(teamId, userId)) === 'coordinateur';
  }

  async coordinators(teamId: string): Promise<string[]> {
    const stored = await this.#repo.withRole(teamId, 'coordinateur');
    return [...new Set([...this.#configured, ...stored])].sort();
  }

  /** Makes sure the configured coordinators exist with their role (at start-up). */
  async bootstrap(teamId: string): Promise<void> {
    await this.#repo.grant(teamId, [...this.#configured], 'coordinateur', 'configuration');
  }

  /**
   * The names of a few members, by user id, for a document that cannot show a Slack mention:
   * the stored ones, else Slack's (a member who never used the app), else nothing.
   */
  async namesOf(teamId: string, userIds: readonly string[]): Promise<Map<string, string>> {
    const names = await this.#repo.namesOf(teamId, userIds);
    for (const id of new Set(userIds)) {
      if (names.has(id)) continue;
      const profile = await this.#slack.userProfile(id).catch(() => undefined);
      if (profile?.displayName) names.set(id, profile.displayName);
    }
    return names;
  }

  /** Display names of the workspace's members, by user id (for exports). */
  async displayNames(teamId: string): Promise<Map<string, string>> {
    return this.#repo.displayNames(teamId);
  }

  /** Sets the full list of coordinators, as chosen in `/reseau`. */
  async setCoordinators(teamId: string, wanted: string[], by: string): Promise<SetCoordinatorsResult> {
    const target = new Set(wanted);
    if (target.size === 0) return { ok: false, error: 'empty', users: [] };
    const removedConfigured = [...this.#configured].filter((u) => !target.has(u));
    if (removedConfigured.length > 0) return { ok: false, error: 'configured', users: removedConfigured };
    const bots: string[] = [];
    for (const userId of target) {
      const profile = await this.#slack.userProfile(userId).catch(() => undefined);
      if (profile?.isBot) bots.push(userId);
    }
    if (bots.length > 0) return { ok: false, error: 'bot', users: bots };

    const current = new Set(await this.coordinators(teamId));
    const added = [...target].filter((u) => !current.has(u));
    const removed = [...current].filter((u) => !target.has(u));
    await this.#store.transaction(async (r) => {
      await r.members.grant(teamId, added, 'coordinateur', by);
      await r.members.grant(teamId, removed, 'animateur', by);
    });
    this.#logger.info('coordinators changed', { by, added: added.length, removed: removed.length });
    return { ok: true, added, removed };
  }
}
