// The subscribable calendar feeds: GET /calendar/<token>.ics (the whole network) and
// GET /calendar/<token>/<space-slug>.ics. A wrong token answers 404 and reveals nothing.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Route } from '../../http/routes.ts';
import { translator } from '../../i18n/index.ts';
import type { Services } from '../../services.ts';
import { icsWriter } from './ics.ts';

const FEED_PAST_DAYS = 365;

/**
 * Writes a chunk, waiting for the client to take it when its buffer is full; false once the
 * client has gone (the rest is not read).
 */
async function write(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  return !res.destroyed;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Not found');
}

export function calendarRoutes(services: Services): Route[] {
  const handler: Route['handler'] = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const m = /^\/calendar\/([A-Za-z0-9_-]{16,128})(?:\/([a-z0-9-]{1,100}))?\.ics$/.exec(path);
    if (!m?.[1]) return notFound(res);
    const token = m[1];
    const slug = m[2];
    void (async () => {
      const teamId = await services.network.teamForCalendarToken(token);
      if (!teamId) return notFound(res);
      let spaceName: string | undefined;
      let spaceId: number | undefined;
      if (slug) {
        const space = (await services.network.listSpaces(teamId, { includeArchived: true })).find((s) => s.slug === slug);
        if (!space) return notFound(res);
        spaceName = space.name;
        spaceId = space.id;
      }
      const since = new Date(services.clock.now().getTime() - FEED_PAST_DAYS * 24 * 3600_000);
      const t = translator(services.config.defaultLocale);
      const ics = icsWriter({ name: spaceName ? `${t('app.name')} — ${spaceName}` : t('app.name'), timeZone: services.config.timeZone, t });
      // Written as read, a page of events at a time: a national network's feed stays small in memory.
      const pages = services.events.feed(teamId, since, spaceId);
      const first = await pages.next();
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `inline; filename="${slug ?? 'reseau'}.ics"`,
        'cache-control': 'private, max-age=300',
      });
      if (!(await write(res, ics.head))) return;
      if (!first.done && !(await write(res, ics.events(first.value)))) return;
      for await (const page of pages) if (!(await write(res, ics.events(page)))) return;
      res.end(ics.tail);
    })().catch((error: unknown) => {
      services.logger.error('calendar feed failed', { error });
      if (!res.headersSent) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Unavailable');
      } else {
        // Cut mid-way: the client sees an incomplete file, not a complete-looking one.
        res.destroy();
      }
    });
  };
  return [
    { path: '/calendar/:file', method: ['GET'], handler },
    { path: '/calendar/:token/:file', method: ['GET'], handler },
  ];
}
