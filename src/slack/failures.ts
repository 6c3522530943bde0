// What a user is told when something fails: never a stack trace, never silence.
import type { MessageKey } from '../i18n/index.ts';
import { SlackCallError } from './gateway.ts';

const DATABASE_ERROR_NAMES = new Set([
  'PrismaClientInitializationError',
  'PrismaClientUnknownRequestError',
  'PrismaClientRustPanicError',
  'DriverAdapterError',
]);

export function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (DATABASE_ERROR_NAMES.has(error.name)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^P10\d\d$/.test(code)) return true;
  return /ECONNREFUSED|SQLITE_BUSY|SQLITE_CANTOPEN|database is locked|Connection terminated|timeout exceeded when trying to connect/i.test(
    error.message,
  );
}

export function apologyFor(error: unknown): MessageKey {
  if (isDatabaseError(error)) return 'error.database';
  if (error instanceof SlackCallError) return 'error.slackFailed';
  return 'error.generic';
}
