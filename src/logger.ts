// A small leveled logger writing one line per record to stderr.
// Tokens are redacted wherever they appear; callers never log contract details.
import type { LogLevel } from './config.ts';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(name: string): Logger;
  readonly level: LogLevel;
}

const TOKEN = /\bx(?:ox[abpe]|app)-[A-Za-z0-9-]+/g;

export function redact(text: string): string {
  return text.replace(TOKEN, '[redacted-token]');
}

function serialise(fields: Record<string, unknown> | undefined): string {
  if (!fields || Object.keys(fields).length === 0) return '';
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    // Only the first line of an error: database errors go on to quote the query's arguments,
    // which may hold personal details (contract notes…).
    plain[key] =
      value instanceof Error
        ? {
            name: value.name,
            message:
              value.message
                .split('\n')
                .find((l) => l.trim() !== '')
                ?.trim()
                .slice(0, 300) ?? '',
            ...codeOf(value),
          }
        : value;
  }
  return ` ${JSON.stringify(plain)}`;
}

function codeOf(error: Error): { code?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code } : {};
}

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel, name = 'app', sink: LogSink = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[at] < ORDER[level]) return;
    sink(redact(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${message}${serialise(fields)}`));
  };
  return {
    level,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (child) => createLogger(level, `${name}:${child}`, sink),
  };
}

/** A logger that keeps its lines in memory (tests, dry runs). */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger(level, 'test', (line) => lines.push(line));
  return Object.assign(logger, { lines });
}
