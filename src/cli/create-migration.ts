// npm run db:migration -- <name>
// After editing prisma/models.prisma: rebuilds both schemas, regenerates both clients and
// writes one migration per provider (SQLite in memory; PostgreSQL through a temporary
// shadow database on the server given by MIGRATION_POSTGRES_URL, default the local one).

import { generateClients, writeSchemas } from '../../scripts/prisma-generate.mjs';
import { createMigration } from '../db/migrations.ts';

const name = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!name) {
  console.error('Usage: npm run db:migration -- <name>   (e.g. add_events)');
  process.exit(2);
}
const postgresUrl = process.env.MIGRATION_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

writeSchemas();
generateClients();
for (const provider of ['sqlite', 'postgresql'] as const) {
  const folder = await createMigration(provider, name, postgresUrl);
  console.log(folder ? `${provider}: created prisma/${provider}/migrations/${folder}` : `${provider}: schema unchanged, no migration`);
}
process.exit(0);
