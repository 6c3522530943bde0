// Running the command-line entry points as a user runs them: through tsx, from an empty folder
// (so no developer .env is read), with only the given environment.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the app and waits until /healthz answers: from its TypeScript sources, or as
 * `npm start` runs it (the compiled JavaScript, rebuilt first when the sources changed).
 */
export async function startMain(databaseUrl: string, env: Record<string, string>, options: { built?: boolean } = {}): Promise<RunningMain> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
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
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // A start that rebuilds the JavaScript first takes longer.
  for (let i = 0; i < 250; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (health?.status === 200) break;
  }
  return {
    port,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(cwd, { recursive: true, force: true });
      return code;
    },
  };
}
