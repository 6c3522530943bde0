// Network setup: spaces, channels, yearly target. Environment variables give the defaults;
// what coordinators change in Slack is stored and wins.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/client.ts';
import type { Logger } from '../../logger.ts';
import { SPACE_KINDS, type SpaceKind } from './ids.ts';

export interface NetworkSettings {
  agendaChannelId: string | undefined;
  helpChannelId: string | undefined;
  coordinationChannelId: string | undefined;
  yearlyEventTarget: number;
  digestCron: string | undefined;
}

export interface Space {
  id: number;
  name: string;
  slug: string;
  town: string;
  kind: SpaceKind;
  channelId: string | undefined;
  archived: boolean;
}

export interface SpaceInput {
  id?: number;
  name: string;
  town: string;
  kind: SpaceKind;
  channelId: string | undefined;
  archived: boolean;
}

export const SPACE_NAME_MAX = 80;
export const SPACE_TOWN_MAX = 80;

export type SpaceFieldError = 'nameRequired' | 'nameTooLong' | 'nameTaken' | 'townTooLong' | 'notFound';
export type SaveSpaceResult = { ok: true; space: Space } | { ok: false; errors: Partial<Record<'name' | 'town', SpaceFieldError>> };

/** "La Fabrique de Crest" → "la-fabrique-de-crest" (used in calendar URLs). */
export function slugify(name: string): string {
  return (
    name
      .replace(/œ/gi, 'oe')
      .replace(/æ/gi, 'ae')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'espace'
  );
}

function toSpace(row: {
  id: number;
  name: string;
  slug: string;
  town: string;
  kind: string;
  channelId: string | null;
  archived: boolean;
}): Space {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    town: row.town,
    kind: (SPACE_KINDS as readonly string[]).includes(row.kind) ? (row.kind as SpaceKind) : 'autre',
    channelId: row.channelId ?? undefined,
    archived: row.archived,
  };
}

export class NetworkService {
  readonly #db: Db;
  readonly #config: Config;
  readonly #logger: Logger;
  readonly #clock: Clock;

  constructor(deps: { db: Db; config: Config; logger: Logger; clock: Clock }) {
    this.#db = deps.db;
    this.#config = deps.config;
    this.#logger = deps.logger.child('network');
    this.#clock = deps.clock;
  }

  async settings(teamId: string): Promise<NetworkSettings> {
    const row = await this.#db.networkSettings.findUnique({ where: { teamId } });
    return {
      agendaChannelId: row?.agendaChannelId ?? this.#config.channels.agenda,
      helpChannelId: row?.helpChannelId ?? this.#config.channels.help,
      coordinationChannelId: row?.coordinationChannelId ?? this.#config.channels.coordination,
      yearlyEventTarget: row?.yearlyEventTarget ?? this.#config.yearlyEventTarget,
      digestCron: row?.digestCron ?? undefined,
    };
  }

  async updateSettings(
    teamId: string,
    input: {
      agendaChannelId?: string;
      helpChannelId?: string;
      coordinationChannelId?: string;
      yearlyEventTarget: number;
      digestCron?: string;
    },
    by: string,
  ): Promise<NetworkSettings> {
    const data = {
      agendaChannelId: input.agendaChannelId ?? null,
      helpChannelId: input.helpChannelId ?? null,
      coordinationChannelId: input.coordinationChannelId ?? null,
      yearlyEventTarget: input.yearlyEventTarget,
      ...(input.digestCron !== undefined ? { digestCron: input.digestCron } : {}),
      updatedBy: by,
    };
    await this.#db.networkSettings.upsert({ where: { teamId }, create: { teamId, ...data }, update: data });
    this.#logger.info('network settings changed', { by });
    for (const listener of this.#listeners) await Promise.resolve(listener()).catch(() => undefined);
    return this.settings(teamId);
  }

  readonly #listeners: (() => void | Promise<void>)[] = [];

  /** Called after coordinators change the settings (the scheduler re-reads the digest's schedule). */
  onSettingsChange(listener: () => void | Promise<void>): void {
    this.#listeners.push(listener);
  }

  async listSpaces(teamId: string, options: { includeArchived?: boolean } = {}): Promise<Space[]> {
    const rows = await this.#db.space.findMany({
      where: { teamId, ...(options.includeArchived ? {} : { archived: false }) },
      orderBy: [{ archived: 'asc' }, { name: 'asc' }],
    });
    return rows.map(toSpace);
  }

  async getSpace(teamId: string, id: number): Promise<Space | undefined> {
    const row = await this.#db.space.findFirst({ where: { teamId, id } });
    return row ? toSpace(row) : undefined;
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
    const clash = await this.#db.space.findFirst({ where: { teamId, slug, ...(input.id ? { NOT: { id: input.id } } : {}) } });
    if (clash) return { ok: false, errors: { name: 'nameTaken' } };
    const data = { name, slug, town, kind: input.kind, channelId: input.channelId ?? null, archived: input.archived };
    try {
      if (input.id !== undefined) {
        const existing = await this.#db.space.findFirst({ where: { teamId, id: input.id } });
        if (!existing) return { ok: false, errors: { name: 'notFound' } };
        const row = await this.#db.space.update({ where: { id: input.id }, data });
        this.#logger.info('space updated', { by, id: row.id });
        return { ok: true, space: toSpace(row) };
      }
      const row = await this.#db.space.create({ data: { teamId, ...data } });
      this.#logger.info('space created', { by, id: row.id });
      return { ok: true, space: toSpace(row) };
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, errors: { name: 'nameTaken' } };
      throw error;
    }
  }

  /**
   * The secret in the calendar feed URLs: CALENDAR_TOKEN when set, otherwise generated on first
   * use and stored.
   */
  async calendarToken(teamId: string): Promise<string> {
    if (this.#config.calendarToken) return this.#config.calendarToken;
    const row = await this.#db.networkSettings.findUnique({ where: { teamId }, select: { calendarToken: true } });
    if (row?.calendarToken) return row.calendarToken;
    const token = randomBytes(24).toString('base64url');
    await this.#db.networkSettings.upsert({
      where: { teamId },
      create: { teamId, calendarToken: token },
      update: { calendarToken: token },
    });
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

  /** Public feed URLs, when PUBLIC_URL is set. */
  async calendarUrls(teamId: string, spaceSlug?: string): Promise<string | undefined> {
    if (!this.#config.publicUrl) return undefined;
    const token = await this.calendarToken(teamId);
    return `${this.#config.publicUrl}/calendar/${token}${spaceSlug ? `/${spaceSlug}` : ''}.ics`;
  }

  /** The install date of a workspace: scheduled jobs never catch up slots before it. */
  async installedAt(): Promise<Date> {
    const first = await this.#db.workspace.findFirst({ orderBy: { createdAt: 'asc' } });
    return first?.createdAt ?? this.#clock.now();
  }

  async ensureWorkspace(teamId: string, name: string): Promise<void> {
    await this.#db.workspace.upsert({ where: { teamId }, create: { teamId, name }, update: { name } });
  }

  async workspaces(): Promise<string[]> {
    const rows = await this.#db.workspace.findMany({ select: { teamId: true } });
    return rows.map((r) => r.teamId);
  }
}
