// Who the bot is, asked of Slack at start-up (auth.test), and whether Slack can be reached. A
// token Slack refuses stops the app with a message naming the setting; Slack unreachable does
// not (in HTTP mode): the app starts, serves /healthz, and keeps asking in the background until
// Slack answers, then finishes its start-up (workspace, coordinators).
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.ts';
import { classifySlackError } from './gateway.ts';

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

export interface SlackWorkspace {
  teamId: string;
  teamName: string;
  bot: BotIdentity | undefined;
  /** The bot's own name, for the start-up log. */
  user: string;
}

export type SlackCheck =
  | { status: 'ok'; workspace: SlackWorkspace }
  | { status: 'refused'; code: string }
  | { status: 'unreachable'; code: string };

/** Errors that say a token itself is wrong (bot or app-level): retrying will not cure them. */
const REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

export function refusesToken(code: string): boolean {
  return REFUSED.has(code);
}

export async function checkSlack(client: WebClient): Promise<SlackCheck> {
  try {
    const auth = await client.auth.test();
    return {
      status: 'ok',
      workspace: {
        teamId: auth.team_id ?? '',
        teamName: auth.team ?? '',
        bot: auth.bot_id && auth.user_id ? { botId: auth.bot_id, botUserId: auth.user_id } : undefined,
        user: auth.user ?? '',
      },
    };
  } catch (error) {
    const e = classifySlackError(error);
    return refusesToken(e.code) ? { status: 'refused', code: e.code } : { status: 'unreachable', code: e.code };
  }
}

/** How long to wait before asking Slack again: 5 s, doubling, at most a minute. */
export function nextCheckMs(failures: number): number {
  return Math.min(60_000, 5_000 * 2 ** Math.max(0, failures - 1));
}

/** Slack's state as the app knows it, for /healthz and the interactions waiting for the bot's identity. */
export class SlackConnection {
  #workspace: SlackWorkspace | undefined;
  #state: 'ok' | 'unreachable' = 'unreachable';
  #timer: NodeJS.Timeout | undefined;
  readonly #waiting: ((workspace: SlackWorkspace) => void)[] = [];
  readonly #now: () => Date;
  /** When Slack stopped answering at start-up, and when it answered again (for the health panel). */
  #outage: { from: Date; to: Date | undefined } | undefined;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** The time Slack could not be reached at start-up: still going on (`to` undefined) or over. */
  outage(): { from: Date; to: Date | undefined } | undefined {
    return this.#outage ? { ...this.#outage } : undefined;
  }

  get state(): 'ok' | 'unreachable' {
    return this.#state;
  }

  get workspace(): SlackWorkspace | undefined {
    return this.#workspace;
  }

  connected(workspace: SlackWorkspace): void {
    this.#workspace = workspace;
    this.#state = 'ok';
    if (this.#outage && !this.#outage.to) this.#outage.to = this.#now();
    for (const resolve of this.#waiting.splice(0)) resolve(workspace);
  }

  /** The bot's identity, once Slack has said it. */
  whenConnected(): Promise<SlackWorkspace> {
    const known = this.#workspace;
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /**
   * Asks Slack again until it answers (`onConnected` then runs once), or until it refuses the
   * token (`onRefused`), with growing pauses between attempts.
   */
  retryInBackground(
    client: WebClient,
    logger: Logger,
    handlers: { onConnected: (workspace: SlackWorkspace) => Promise<void>; onRefused: (code: string) => void },
  ): void {
    let failures = 1;
    this.#outage = { from: this.#now(), to: undefined };
    const attempt = async () => {
      this.#timer = undefined;
      const check = await checkSlack(client);
      if (check.status === 'ok') {
        this.connected(check.workspace);
        logger.info('Slack answers again: connected', { team: check.workspace.teamName, bot: check.workspace.user });
        await handlers.onConnected(check.workspace).catch((error: unknown) => logger.error('finishing the start-up failed', { error }));
        return;
      }
      if (check.status === 'refused') return handlers.onRefused(check.code);
      failures += 1;
      this.#timer = setTimeout(() => void attempt(), nextCheckMs(failures));
    };
    this.#timer = setTimeout(() => void attempt(), nextCheckMs(failures));
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
