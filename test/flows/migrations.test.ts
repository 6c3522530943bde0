// Start-up skips the schema engine when nothing is pending: the check must see exactly which
// committed migrations a database lacks, on SQLite and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { applyMigrations, pgAdmin, readMigrations, unappliedMigrations } from '../../src/db/migrations.ts';
import { currentProvider, freshDatabase } from '../support/database.ts';

it('finds nothing pending on a migrated database', async () => {
  const db = await freshDatabase();
  try {
    expect(await unappliedMigrations(db.database)).toEqual([]);
  } finally {
    await db.drop();
  }
});

it('finds every migration pending on an empty database, and none once they are applied', async () => {
  const provider = currentProvider();
  const committed = readMigrations(provider).migrationDirectories.map((d) => d.path);
  expect(committed.length).toBeGreaterThan(3);
  let url: string;
  let remove: () => Promise<void>;
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tl-empty-'));
    url = `file:${join(dir, 'empty.db')}`;
    remove = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `tl_empty_${process.pid}_${Date.now()}`;
    const admin = inject('pgAdminUrl');
    await pgAdmin(admin, `CREATE DATABASE "${name}"`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    remove = () => pgAdmin(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  try {
    const before = await openDatabase(url);
    expect(await unappliedMigrations(before)).toEqual(committed);
    await before.close();
    expect(await applyMigrations(url)).toEqual(committed);
    const after = await openDatabase(url);
    expect(await unappliedMigrations(after)).toEqual([]);
    await after.close();
  } finally {
    await remove();
  }
});
