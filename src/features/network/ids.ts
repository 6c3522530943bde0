// Every id of the network setup surfaces, in one place.
export const NETWORK_COMMAND = '/reseau';

export const NetworkViews = {
  overview: 'network_overview',
  space: 'network_space',
  settings: 'network_settings',
  coordinators: 'network_coordinators',
  funding: 'network_funding',
} as const;

export const NetworkActions = {
  /** The App Home's "configure the network" button. */
  open: 'home_open_network',
  addSpace: 'network_space_add',
  editSpace: 'network_space_edit',
  editSettings: 'network_settings_edit',
  editCoordinators: 'network_coordinators_edit',
  editFunding: 'network_funding_edit',
} as const;

export const SpaceFields = {
  name: { block: 'space_name', action: 'value' },
  town: { block: 'space_town', action: 'value' },
  kind: { block: 'space_kind', action: 'value' },
  channel: { block: 'space_channel', action: 'value' },
  archived: { block: 'space_archived', action: 'value' },
} as const;

export const SettingsFields = {
  agenda: { block: 'settings_agenda', action: 'value' },
  help: { block: 'settings_help', action: 'value' },
  coordination: { block: 'settings_coordination', action: 'value' },
  target: { block: 'settings_target', action: 'value' },
  digestCron: { block: 'settings_digest_cron', action: 'value' },
} as const;

export const FundingFields = {
  networkName: { block: 'funding_network_name', action: 'value' },
  programmeName: { block: 'funding_programme_name', action: 'value' },
  mention: { block: 'funding_mention', action: 'value' },
} as const;

export const CoordinatorFields = {
  users: { block: 'coordinators_users', action: 'value' },
} as const;

export const SPACE_KINDS = ['tiers_lieu', 'coworking', 'fablab', 'numerique', 'autre'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];
