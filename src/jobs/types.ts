import type { Logger } from '../logger.ts';

export interface JobContext {
  /** The scheduled instant this run stands for (also "now" for the job's logic). */
  slot: Date;
  /** True with --dry-run: compute and print, change nothing, post nothing. */
  dryRun: boolean;
  /** Where a dry run prints what it would post. */
  print: (line: string) => void;
  logger: Logger;
}

export interface JobDefinition {
  name: string;
  /** Cron expression (5 fields, minute precision) in the network's time zone. */
  schedule: string | (() => Promise<string>);
  /**
   * How far back a missed slot is still worth running once at start-up (0 = never caught up).
   * Older missed slots are recorded as skipped.
   */
  catchUpMs: number;
  /** Returns a one-line summary for the job log and the health panel. */
  run(ctx: JobContext): Promise<string>;
}
