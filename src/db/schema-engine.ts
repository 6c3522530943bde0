// Prisma's schema engine, compiled to WebAssembly and published on npm, driven
// through a driver adapter. Prisma 7's CLI insists on downloading its native
// engine before `migrate`; this module gives the app the same migration format
// (folders of migration.sql, the `_prisma_migrations` table) with no download.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

/** The part of the WebAssembly global we use (its types ship with lib.dom, which we do not load). */
interface WasmRuntime {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

/**
 * Process-wide state: the bindings module is shared by every importer in the process (even
 * when a test runner loads this file several times), so it must be given one wasm instance
 * only, and engines must not run side by side on that instance.
 */
interface EngineState {
  loaded?: Promise<Bindings>;
  queue: Promise<unknown>;
}
const STATE_KEY = Symbol.for('tiers-lieux.schema-engine');
const slots = globalThis as Record<symbol, EngineState | undefined>;
slots[STATE_KEY] ??= { queue: Promise.resolve() };
const state: EngineState = slots[STATE_KEY];

/** Runs schema-engine work one at a time in this process. */
export function serialised<T>(work: () => Promise<T>): Promise<T> {
  const result = state.queue.then(work, work);
  state.queue = result.catch(() => undefined);
  return result;
}

/**
 * The engine arms timers (connection time-outs, 10 s) that outlive its work: unref'd, they no
 * longer keep a finished command-line tool waiting before it exits.
 */
function withUnrefTimers(bindings: Bindings): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const [name, value] of Object.entries(bindings)) {
    if (!name.startsWith('__wbg_setTimeout') || typeof value !== 'function') continue;
    imports[name] = (...args: unknown[]) => {
      const timer: unknown = Reflect.apply(value, undefined, args);
      if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') timer.unref();
      return timer;
    };
  }
  return imports;
}

/** Instantiates the wasm module once per process (Node 20 cannot import .wasm as ES modules). */
function loadBindings(): Promise<Bindings> {
  state.loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bindings: Bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(pkgDir, 'schema_engine_bg.wasm'));
    const { instance } = await wasmRuntime.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(bindings) });
    bindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === 'function') start();
    return bindings;
  })();
  return state.loaded;
}

export type SchemaEngineLog = (line: string) => void;

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (SQLite would stay locked otherwise). */
  close(): Promise<void>;
}

/** Opens a schema engine on the database the adapter factory reaches. */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string; content: string } | undefined,
  log: SchemaEngineLog = () => undefined,
): Promise<OpenedSchemaEngine> {
  const bindings = await loadBindings();
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const engine = await bindings.SchemaEngine.new(
    { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
    log,
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  return {
    engine,
    async close() {
      engine.free();
      for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => undefined);
    },
  };
}
