// Routes of our own, served beside Slack's endpoint in HTTP mode and on PORT in Socket Mode.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';

export interface Route {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * 200 when the database answers, 503 when it does not; the body also says whether Slack could be
 * reached (when the app started without it, it keeps trying in the background).
 */
export function healthRoute(database: { ping(): Promise<void> }, logger: Logger, slack?: { readonly state: 'ok' | 'unreachable' }): Route {
  // Said once when the database goes away and once when it is back, not at every probe.
  let reachable = true;
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const answer = (status: number, body: Record<string, string>) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ ...body, slack: slack?.state ?? 'ok' }));
      };
      database
        .ping()
        .then(() => {
          if (!reachable) logger.info('health check: the database answers again');
          reachable = true;
          answer(200, { status: 'ok', database: 'ok' });
        })
        .catch((error: unknown) => {
          if (reachable) logger.warn('health check: the database does not answer', { error });
          reachable = false;
          answer(503, { status: 'unavailable', database: 'unreachable' });
        });
    },
  };
}
