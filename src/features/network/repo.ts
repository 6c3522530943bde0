// The network's workspaces, settings and spaces.

import type { Client } from '../../db/client.ts';
import { oneOf } from '../../vocabulary.ts';
import { SPACE_KINDS, type SpaceKind } from './ids.ts';
import type { FundingSettings, SettingsInput } from './model.ts';

export interface Space {
  id: number;
  name: string;
  slug: string;
  town: string;
  kind: SpaceKind;
  channelId: string | undefined;
  archived: boolean;
}

/** What coordinators stored in /reseau (undefined: not set there). */
export interface StoredSettings {
  agendaChannelId: string | undefined;
  helpChannelId: string | undefined;
  coordinationChannelId: string | undefined;
  yearlyEventTarget: number | undefined;
  digestCron: string | undefined;
  calendarToken: string | undefined;
}

export type SpaceData = Omit<Space, 'id'>;

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
    kind: oneOf(SPACE_KINDS, row.kind, 'autre'),
    channelId: row.channelId ?? undefined,
    archived: row.archived,
  };
}

const columns = (data: SpaceData) => ({ ...data, channelId: data.channelId ?? null });

export class NetworkRepository {
  readonly #db: Client;

  constructor(db: Client) {
    this.#db = db;
  }

  async settings(teamId: string): Promise<StoredSettings | undefined> {
    const row = await this.#db.networkSettings.findUnique({ where: { teamId } });
    if (!row) return undefined;
    return {
      agendaChannelId: row.agendaChannelId ?? undefined,
      helpChannelId: row.helpChannelId ?? undefined,
      coordinationChannelId: row.coordinationChannelId ?? undefined,
      yearlyEventTarget: row.yearlyEventTarget ?? undefined,
      digestCron: row.digestCron ?? undefined,
      calendarToken: row.calendarToken ?? undefined,
    };
  }

  /** Channels and target as chosen in /reseau; the digest's schedule only when given. */
  async saveSettings(teamId: string, input: SettingsInput, by: string): Promise<void> {
    const data = {
      agendaChannelId: input.agendaChannelId ?? null,
      helpChannelId: input.helpChannelId ?? null,
      coordinationChannelId: input.coordinationChannelId ?? null,
      yearlyEventTarget: input.yearlyEventTarget,
      ...(input.digestCron !== undefined ? { digestCron: input.digestCron } : {}),
      updatedBy: by,
    };
    await this.#db.networkSettings.upsert({ where: { teamId }, create: { teamId, ...data }, update: data });
  }

  async funding(teamId: string): Promise<FundingSettings & { workspaceName: string }> {
    const [row, workspace] = await Promise.all([
      this.#db.networkSettings.findUnique({
        where: { teamId },
        select: { networkName: true, programmeName: true, fundingMention: true },
      }),
      this.#db.workspace.findUnique({ where: { teamId }, select: { name: true } }),
    ]);
    return {
      networkName: row?.networkName ?? undefined,
      programmeName: row?.programmeName ?? undefined,
      fundingMention: row?.fundingMention ?? undefined,
      workspaceName: workspace?.name ?? '',
    };
  }

  /** An empty text goes back to the default. */
  async saveFunding(teamId: string, input: FundingSettings, by: string): Promise<void> {
    const data = {
      networkName: input.networkName ?? null,
      programmeName: input.programmeName ?? null,
      fundingMention: input.fundingMention ?? null,
      updatedBy: by,
    };
    await this.#db.networkSettings.upsert({ where: { teamId }, create: { teamId, ...data }, update: data });
  }

  async saveCalendarToken(teamId: string, token: string): Promise<void> {
    await this.#db.networkSettings.upsert({
      where: { teamId },
      create: { teamId, calendarToken: token },
      update: { calendarToken: token },
    });
  }

  /** Spaces by name, archived ones last (and only when asked for). */
  async spaces(teamId: string, includeArchived: boolean): Promise<Space[]> {
    const rows = await this.#db.space.findMany({
      where: { teamId, ...(includeArchived ? {} : { archived: false }) },
      orderBy: [{ archived: 'asc' }, { name: 'asc' }],
    });
    return rows.map(toSpace);
  }

  async space(teamId: string, id: number): Promise<Space | undefined> {
    const row = await this.#db.space.findFirst({ where: { teamId, id } });
    return row ? toSpace(row) : undefined;
  }

  /** Whether another space of the network already has this slug. */
  async slugTaken(teamId: string, slug: string, exceptId?: number): Promise<boolean> {
    return (await this.#db.space.count({ where: { teamId, slug, ...(exceptId !== undefined ? { NOT: { id: exceptId } } : {}) } })) > 0;
  }

  async createSpace(teamId: string, data: SpaceData): Promise<Space> {
    return toSpace(await this.#db.space.create({ data: { teamId, ...columns(data) } }));
  }

  async updateSpace(id: number, data: SpaceData): Promise<Space> {
    return toSpace(await this.#db.space.update({ where: { id }, data: columns(data) }));
  }

  /** How many of these ids are active spaces of the network. */
  async countActiveSpaces(teamId: string, ids: number[]): Promise<number> {
    return this.#db.space.count({ where: { teamId, id: { in: ids }, archived: false } });
  }

  /** Names of spaces by id (those of the workspace only). */
  async spaceNames(teamId: string, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.#db.space.findMany({ where: { teamId, id: { in: ids } }, select: { id: true, name: true } });
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  /** The date the first workspace was installed. */
  async firstInstall(): Promise<Date | undefined> {
    return (await this.#db.workspace.findFirst({ orderBy: { createdAt: 'asc' } }))?.createdAt;
  }

  async saveWorkspace(teamId: string, name: string): Promise<void> {
    await this.#db.workspace.upsert({ where: { teamId }, create: { teamId, name }, update: { name } });
  }

  /** Every workspace in the database (the demonstration one included), the first installed first. */
  async workspaces(): Promise<WorkspaceRow[]> {
    return this.#db.workspace.findMany({
      select: { teamId: true, name: true, demo: true },
      orderBy: [{ createdAt: 'asc' }, { teamId: 'asc' }],
    });
  }
}

export interface WorkspaceRow {
  teamId: string;
  name: string;
  /** The demonstration network (`npm run demo`). */
  demo: boolean;
}
