// Once per run: migrate a template database for the project's provider.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Provider } from '../../src/db/client.ts';
import { applyMigrations, pgAdmin } from '../../src/db/migrations.ts';

export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provider = (project.config.env?.TEST_DB ?? 'sqlite') as Provider;
  project.provide('dbProvider', provider);
  project.provide('pgAdminUrl', PG_ADMIN_URL);
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tl-template-'));
    const file = join(dir, 'template.db');
    await applyMigrations(`file:${file}`);
    project.provide('sqliteTemplate', file);
    project.provide('pgTemplate', '');
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const name = `tl_template_${process.pid}_${Date.now()}`;
  try {
    await pgAdmin(PG_ADMIN_URL, `CREATE DATABASE "${name}"`);
  } catch (error) {
    throw new Error(`The PostgreSQL test project needs a server at ${PG_ADMIN_URL} (set TEST_POSTGRES_URL): ${String(error)}`);
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  project.provide('pgTemplate', name);
  project.provide('sqliteTemplate', '');
  return async () => pgAdmin(PG_ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
