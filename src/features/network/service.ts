// Network setup: spaces, channels, yearly target. Environment variables give the defaults;
// what coordinators change in Slack is stored and wins.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TtlCache } from '../../cache.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Store } from '../../db/store.ts';
import { isDuplicate } from '../../db/store.ts';
import { translator } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import { bestMatches, withoutAccents } from '../../search.ts';
import {
  type FundingSettings,
  type FundingText,
  type NetworkSettings,
  type SettingsInput,
  SPACE_NAME_MAX,
  SPACE_TOWN_MAX,
  type SpaceFieldError,
} from './model.ts';
import type { Space, WorkspaceRow } from './repo.ts';

export type { FundingSettings, FundingText, NetworkSettings, Space, SpaceFieldError };
export { SPACE_NAME_MAX, SPACE_TOWN_MAX };

/** A space to save: new without an id. */
export type SpaceInput = Omit<Space, 'id' | 'slug'> & { id?: number };

export type SaveSpaceResult = { ok: true; space: Space } | { ok: false; errors: Partial<Record<'name' | 'town', SpaceFieldError>> };

/** "La Fabrique de Crest" → "la-fabrique-de-crest" (used in calendar URLs). */
export function slugify(name: string): string {
  return (
    withoutAccents(name.replace(/œ/gi, 'oe').replace(/æ/gi, 'ae'))
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'espace'
  );
}

/**
 * How long a replica answers the network's settings and spaces from memory. A change made
 * through this replica is seen at once; one made through another replica within this time.
 */
export const NETWORK_CACHE_MS = 30_000;
/** How many spaces a searched menu offers at once (Slack shows at most 100). */
const SPACE_CHOICES = 100;

export class NetworkService {
  readonly #store: Store;
  readonly #config: Config;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #settings: TtlCache<NetworkSettings>;
  readonly #spaces: TtlCache<Space[]>;
  readonly #choices: TtlCache<readonly { id: number; name: string }[]>;
  readonly #tokens: TtlCache<string>;

  /** When set, this process acts on these workspaces only (a command-line run given --team). */
  readonly #scope: ReadonlySet<string> | undefined;

  constructor(deps: { store: Store; config: Config; logger: Logger; clock: Clock; teams?: readonly string[] }) {
    this.#scope = deps.teams ? new Set(deps.teams) : undefined;
    this.#store = deps.store;
    this.#config = deps.config;
    this.#logger = deps.logger.child('network');
    this.#clock = deps.clock;
    this.#settings = new TtlCache(deps.clock, NETWORK_CACHE_MS);
    this.#spaces = new TtlCache(deps.clock, NETWORK_CACHE_MS);
    this.#choices = new TtlCache(deps.clock, NETWORK_CACHE_MS);
    this.#tokens = new TtlCache(deps.clock, NETWORK_CACHE_MS);
  }

