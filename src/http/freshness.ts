// Slack signs every request with the time it was sent. Bolt refuses a request older than five
// minutes (a replay); a request dated further ahead than that is refused here, before Bolt
// reads it: a signature made for the future must not open a window for later replays.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';

/** How far a request's signed time may be from now, either way. */
export const SIGNED_REQUEST_WINDOW_S = 5 * 60;

/** Whether a request's signed time is further than the window from `nowMs`, either way. */
export function outsideSigningWindow(req: Pick<IncomingMessage, 'headers'>, nowMs: number): boolean {
  const raw = req.headers['x-slack-request-timestamp'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Without one, Bolt refuses the request itself (no signature to check).
  if (value === undefined) return false;
  if (!/^\d{1,12}$/.test(value)) return true;
  return Math.abs(Number(value) - nowMs / 1000) > SIGNED_REQUEST_WINDOW_S;
}

/** Bolt's listener, behind the check: a request outside the window gets 401 and reaches nothing. */
export function refusingOutOfWindow(listener: RequestListener, logger: Logger, now: () => number = Date.now): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && outsideSigningWindow(req, now())) {
      logger.warn('refused a Slack request signed more than five minutes away from now', { path: req.url });
      req.resume();
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
}
