// `npm start` measured as an operator sees it: from the command to /healthz answering, then the
// app process's resident memory after ten idle seconds. Slack is a local stand-in answering
// every Web API method with `ok`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEAM } from './dataset.ts';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function freePort(): Promise<number> {
  const probe = createServer();
  return listen(probe).then((port) => new Promise((resolve) => probe.close(() => resolve(port))));
}

/** Resident memory of a process, in MB (Linux). */
export function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

/**
 * The command an npm script runs (`npm start`, `npm run export`…), as package.json says, so
 * that the bench measures exactly what an operator runs (without npm's own process).
 */
export function npmScript(name: string, ...args: string[]): string[] {
  const pkg: unknown = JSON.parse(readFileSync('package.json', 'utf8'));
  const scripts = typeof pkg === 'object' && pkg !== null && 'scripts' in pkg ? (pkg.scripts as Record<string, unknown>) : {};
  const line = scripts[name];
  // `exec node …`: the shell npm starts hands over to node, which then gets the signals.
  const command = typeof line === 'string' ? line.replace(/^exec /, '') : '';
  if (!command.startsWith('node ')) throw new Error(`npm script ${name} does not run node`);
  return [process.execPath, ...command.slice('node '.length).split(/\s+/), ...args];
}

/** The V8 flags `npm start` runs with (the bench's own measurements run under the same bounds). */
export function productionFlags(): string[] {
  return npmScript('start').filter((arg) => arg.startsWith('--'));
}

export async function startAndIdle(databaseUrl: string): Promise<{ readyMs: number; idleRssMb: number }> {
  const slack = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('auth.test')) {
      res.end(JSON.stringify({ ok: true, team_id: TEAM, team: 'Réseau national', user_id: 'U0BOT', bot_id: 'B0BOT', user: 'bench' }));
    } else {
      res.end(JSON.stringify({ ok: true }));
    }
  });
  const slackPort = await listen(slack);
  const port = await freePort();
  const t0 = performance.now();
  const [node = process.execPath, ...args] = npmScript('start');
  const child = spawn(node, args, {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    let readyMs = Number.NaN;
    while (performance.now() - t0 < 30_000) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        readyMs = performance.now() - t0;
        break;
      }
      await sleep(25);
    }
    await sleep(10_000);
    const idleRssMb = child.pid ? rssOf(child.pid) : Number.NaN;
    return { readyMs, idleRssMb };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    slack.close();
  }
}
