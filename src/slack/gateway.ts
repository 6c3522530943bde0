// The app's only door to Slack's Web API: a narrow interface that services depend on
// (tests drive the real one against a fake Slack server), with errors sorted into
// "retry later" and "permanent".
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { KnownBlock, View } from '@slack/types';
import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import { viewJson } from './blocks.ts';

export interface MessageContent {
  text: string;
  blocks?: KnownBlock[];
}

export interface UserProfile {
  id: string;
  displayName: string;
  /** Their first name, to greet them: Slack's, else the first word of their real name ('' if none). */
  firstName: string;
  locale: string | undefined;
  isBot: boolean;
  deleted: boolean;
}

export type ChannelStatus = 'ok' | 'not_member' | 'not_found' | 'unknown';

export interface SlackGateway {
  /** `outboxId`: the outbox message this post is, carried as Slack message metadata (see findOutboxPost). */
  postMessage(channel: string, content: MessageContent, threadTs?: string, outboxId?: number): Promise<{ ts: string; channel: string }>;
  /**
   * The ts of the post of an outbox message in a channel (or a thread), posted since `since`,
   * when Slack has it; undefined when it has not, or when the app may not read that
   * conversation (direct messages: no im:history scope).
   */
  findOutboxPost(channel: string, outboxId: number, since: Date, threadTs?: string): Promise<string | undefined>;
  updateMessage(channel: string, ts: string, content: MessageContent): Promise<void>;
  postEphemeral(channel: string, user: string, content: MessageContent, threadTs?: string): Promise<void>;
  openDirectMessage(user: string): Promise<string>;
  publishHome(user: string, view: View): Promise<void>;
  openView(triggerId: string, view: View): Promise<{ viewId: string }>;
  pushView(triggerId: string, view: View): Promise<{ viewId: string }>;
  /** With the hash of the view the change was made on, an update from an older view is refused (`hash_conflict`). */
  updateView(viewId: string, view: View, hash?: string): Promise<void>;
  uploadFile(channel: string, file: { filename: string; content: string; title: string }, comment: string): Promise<void>;
  uploadFiles(channel: string, files: { filename: string; content: Buffer; title: string }[], comment: string): Promise<void>;
  userProfile(user: string): Promise<UserProfile>;
  channelStatus(channel: string): Promise<ChannelStatus>;
  /** True only when Slack confirms the channel is private (unknown counts as not private). */
  isPrivateChannel(channel: string): Promise<boolean>;
}

/** The Slack message metadata type naming the outbox message a post is. */
export const OUTBOX_EVENT_TYPE = 'tiers_lieux_outbox';

