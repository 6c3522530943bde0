// The network's settings and the limits of a space, shared by its service and its views.

export interface NetworkSettings {
  agendaChannelId: string | undefined;
  helpChannelId: string | undefined;
  coordinationChannelId: string | undefined;
  yearlyEventTarget: number;
  digestCron: string | undefined;
}

/** What funders' documents say of the network, as coordinators set it in /reseau (undefined: the default). */
export interface FundingSettings {
  networkName: string | undefined;
  programmeName: string | undefined;
  fundingMention: string | undefined;
}

/** The same, defaults applied: what a document prints. */
export interface FundingText {
  networkName: string;
  programmeName: string;
  fundingMention: string;
}

export const FUNDING_NAME_MAX = 120;
export const FUNDING_MENTION_MAX = 400;

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
