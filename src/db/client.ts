// The Prisma client for SQLite (default, embedded) or PostgreSQL, chosen by DATABASE_URL.
// Both clients are generated from the same models (prisma/models.prisma), so they have
// the same API; the app is typed against the SQLite one.
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Prisma, PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';

export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;
/** What a repository queries: the database, or one transaction. */
export type Client = Db | Tx;
export type Provider = 'sqlite' | 'postgresql';

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

/** Absolute path of a `file:` SQLite URL, relative paths taken from the working directory. */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, '');
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/**
 * Discrete connection fields for pg: the pg adapter opens the shadow database by overriding
 * `database`, which a connectionString would silently win over.
 */
export function pgConfig(url: string): {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: boolean | undefined;
} {
  const u = new URL(url);
  const sslmode = u.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || 'postgres',
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    ssl: sslmode && sslmode !== 'disable' ? true : undefined,
  };
}

/** The driver adapter of the provider (only that provider's driver is loaded). */
export async function adapterFactory(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === 'postgresql') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    return new PrismaPg(pgConfig(url));
  }
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  return new PrismaBetterSqlite3({ url: `file:${path}`, timeout: 5000 });
}

export interface Database {
  prisma: Db;
  provider: Provider;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database of `url`, loading only its provider's generated client and driver. */
export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  const adapter = await adapterFactory(url);
  // The PostgreSQL client is generated from the same models as the SQLite one: same methods,
  // same arguments, same results. TypeScript cannot prove two generated classes equal, hence
  // this single, deliberate conversion.
  const prisma: Db =
    provider === 'postgresql'
      ? (new (await import('../generated/postgresql/client.ts')).PrismaClient({ adapter }) as unknown as Db)
      : new (await import('../generated/sqlite/client.ts')).PrismaClient({ adapter });
  return {
    prisma,
    provider,
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close: () => prisma.$disconnect(),
  };
}

/** True for a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}

/** Runs a write that may hit a unique key: true when it wrote, false when the row was already there. */
export async function writeOnce(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** A row with SQL's nulls read as the domain's "absent" (undefined). */
export type Present<T> = { [K in keyof T]: Exclude<T[K], null> | (null extends T[K] ? undefined : never) };

export function nullsAsUndefined<T extends object>(row: T): Present<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = value === null ? undefined : value;
  // Same keys, each null replaced by undefined: exactly Present<T>.
  return out as Present<T>;
}

/**
 * Rows read with their relations loaded by id lists: a page stays far below SQLite's limit on
 * query parameters (and PostgreSQL's), whatever the size of the network.
 */
export const PAGE_SIZE = 500;

/**
 * Rows read for a list of ids of any length, `PAGE_SIZE` ids a query: far below SQLite's and
 * PostgreSQL's limits on query parameters.
 */
export async function readByIdLists<I, T>(ids: readonly I[], read: (some: I[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += PAGE_SIZE) rows.push(...(await read(ids.slice(i, i + PAGE_SIZE))));
  return rows;
}

/** Where the next page starts: after the last row read (Prisma cursor pagination, by unique id). */
export type PageStart = { cursor: { id: number }; skip: 1 } | Record<string, never>;

/**
 * Every row a paged query gives, read `PAGE_SIZE` at a time, up to `limit` rows (all of them
 * when no limit is given): nothing is silently cut.
 */
export async function readInPages<T extends { id: number }>(
  read: (start: PageStart, take: number) => Promise<T[]>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const rows: T[] = [];
  let start: PageStart = {};
  while (rows.length < limit) {
    const take = Math.min(PAGE_SIZE, limit - rows.length);
    const page = await read(start, take);
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < take || !last) break;
    start = { cursor: { id: last.id }, skip: 1 };
  }
  return rows;
}
