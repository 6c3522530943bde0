#!/usr/bin/env node
// Builds prisma/<provider>/schema.prisma from prisma/models.prisma and generates
// both Prisma clients, without downloading anything.
//
// Why a script: the app runs the same models on SQLite and PostgreSQL, and Prisma
// wants one schema (and one migrations folder) per provider. Prisma's CLI tries to
// download its native schema engine first; `generate` does not run that engine, so
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const PROVIDERS = ['sqlite', 'postgresql'];

export function composeSchema(provider) {
  const models = readFileSync(join(root, 'prisma', 'models.prisma'), 'utf8');
  const header = `// GENERATED from prisma/models.prisma by scripts/prisma-generate.mjs: do not edit by hand.

generator client {
  provider     = "prisma-client"
  output       = "../../src/generated/${provider}"
  moduleFormat = "esm"
  runtime      = "nodejs"
  compilerBuild = "small"
}

datasource db {
  provider = "${provider}"
}
`;
  return `${header}\n${models}`;
}

export function writeSchemas() {
  for (const provider of PROVIDERS) {
    const file = join(root, 'prisma', provider, 'schema.prisma');
    const text = composeSchema(provider);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  }
}

export function generateClients() {
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
  for (const provider of PROVIDERS) {
    execFileSync(process.execPath, [cli, 'generate', '--schema', join('prisma', provider, 'schema.prisma')], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeSchemas();
  generateClients();
}
