// What a scheduled job is: a schedule and a plan. A job computes its plan (what it would post,
// record or skip, step by step); `--dry-run` prints the plan, a real run carries it out.
import type { Logger } from '../logger.ts';

export interface JobContext {
  /** The scheduled instant this run stands for (also "now" for the job's logic). */
  slot: Date;
  logger: Logger;
}

/** Numbers of things done (or to do), by kind: { sent: 2, skipped: 1 }. */
export type Counts = Record<string, number>;

/** One unit of a job's work, carried out on its own (its own transaction). */
export interface PlanStep {
  /** What the step does, as a dry run prints it. */
  description: string;
  /** What it would count if carried out. */
  planned: Counts;
  /** Carries it out and says what it did (nothing when another run did it first). */
  run(): Promise<Counts>;
}

export interface JobPlan {
  steps: PlanStep[];
  /** The one-line summary for the job log and the health panel. */
  summary(counts: Counts, mode: 'done' | 'dry-run'): string;
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
  plan(ctx: JobContext): Promise<JobPlan>;
}

export function addCounts(total: Counts, more: Counts): Counts {
  for (const [kind, n] of Object.entries(more)) total[kind] = (total[kind] ?? 0) + n;
  return total;
}

/** A real run: every step in order; returns the summary of what was done. */
export async function executePlan(plan: JobPlan): Promise<string> {
  const done: Counts = {};
  for (const step of plan.steps) addCounts(done, await step.run());
  return plan.summary(done, 'done');
}

/** A dry run: what each step would do, and the summary of it all. */
export function describePlan(plan: JobPlan): { lines: string[]; summary: string } {
  const planned: Counts = {};
  for (const step of plan.steps) addCounts(planned, step.planned);
  return { lines: plan.steps.map((s) => s.description).filter((line) => line !== ''), summary: plan.summary(planned, 'dry-run') };
}

/** A plan with a single step. */
export function singleStep(description: string, planned: Counts, run: () => Promise<Counts>, summary: JobPlan['summary']): JobPlan {
  return { steps: [{ description, planned, run }], summary };
}
