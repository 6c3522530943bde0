// Every scheduled job of the app, collected from the features that define them.
// `npm run job -- <name>` and the scheduler both read this list.
import type { Config } from '../config.ts';
import type { Store } from '../db/store.ts';
import { contractJobs } from '../features/contracts/jobs.ts';
import type { ContractService } from '../features/contracts/service.ts';
import { digestJobs } from '../features/digest/jobs.ts';
import type { DigestService } from '../features/digest/service.ts';
import { eventJobs } from '../features/events/jobs.ts';
import type { EventService } from '../features/events/service.ts';
import { helpJobs } from '../features/help/jobs.ts';
import type { HelpService } from '../features/help/service.ts';
import type { NetworkService } from '../features/network/service.ts';
import { timesheetJobs } from '../features/timesheets/jobs.ts';
import type { TimeSheetService } from '../features/timesheets/service.ts';
import { slackJobs } from '../slack/jobs.ts';
import type { Outbox } from '../slack/outbox.ts';
import type { JobDefinition } from './types.ts';

export interface JobDeps {
  config: Config;
  store: Store;
  outbox: Outbox;
  events: EventService;
  help: HelpService;
  contracts: ContractService;
  digest: DigestService;
  network: NetworkService;
  timesheets: TimeSheetService;
}

export function allJobs(deps: JobDeps): JobDefinition[] {
  return [...slackJobs(deps), ...eventJobs(deps), ...helpJobs(deps), ...contractJobs(deps), ...digestJobs(deps), ...timesheetJobs(deps)];
}
