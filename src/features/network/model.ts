// The network's settings and the limits of a space, shared by its service and its views.

export interface NetworkSettings {
  agendaChannelId: string | undefined;
  helpChannelId: string | undefined;
  coordinationChannelId: string | undefined;
  yearlyEventTarget: number;
  digestCron: string | undefined;
}

export const SPACE_NAME_MAX = 80;
export const SPACE_TOWN_MAX = 80;

export type SpaceFieldError = 'nameRequired' | 'nameTooLong' | 'nameTaken' | 'townTooLong' | 'notFound';

/** What coordinators set in /reseau: channels left empty fall back to the environment's. */
export interface SettingsInput {
  agendaChannelId?: string;
  helpChannelId?: string;
  coordinationChannelId?: string;
  yearlyEventTarget: number;
  digestCron?: string;
}
