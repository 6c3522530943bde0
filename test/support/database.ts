// A fresh, migrated database per test file, on the provider of the current vitest project.
// Migrations run once per run into a template (SQLite file / PostgreSQL template database);
// each test file gets a copy.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type Database, openDatabase, type Provider } from '../../src/db/client.ts';
import { pgAdmin } from '../../src/db/migrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbProvider: Provider;
    sqliteTemplate: string;
    pgTemplate: string;
    pgAdminUrl: string;
  }
}

export interface TestDatabase {
  url: string;
  database: Database;
  provider: Provider;
  drop(): Promise<void>;
}

export function currentProvider(): Provider {
  return inject('dbProvider');
}

export async function freshDatabase(provider: Provider = currentProvider()): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tl-test-'));
    const file = join(dir, 'test.db');
    copyFileSync(inject('sqliteTemplate'), file);
    return opened(`file:${file}`, provider, () => rmSync(dir, { recursive: true, force: true }));
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `tl_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await pgAdmin(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant: PostgreSQL asks one to wait.
      if (attempt > 20 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return opened(u.toString(), provider, () => pgAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The test database at `url`, and how to close and remove it. */
async function opened(url: string, provider: Provider, remove: () => unknown): Promise<TestDatabase> {
  const database = await openDatabase(url);
  return {
    url,
    database,
    provider,
    drop: async () => {
      await database.close();
      await remove();
    },
  };
}
