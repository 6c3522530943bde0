// A fake Slack Web API on 127.0.0.1: records every call and answers like Slack, with
// scripted failures (429 with Retry-After, 500, ok:false errors). Also receives
// response_url posts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

type Responder = (args: Record<string, unknown>) => Record<string, unknown>;

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client JSON-encodes nested arguments (blocks, view…).
    if ((value.startsWith('{') || value.startsWith('[')) && key !== 'text') {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // plain text after all
      }
    }
    out[key] = value;
  }
  return out;
}

/** The file in an upload's body: the first part of a multipart form, else the body itself. */
function uploadedFile(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return body;
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${marker}`));
  const end = body.indexOf(`\r\n--${marker}`, start);
  return start < 0 || end < 0 ? body : body.subarray(start + 4, end);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: { url: string; body: Record<string, unknown> }[] = [];
  /** Files uploaded, as text and as the bytes sent (a PDF). */
  readonly uploads: { url: string; content: string; bytes: Buffer }[] = [];
  readonly #failures = new Map<string, { failure: Failure; when: (args: Record<string, unknown>) => boolean }[]>();
  readonly #responders = new Map<string, Responder>();
  readonly #holds: { method: string; when: (args: Record<string, unknown>) => boolean }[] = [];
  readonly #held: ServerResponse[] = [];
  /** name: their handle (and, unless given apart, display and real name); realName, firstName as Slack's profile has them. */
  readonly users = new Map<
    string,
    { locale?: string; name?: string; realName?: string; firstName?: string; displayName?: string; isBot?: boolean }
  >();
  readonly channels = new Map<string, 'ok' | 'not_member' | 'not_found'>();
  readonly privateChannels = new Set<string>();
  /** What was posted, as conversations.history reads it back (metadata included). */
  readonly posted: { channel: string; ts: string; threadTs: string | undefined; text: string; metadata: unknown }[] = [];
  #server: Server | undefined;
  // Message timestamps in real time, as Slack's (history is read from an instant on).
  #ts = Math.floor(Date.now() / 1000);
  url = '';

  /** Listens on `port` (a free one by default). */
  async start(port = 0): Promise<void> {
    this.#server = createServer((req, res) => {
      void (async () => {
        const bytes = await readBody(req);
        const raw = bytes.toString('utf8');
        const path = req.url ?? '/';
        const body = parseBody(raw, req.headers['content-type']);
        if (path.startsWith('/upload/')) {
          this.uploads.push({ url: path, content: raw, bytes: uploadedFile(bytes, req.headers['content-type']) });
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('OK');
          return;
        }
        if (path.startsWith('/response/')) {
          this.responses.push({ url: path, body });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
          return;
        }
        const method = path.replace(/^\/api\//, '').split('?')[0] ?? '';
        this.calls.push({ method, args: body });
        const hold = this.#holds.findIndex((h) => h.method === method && h.when(body));
        if (hold >= 0) {
          // Received and done (a post is in its channel), never answered (until released):
          // Slack slow to answer, or the app killed meanwhile.
          this.#holds.splice(hold, 1);
          this.#answer(method, body);
          this.#held.push(res);
          return;
        }
        const pending = this.#failures.get(method) ?? [];
        const index = pending.findIndex((f) => f.when(body));
        const failure = index >= 0 ? pending.splice(index, 1)[0]?.failure : undefined;
        if (failure && 'status' in failure) {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (failure.status === 429) headers['retry-after'] = String(failure.retryAfter);
          res.writeHead(failure.status, headers);
          res.end(failure.status === 429 ? '{"ok":false,"error":"ratelimited"}' : 'Internal Server Error');
          return;
        }
        const answer = failure ? { ok: false, error: failure.error } : this.#answer(method, body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      })();
    });
    await new Promise<void>((resolve) => this.#server?.listen(port, '127.0.0.1', resolve));
    const { port: listening } = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${listening}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async stop(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** The next `times` calls of `method` (those `when` picks, by default any) fail this way. */
  fail(method: string, failure: Failure, times = 1, when: (args: Record<string, unknown>) => boolean = () => true): void {
    const list = this.#failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push({ failure, when });
    this.#failures.set(method, list);
  }

  /** The next call of `method` (that `when` picks) is received but not answered until `release()`. */
  hold(method: string, when: (args: Record<string, unknown>) => boolean = () => true): void {
    this.#holds.push({ method, when });
  }

  /** Answers the held calls with an error (their callers are often gone). */
  release(): void {
    for (const res of this.#held.splice(0)) {
      if (!res.destroyed) res.writeHead(500).end();
    }
  }

  respond(method: string, responder: Responder): void {
    this.#responders.set(method, responder);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.uploads.length = 0;
    this.#failures.clear();
  }

  /** Waits until a call matching the predicate has been recorded. */
  async waitFor(method: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find((c) => c.method === method && predicate(c));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no ${method} call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async waitForResponse(timeoutMs = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.responses[0];
      if (found) return found.body;
      if (Date.now() > deadline) throw new Error('no response_url post');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const custom = this.#responders.get(method);
    if (custom) return { ok: true, ...custom(args) };
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: 'T0TEST', team: 'Réseau test', user_id: 'U0BOT', bot_id: 'B0BOT', user: 'tiers-lieux' };
      case 'chat.postMessage': {
        this.#ts += 1;
        const ts = `${this.#ts}.000100`;
        const metadata = typeof args.metadata === 'string' ? (JSON.parse(args.metadata) as unknown) : args.metadata;
        this.posted.push({
          channel: String(args.channel),
          ts,
          threadTs: args.thread_ts === undefined ? undefined : String(args.thread_ts),
          text: String(args.text ?? ''),
          metadata,
        });
        return { ok: true, channel: args.channel, ts };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        const thread = method === 'conversations.replies' ? String(args.ts) : undefined;
        const withMetadata = String(args.include_all_metadata) === 'true';
        const messages = this.posted
          .filter((m) => m.channel === String(args.channel) && m.threadTs === thread)
          .filter((m) => args.oldest === undefined || Number(m.ts) >= Number(args.oldest))
          .reverse()
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.#ts}.000200` };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.calls.length}`, ...(typeof args.view === 'object' ? args.view : {}) } };
      case 'users.info': {
        const id = String(args.user);
        const u = this.users.get(id) ?? {};
        return {
          ok: true,
          user: {
            id,
            name: u.name ?? id.toLowerCase(),
            real_name: u.realName ?? u.name ?? `User ${id}`,
            profile: { display_name: u.displayName ?? u.name ?? '', ...(u.firstName ? { first_name: u.firstName } : {}) },
            locale: u.locale ?? 'fr-FR',
            is_bot: u.isBot ?? false,
          },
        };
      }
      case 'conversations.info': {
        const id = String(args.channel);
        const status = this.channels.get(id) ?? 'ok';
        if (status === 'not_found') return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id, is_member: status === 'ok', is_private: id.startsWith('G') || this.privateChannels.has(id) } };
      }
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F${this.calls.length}`, file_id: `F${this.calls.length}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F1', title: 'file' }] };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      default:
        return { ok: true };
    }
  }
}
