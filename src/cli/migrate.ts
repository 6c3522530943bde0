// npm run db:migrate: applies the pending migrations to DATABASE_URL (npm start does it too).
import { loadConfigOrExit } from '../bootstrap.ts';
import { applyMigrations } from '../db/migrations.ts';

const config = loadConfigOrExit();
try {
  const applied = await applyMigrations(config.databaseUrl);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
}
