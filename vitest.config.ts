import { defineConfig } from 'vitest/config';

// Unit tests run once; flow tests run on SQLite and on PostgreSQL (a server at
// TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test).
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/flows/**/*.test.ts'],
          // *.pg.test.ts are about PostgreSQL itself (a server going away): they run there only.
          exclude: ['test/flows/**/*.pg.test.ts'],
          env: { TEST_DB: 'sqlite' },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: ['test/flows/**/*.test.ts'],
          // *.once.test.ts do not depend on the database's kind: they run on SQLite only.
          exclude: ['test/flows/**/*.once.test.ts'],
          env: { TEST_DB: 'postgresql' },
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