  get #repo() {
    return this.#store.repos.network;
  }

  settings(teamId: string): Promise<NetworkSettings> {
    return this.#settings.get(teamId, () => this.#storedSettings(teamId)).then((settings) => ({ ...settings }));
  }

  async #storedSettings(teamId: string): Promise<NetworkSettings> {
    const row = await this.#repo.settings(teamId);
    return {
      agendaChannelId: row?.agendaChannelId ?? this.#config.channels.agenda,
      helpChannelId: row?.helpChannelId ?? this.#config.channels.help,
      coordinationChannelId: row?.coordinationChannelId ?? this.#config.channels.coordination,
      yearlyEventTarget: row?.yearlyEventTarget ?? this.#config.yearlyEventTarget,
      digestCron: row?.digestCron,
    };
  }

  async updateSettings(teamId: string, input: SettingsInput, by: string): Promise<NetworkSettings> {
    await this.#repo.saveSettings(teamId, input, by);
    this.#settings.delete(teamId);
    this.#logger.info('network settings changed', { by });
    for (const listener of this.#listeners) await Promise.resolve(listener()).catch(() => undefined);
    return this.settings(teamId);
  }

  readonly #listeners: (() => void | Promise<void>)[] = [];

  /** Called after coordinators change the settings (the scheduler re-reads the digest's schedule). */
  onSettingsChange(listener: () => void | Promise<void>): void {
    this.#listeners.push(listener);
  }

  listSpaces(teamId: string, options: { includeArchived?: boolean } = {}): Promise<Space[]> {
    const archived = options.includeArchived ?? false;
    // A copy: callers may sort or filter it.
    return this.#spaces.get(`${teamId}:${archived}`, () => this.#repo.spaces(teamId, archived)).then((list) => [...list]);
  }

  /** The active spaces as a form offers them (id and name), shared read-only: the hot path of /evenement. */
  spaceOptions(teamId: string): Promise<readonly { id: number; name: string }[]> {
    return this.#choices.get(teamId, async () => (await this.listSpaces(teamId)).map((s) => ({ id: s.id, name: s.name })));
  }

  /**
   * Active spaces whose name or town holds what the user typed (case and accents ignored),
   * those starting with it first: the choices of a space menu too long for a static one.
   */
  async searchSpaces(teamId: string, query: string, limit: number): Promise<Space[]> {
    return bestMatches(
      await this.listSpaces(teamId),
      query,
      limit,
      (s) => s.name,
      (s) => s.town,
    );
  }

  /** `searchSpaces` as the choices of a menu: « La Fabrique — Crest ». */
  async spaceChoices(teamId: string, query: string): Promise<{ label: string; value: string }[]> {
    return (await this.searchSpaces(teamId, query, SPACE_CHOICES)).map((s) => ({
      label: s.town ? `${s.name} — ${s.town}` : s.name,
      value: String(s.id),
    }));
  }

  async getSpace(teamId: string, id: number): Promise<Space | undefined> {
    return this.#repo.space(teamId, id);
  }

  /** How many of these ids are active spaces of the network (to check a form's choice). */
  async countActiveSpaces(teamId: string, ids: number[]): Promise<number> {
    return this.#repo.countActiveSpaces(teamId, ids);
  }

  async spaceNames(teamId: string, ids: number[]): Promise<Map<number, string>> {
    return this.#repo.spaceNames(teamId, ids);
  }

  /** Validates and stores a space (new when `id` is absent). */
  async saveSpace(teamId: string, input: SpaceInput, by: string): Promise<SaveSpaceResult> {
    const name = input.name.trim().replace(/\s+/g, ' ');
    const town = input.town.trim().replace(/\s+/g, ' ');
    const errors: Partial<Record<'name' | 'town', SpaceFieldError>> = {};
    if (name === '') errors.name = 'nameRequired';
    else if (name.length > SPACE_NAME_MAX) errors.name = 'nameTooLong';
    if (town.length > SPACE_TOWN_MAX) errors.town = 'townTooLong';
    if (Object.keys(errors).length > 0) return { ok: false, errors };

    const slug = slugify(name);
    if (await this.#repo.slugTaken(teamId, slug, input.id)) return { ok: false, errors: { name: 'nameTaken' } };
    const data = { name, slug, town, kind: input.kind, channelId: input.channelId, archived: input.archived };
    try {
      if (input.id !== undefined) {
        if (!(await this.#repo.space(teamId, input.id))) return { ok: false, errors: { name: 'notFound' } };
        const space = await this.#repo.updateSpace(input.id, data);
        this.#logger.info('space updated', { by, id: space.id });
        return { ok: true, space };
      }
      const space = await this.#repo.createSpace(teamId, data);
      this.#logger.info('space created', { by, id: space.id });
      return { ok: true, space };
    } catch (error) {
      if (isDuplicate(error)) return { ok: false, errors: { name: 'nameTaken' } };
      throw error;
    } finally {
      this.#spaces.deletePrefix(`${teamId}:`);
      this.#choices.delete(teamId);
    }
  }

  /**
   * The secret in the calendar feed URLs: CALENDAR_TOKEN when set, otherwise generated on first
   * use and stored.
   */
  async calendarToken(teamId: string): Promise<string> {
    if (this.#config.calendarToken) return this.#config.calendarToken;
    return this.#tokens.get(teamId, () => this.#storedCalendarToken(teamId));
  }

  async #storedCalendarToken(teamId: string): Promise<string> {
    const stored = (await this.#repo.settings(teamId))?.calendarToken;
    if (stored) return stored;
    const token = randomBytes(24).toString('base64url');
    await this.#repo.saveCalendarToken(teamId, token);
    return token;
  }

  /** The workspace a calendar token belongs to, compared in constant time. */
  async teamForCalendarToken(token: string): Promise<string | undefined> {
    for (const teamId of await this.workspaces()) {
      const expected = Buffer.from(await this.calendarToken(teamId));
      const given = Buffer.from(token);
      if (expected.length === given.length && timingSafeEqual(expected, given)) return teamId;
    }
    return undefined;
  }

  /**
   * What funders' documents print (`text`) and what they print when coordinators set nothing
   * (`defaults`): the network's name (the Slack workspace's by default), the programme and the
   * funding mention, the defaults in the network's language (French unless DEFAULT_LOCALE says
   * otherwise: these documents are given to the public).
   */
  async funding(teamId: string): Promise<{ text: FundingText; defaults: FundingText }> {
    const stored = await this.#repo.funding(teamId);
    const say = translator(this.#config.defaultLocale);
    const defaults: FundingText = {
      networkName: stored.workspaceName || say('funding.defaultNetworkName'),
      programmeName: say('funding.defaultProgramme'),
      fundingMention: say('funding.defaultMention'),
    };
    return {
      text: {
        networkName: stored.networkName ?? defaults.networkName,
        programmeName: stored.programmeName ?? defaults.programmeName,
        fundingMention: stored.fundingMention ?? defaults.fundingMention,
      },
      defaults,
    };
  }

  async fundingText(teamId: string): Promise<FundingText> {
    return (await this.funding(teamId)).text;
  }

  async updateFunding(teamId: string, input: FundingSettings, by: string): Promise<void> {
    await this.#repo.saveFunding(teamId, input, by);
    this.#logger.info("funders' texts changed", { by });
  }

  /** Public feed URLs, when PUBLIC_URL is set. */
  async calendarUrls(teamId: string, spaceSlug?: string): Promise<string | undefined> {
    if (!this.#config.publicUrl) return undefined;
    const token = await this.calendarToken(teamId);
    return `${this.#config.publicUrl}/calendar/${token}${spaceSlug ? `/${spaceSlug}` : ''}.ics`;
  }

  /** The install date of a workspace: scheduled jobs never catch up slots before it. */
  async installedAt(): Promise<Date> {
    return (await this.#repo.firstInstall()) ?? this.#clock.now();
  }

  async ensureWorkspace(teamId: string, name: string): Promise<void> {
    await this.#repo.saveWorkspace(teamId, name);
  }

  /**
   * The workspaces the app serves and its jobs act on: the installed ones (never the
   * demonstration network, whose members and channels do not exist in Slack), or this
   * process's scope when it has one.
   */
  async workspaces(): Promise<string[]> {
    const scope = this.#scope;
    // A scope is chosen on the command line (the demonstration network only for a dry run).
    return (await this.#repo.workspaces()).filter((w) => (scope ? scope.has(w.teamId) : !w.demo)).map((w) => w.teamId);
  }

  /** Every workspace in the database, the demonstration one included (the command line's choice). */
  async allWorkspaces(): Promise<WorkspaceRow[]> {
    return this.#repo.workspaces();
  }
}