/** A Slack API failure, classified. */
export class SlackCallError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Slack API error: ${code}`);
    this.name = 'SlackCallError';
  }
}

/** Errors that retrying will not cure: the message is kept and shown in the health panel. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
  'user_not_found',
  'user_not_in_channel',
  'cant_update_message',
  'message_not_found',
  'edit_window_closed',
  'restricted_action',
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'channel_is_archived',
  'invalid_arguments',
]);

export function classifySlackError(error: unknown): SlackCallError {
  if (error instanceof SlackCallError) return error;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const e = error as { code: unknown; data?: { error?: string }; retryAfter?: number; statusCode?: number };
    if (e.code === ErrorCode.PlatformError) {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new SlackCallError(code, false, 30);
      return new SlackCallError(code, PERMANENT.has(code));
    }
    if (e.code === ErrorCode.RateLimitedError) return new SlackCallError('ratelimited', false, e.retryAfter ?? 30);
    if (e.code === ErrorCode.HTTPError) return new SlackCallError(`http_${e.statusCode ?? 'error'}`, false);
    if (e.code === ErrorCode.RequestError) return new SlackCallError('network_error', false);
  }
  return new SlackCallError(error instanceof Error ? error.name : 'unknown_error', false);
}

export interface SlackClientSettings {
  token: string | undefined;
  apiUrl: string | undefined;
}

/**
 * WebClient options shared by Bolt and the command-line tools. Rate limits are not waited out
 * inside a request: interactive calls must answer fast, and the outbox retries posts itself.
 */
export function webClientOptions(settings: SlackClientSettings): WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl.endsWith('/') ? settings.apiUrl : `${settings.apiUrl}/` } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  };
}

export function createWebClient(settings: SlackClientSettings): WebClient {
  return new WebClient(settings.token, webClientOptions(settings));
}

/** Connections to Slack kept open between the modal calls. */
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/**
 * A Web API method called with a JSON body, straight over HTTP: the modal calls (`views.*`)
 * answer a click within Slack's three seconds, and the general client's queue, retries and
 * debug serialisation of every body only cost them time. Failures are classified alike.
 */
async function jsonCall(client: WebClient, method: string, body: object | string): Promise<Record<string, unknown>> {
  const url = new URL(`${client.slackApiUrl}${method}`);
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const answer = await new Promise<{ status: number; retryAfter: string | undefined; text: string }>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
        timeout: 10_000,
        headers: {
          authorization: `Bearer ${client.token ?? ''}`,
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(payload);
  }).catch(() => {
    throw new SlackCallError('network_error', false);
  });
  if (answer.status === 429) throw new SlackCallError('ratelimited', false, Number(answer.retryAfter ?? 30) || 30);
  if (answer.status < 200 || answer.status >= 300) throw new SlackCallError(`http_${answer.status}`, false);
  let data: unknown;
  try {
    data = JSON.parse(answer.text);
  } catch {
    throw new SlackCallError('invalid_response', false);
  }
  if (typeof data !== 'object' || data === null) throw new SlackCallError('invalid_response', false);
  if (!('ok' in data) || data.ok !== true) {
    const code = 'error' in data && typeof data.error === 'string' ? data.error : 'unknown_error';
    throw new SlackCallError(code, PERMANENT.has(code));
  }
  return { ...data };
}

/** The id of the view a `views.*` call answered with. */
function viewIdOf(answer: Record<string, unknown>): string {
  const view = answer.view;
  return typeof view === 'object' && view !== null && 'id' in view && typeof view.id === 'string' ? view.id : '';
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw classifySlackError(error);
  }
}

export function webApiGateway(client: WebClient): SlackGateway {
  return {
    postMessage: (channel, content, threadTs, outboxId) =>
      call(async () => {
        const res = await client.chat.postMessage({
          channel,
          text: content.text,
          ...(content.blocks ? { blocks: content.blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(outboxId !== undefined
            ? { metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: String(outboxId) } } }
            : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        return { ts: res.ts ?? '', channel: res.channel ?? channel };
      }),
    findOutboxPost: (channel, outboxId, since, threadTs) =>
      call(async () => {
        // Channels (C…) and private channels (G…) only: reading direct messages needs im:history.
        if (!/^[CG]/.test(channel)) return undefined;
        const oldest = String(Math.floor(since.getTime() / 1000) - 60);
        const page = threadTs
          ? await client.conversations.replies({ channel, ts: threadTs, oldest, include_all_metadata: true, limit: 200 })
          : await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 });
        const names = (payload: unknown) =>
          typeof payload === 'object' && payload !== null && 'outbox_id' in payload && String(payload.outbox_id) === String(outboxId);
        const found = (page.messages ?? []).find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && names(m.metadata.event_payload));
        return found?.ts;
      }),
    updateMessage: (channel, ts, content) =>
      call(async () => {
        await client.chat.update({ channel, ts, text: content.text, ...(content.blocks ? { blocks: content.blocks } : {}) });
      }),
    postEphemeral: (channel, user, content, threadTs) =>
      call(async () => {
        await client.chat.postEphemeral({
          channel,
          user,
          text: content.text,
          ...(content.blocks ? { blocks: content.blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
      }),
    openDirectMessage: (user) =>
      call(async () => {
        const res = await client.conversations.open({ users: user });
        const id = res.channel?.id;
        if (!id) throw new SlackCallError('channel_not_found', true);
        return id;
      }),
    publishHome: (user, view) =>
      call(async () => {
        await client.views.publish({ user_id: user, view });
      }),
    openView: async (triggerId, view) => ({
      viewId: viewIdOf(await jsonCall(client, 'views.open', `{"trigger_id":${JSON.stringify(triggerId)},"view":${viewJson(view)}}`)),
    }),
    pushView: async (triggerId, view) => ({
      viewId: viewIdOf(await jsonCall(client, 'views.push', `{"trigger_id":${JSON.stringify(triggerId)},"view":${viewJson(view)}}`)),
    }),
    updateView: async (viewId, view, hash) => {
      const extra = hash ? `,"hash":${JSON.stringify(hash)}` : '';
      await jsonCall(client, 'views.update', `{"view_id":${JSON.stringify(viewId)}${extra},"view":${viewJson(view)}}`);
    },
    uploadFile: (channel, file, comment) =>
      call(async () => {
        await client.filesUploadV2({
          channel_id: channel,
          file: Buffer.from(file.content, 'utf8'),
          filename: file.filename,
          title: file.title,
          initial_comment: comment,
        });
      }),
    uploadFiles: (channel, files, comment) =>
      call(async () => {
        await client.filesUploadV2({
          channel_id: channel,
          initial_comment: comment,
          file_uploads: files.map((f) => ({ file: f.content, filename: f.filename, title: f.title })),
        });
      }),
    userProfile: (user) =>
      call(async () => {
        const res = await client.users.info({ user, include_locale: true });
        const u = res.user;
        return {
          id: user,
          displayName: u?.profile?.display_name || u?.real_name || u?.name || user,
          firstName: u?.profile?.first_name || (u?.real_name ?? u?.profile?.real_name ?? '').trim().split(/\s+/)[0] || '',
          locale: u?.locale,
          isBot: Boolean(u?.is_bot) || user === 'USLACKBOT',
          deleted: Boolean(u?.deleted),
        };
      }),
    isPrivateChannel: async (channel) => {
      try {
        const res = await client.conversations.info({ channel });
        return res.channel?.is_private === true;
      } catch {
        return false;
      }
    },
    channelStatus: async (channel) => {
      try {
        const res = await client.conversations.info({ channel });
        return res.channel?.is_member === false ? 'not_member' : 'ok';
      } catch (error) {
        const e = classifySlackError(error);
        if (e.code === 'channel_not_found') return 'not_found';
        return 'unknown';
      }
    },
  };
}
