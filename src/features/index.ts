// Every feature of the app, registered by createApp. A test checks that each feature folder
// with listeners is listed here and that the commands agree with manifest.yml.
import type { Services } from '../services.ts';
import type { Interactions } from '../slack/interaction.ts';
import { CONTRACT_COMMAND } from './contracts/ids.ts';
import * as contracts from './contracts/listeners.ts';
import { AGENDA_COMMAND, EVENT_COMMAND } from './events/ids.ts';
import * as events from './events/listeners.ts';
import { HELP_COMMAND } from './help/ids.ts';
import * as help from './help/listeners.ts';
import * as home from './home/listeners.ts';
import { NETWORK_COMMAND } from './network/ids.ts';
import * as network from './network/listeners.ts';
import * as participants from './participants/listeners.ts';
import { REPORT_COMMAND } from './reports/ids.ts';
import * as reports from './reports/listeners.ts';
import { SKILLS_COMMAND } from './skills/ids.ts';
import * as skills from './skills/listeners.ts';
import * as timesheets from './timesheets/listeners.ts';

export interface Feature {
  name: string;
  commands: readonly string[];
  register(on: Interactions, services: Services): void;
}

export const FEATURES: Feature[] = [
  { name: 'network', commands: [NETWORK_COMMAND], register: network.register },
  { name: 'events', commands: [EVENT_COMMAND, AGENDA_COMMAND], register: events.register },
  { name: 'help', commands: [HELP_COMMAND], register: help.register },
  { name: 'skills', commands: [SKILLS_COMMAND], register: skills.register },
  { name: 'contracts', commands: [CONTRACT_COMMAND], register: contracts.register },
  { name: 'reports', commands: [REPORT_COMMAND], register: reports.register },
  { name: 'timesheets', commands: [], register: timesheets.register },
  { name: 'participants', commands: [], register: participants.register },
  { name: 'home', commands: [], register: home.register },
];

export function declaredCommands(): string[] {
  return FEATURES.flatMap((f) => [...f.commands]).sort();
}
