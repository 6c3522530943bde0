// The health panel's data: configured channels exist and the bot is in them, last job runs,
// posts waiting to be retried.
import type { JobClaims, LastJobRun } from '../../jobs/claims.ts';
import type { ChannelStatus, SlackGateway } from '../../slack/gateway.ts';
import type { Outbox, OutboxStats } from '../../slack/outbox.ts';
import type { NetworkService } from '../network/service.ts';

export type ChannelLabel = { kind: 'agenda' | 'help' | 'coordination' } | { kind: 'space'; name: string };

export interface ChannelHealth {
  label: ChannelLabel;
  channelId: string | undefined;
  status: ChannelStatus | 'unset';
}

export interface HealthReport {
  channels: ChannelHealth[];
  jobs: { name: string; last: LastJobRun | undefined }[];
  outbox: OutboxStats;
  /** When Slack could not be reached at start-up (the app started anyway), if it happened. */
  slackOutage?: { from: Date; to: Date | undefined };
}

export interface HealthDeps {
  network: NetworkService;
  slack: SlackGateway;
  claims: JobClaims;
  outbox: Outbox;
  database: { ping(): Promise<void> };
  jobNames: () => string[];
  /** The start-up's time without Slack (main.ts knows it; absent in tests and the command line). */
  slackOutage?: () => { from: Date; to: Date | undefined } | undefined;
}

export class HealthService {
  readonly #deps: HealthDeps;

  constructor(deps: HealthDeps) {
    this.#deps = deps;
  }

  /** Resolves when the database answers (GET /healthz). */
  async ping(): Promise<void> {
    await this.#deps.database.ping();
  }

  async report(teamId: string): Promise<HealthReport> {
    const { network, slack, claims, outbox, jobNames } = this.#deps;
    const [settings, spaces] = await Promise.all([network.settings(teamId), network.listSpaces(teamId)]);
    const wanted: { label: ChannelLabel; channelId: string | undefined }[] = [
      { label: { kind: 'agenda' }, channelId: settings.agendaChannelId },
      { label: { kind: 'help' }, channelId: settings.helpChannelId },
      { label: { kind: 'coordination' }, channelId: settings.coordinationChannelId },
      ...spaces.filter((s) => s.channelId).map((s) => ({ label: { kind: 'space' as const, name: s.name }, channelId: s.channelId })),
    ];
    const channels = await Promise.all(
      wanted.map(
        async (w): Promise<ChannelHealth> => ({
          ...w,
          status: w.channelId ? await slack.channelStatus(w.channelId) : 'unset',
        }),
      ),
    );
    const names = jobNames();
    const last = await claims.lastRuns(names);
    const outage = this.#deps.slackOutage?.();
    return {
      channels,
      jobs: names.map((name) => ({ name, last: last.get(name) })),
      outbox: await outbox.stats(teamId),
      ...(outage ? { slackOutage: outage } : {}),
    };
  }
}

/** What is wrong, as the Home says it in one line: each problem a coordinator can act on. */
export type HealthProblem =
  | { kind: 'channel'; label: ChannelLabel; status: Exclude<ChannelHealth['status'], 'ok' | 'unknown'> }
  | { kind: 'failedPosts'; count: number }
  | { kind: 'failedJob'; name: string };

/**
 * The problems in a health report: a network channel not set, a channel gone or without the
 * app, posts that failed for good, a scheduled job whose last run failed. (A channel Slack
 * could not be asked about, posts waiting for a retry and jobs not run yet are not problems.)
 */
export function healthProblems(report: HealthReport): HealthProblem[] {
  const problems: HealthProblem[] = [];
  for (const c of report.channels) {
    if (c.status === 'unset' || c.status === 'not_found' || c.status === 'not_member') {
      problems.push({ kind: 'channel', label: c.label, status: c.status });
    }
  }
  if (report.outbox.failed > 0) problems.push({ kind: 'failedPosts', count: report.outbox.failed });
  for (const j of report.jobs) if (j.last?.status === 'failed') problems.push({ kind: 'failedJob', name: j.name });
  return problems;
}
