// Running the command-line entry points as a user runs them: through tsx, from an empty folder
// (so no developer .env is read), with only the given environment.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/db/migrations.ts';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

/** Child processes started through tsx take seconds on a loaded two-core machine. */
export const CLI_TEST_TIMEOUT_MS = 60_000;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI script to its end. */
export function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'tl-cli-'));
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(PROJECT_ROOT, script), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningMain {
  port: number;
  output: () => string;
  /** Whether the process is still running (it may end by itself, e.g. crash). */
  running(): boolean;
  pid: number;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * A port nobody listens on now, chosen by the system (a random one could be a test server's:
 * the app would then fail to start).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the app and waits until /healthz answers: from its TypeScript sources, or as
 * `npm start` runs it (the compiled JavaScript, rebuilt first when the sources changed).
 */
export async function startMain(databaseUrl: string, env: Record<string, string>, options: { built?: boolean } = {}): Promise<RunningMain> {
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), 'tl-start-'));
  const [command, args] = options.built
    ? [process.execPath, [join(PROJECT_ROOT, 'scripts/run-built.mjs'), 'main']]
    : [TSX, [join(PROJECT_ROOT, 'src/main.ts')]];
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, PORT: String(port), ...env },
  });
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      ended = true;
      resolve(code);
    }),
  );
  // A start that rebuilds the JavaScript first takes longer.
  let healthy = false;
  for (let i = 0; i < 250 && !healthy; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    healthy = health?.status === 200;
  }
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`the app never answered /healthz on port ${port}; it said:\n${output.slice(-3000)}`);
  }
  return {
    port,
    output: () => output,
    running: () => !ended,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(cwd, { recursive: true, force: true });
      return code;
    },
  };
}

export interface Started {
  child: ReturnType<typeof spawn>;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Starts a command-line entry point as `npm run …` runs it — the compiled JavaScript, in one
 * process (so that a signal sent to it reaches the app itself, e.g. SIGKILL in crash tests).
 */
export function startBuilt(entry: string, args: string[], env: Record<string, string>): Started {
  const cwd = mkdtempSync(join(tmpdir(), 'tl-cli-'));
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts/run-built.mjs'), entry, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}
