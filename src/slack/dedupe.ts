// Slack retries event deliveries (and sometimes sends one twice): an event whose id was
// already processed changes nothing. Bolt does not do this by itself.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/client.ts';
import type { Logger } from '../logger.ts';

export function dropDuplicateEvents(db: Db, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = typeof body === 'object' && body !== null && 'event_id' in body ? body.event_id : undefined;
    if (typeof eventId !== 'string' || eventId === '') {
      await next();
      return;
    }
    try {
      await db.processedEvent.create({ data: { eventId, teamId: context.teamId ?? '' } });
    } catch (error) {
      if (isUniqueViolation(error)) {
        logger.debug('duplicate event delivery ignored', { eventId, retryNum: context.retryNum });
        return;
      }
      throw error;
    }
    await next();
  };
}

/** Processed event ids received before `before` (Slack retries within minutes). */
export async function countProcessedEvents(db: Db, before: Date): Promise<number> {
  return db.processedEvent.count({ where: { receivedAt: { lt: before } } });
}

export async function forgetProcessedEvents(db: Db, before: Date): Promise<number> {
  return (await db.processedEvent.deleteMany({ where: { receivedAt: { lt: before } } })).count;
}
