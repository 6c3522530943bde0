// Cron slots in a time zone: which minutes match an expression, computed by node-cron's
// own matcher so that the scheduler and the catch-up agree.
import cron from 'node-cron';

export function isValidCron(expression: string): boolean {
  return expression.trim().split(/\s+/).length === 5 && cron.validate(expression);
}

/** Matcher for minute instants of a cron expression in a time zone. */
export function cronMatcher(expression: string, timeZone: string): (instant: Date) => boolean {
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  return (instant) => task.match(instant);
}

export function floorToMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
}

/** Matching minute slots in (from, to], newest first. */
export function slotsBetween(expression: string, timeZone: string, from: Date, to: Date): Date[] {
  const match = cronMatcher(expression, timeZone);
  const out: Date[] = [];
  for (let t = floorToMinute(to).getTime(); t > from.getTime(); t -= 60_000) {
    const d = new Date(t);
    if (match(d)) out.push(d);
  }
  return out;
}
