// Signed requests to the app's real HTTP receiver, and payload factories for each Slack surface.
import { createHmac, randomUUID } from 'node:crypto';

export const TEAM_ID = 'T0TEST';
export const SIGNING_SECRET = 'test-signing-secret';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackResponse {
  status: number;
  body: string;
  json(): Record<string, unknown>;
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: { secret?: string; timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? sign(options.secret ?? SIGNING_SECRET, timestamp, body);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text,
    json: () => (text ? (JSON.parse(text) as Record<string, unknown>) : {}),
  };
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

let counter = 0;
const next = () => ++counter;

export function slashCommand(p: { command: string; text?: string; userId: string; responseUrl: string; channelId?: string }): string {
  return formBody({
    token: 'legacy',
    team_id: TEAM_ID,
    team_domain: 'reseau',
    channel_id: p.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: p.userId,
    user_name: p.userId.toLowerCase(),
    command: p.command,
    text: p.text ?? '',
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: p.responseUrl,
    trigger_id: `trigger.${next()}`,
  });
}

export function blockAction(p: {
  actionId: string;
  value?: string;
  userId: string;
  blockId?: string;
  /** The view the action happened in, with what was typed in it (a modal's inputs). */
  view?: {
    id: string;
    callbackId: string;
    rootViewId?: string;
    values?: Record<string, Record<string, Record<string, unknown>>>;
    privateMetadata?: string;
    hash?: string;
  };
  /** The acting element as Slack describes it (a changed input's type and value), instead of a button. */
  element?: Record<string, unknown>;
  channelId?: string;
  container?: Record<string, unknown>;
  responseUrl?: string;
  /** Message inputs' state, sent by Slack with block actions from messages. */
  stateValues?: Record<string, Record<string, Record<string, unknown>>>;
}): string {
  const payload = {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'reseau' },
    user: { id: p.userId, username: p.userId.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: `trigger.${next()}`,
    container: p.container ?? (p.view ? { type: 'view', view_id: p.view.id } : { type: 'message', channel_id: p.channelId ?? 'C0GENERAL' }),
    ...(p.view
      ? {
          view: {
            id: p.view.id,
            type: p.view.callbackId === '' ? 'home' : 'modal',
            callback_id: p.view.callbackId,
            root_view_id: p.view.rootViewId ?? p.view.id,
            team_id: TEAM_ID,
            state: { values: p.view.values ?? {} },
            hash: p.view.hash ?? 'h',
            private_metadata: p.view.privateMetadata ?? '',
            blocks: [],
          },
        }
      : {}),
    ...(p.channelId ? { channel: { id: p.channelId, name: 'x' } } : {}),
    ...(p.view ? {} : { response_url: `${p.responseUrl ?? 'http://127.0.0.1:9/none'}` }),
    ...(p.stateValues ? { state: { values: p.stateValues } } : {}),
    actions: [
      {
        ...(p.element ?? { type: 'button', text: { type: 'plain_text', text: 'x' } }),
        action_id: p.actionId,
        block_id: p.blockId ?? 'b',
        ...(p.value !== undefined ? { value: p.value } : {}),
        action_ts: '1.2',
      },
    ],
  };
  return formBody({ payload: JSON.stringify(payload) });
}

/** What Slack sends when someone types in an external select (Bolt: `app.options`). */
export function blockSuggestion(p: { actionId: string; blockId: string; value: string; userId: string; viewId?: string }): string {
  const payload = {
    type: 'block_suggestion',
    team: { id: TEAM_ID, domain: 'reseau' },
    user: { id: p.userId, username: p.userId.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy',
    action_id: p.actionId,
    block_id: p.blockId,
    value: p.value,
    container: { type: 'view', view_id: p.viewId ?? 'V0FORM' },
  };
  return formBody({ payload: JSON.stringify(payload) });
}

export function viewSubmission(p: {
  callbackId: string;
  userId: string;
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  viewId?: string;
  /** The view's blocks as Slack sends them back; by default, one input for each value sent. */
  blocks?: Record<string, unknown>[];
}): string {
  const blocks =
    p.blocks ??
    Object.entries(p.values).flatMap(([block, actions]) =>
      Object.entries(actions).map(([action, value]) => ({
        type: 'input',
        block_id: block,
        label: { type: 'plain_text', text: block },
        element: { type: value.type, action_id: action },
      })),
    );
  const payload = {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'reseau' },
    user: { id: p.userId, username: p.userId.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: `trigger.${next()}`,
    view: {
      id: p.viewId ?? `V${next()}`,
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: p.callbackId,
      private_metadata: p.privateMetadata ?? '',
      state: { values: p.values },
      hash: 'h',
      blocks,
      root_view_id: 'V0ROOT',
      previous_view_id: 'V0ROOT',
    },
    response_urls: [],
  };
  return formBody({ payload: JSON.stringify(payload) });
}

export function eventCallback(event: Record<string, unknown>, eventId: string = `Ev${randomUUID().slice(0, 8)}`): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: TEAM_ID,
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  });
}

/** Input values as Slack sends them in view_submission payloads. */
export const input = {
  text: (value: string | null) => ({ type: 'plain_text_input', value }),
  number: (value: string | null) => ({ type: 'number_input', value }),
  select: (value: string | null) => ({
    type: 'static_select',
    selected_option: value === null ? null : { value, text: { type: 'plain_text', text: value } },
  }),
  conversation: (id: string | null) => ({ type: 'conversations_select', selected_conversation: id }),
  users: (ids: string[]) => ({ type: 'multi_users_select', selected_users: ids }),
  multi: (values: string[]) => ({
    type: 'multi_static_select',
    selected_options: values.map((v) => ({ value: v, text: { type: 'plain_text', text: v } })),
  }),
  radio: (value: string | null) => ({
    type: 'radio_buttons',
    selected_option: value === null ? null : { value, text: { type: 'plain_text', text: value } },
  }),
  date: (value: string | null) => ({ type: 'datepicker', selected_date: value }),
  time: (value: string | null) => ({ type: 'timepicker', selected_time: value }),
  url: (value: string | null) => ({ type: 'url_text_input', value }),
  checkboxes: (values: string[]) => ({
    type: 'checkboxes',
    selected_options: values.map((v) => ({ value: v, text: { type: 'plain_text', text: v } })),
  }),
};
