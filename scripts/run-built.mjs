#!/usr/bin/env node
// Runs one entry point of the app as compiled JavaScript (dist/), which starts faster and
// weighs less than TypeScript compiled on the fly. The build happens at install
// (`npm install` / `npm ci` run `npm run build`); when a source file is newer than the last
// build (a developer edited src/), it is rebuilt first, so `npm start` never runs stale code.
//
//   node scripts/run-built.mjs main            → dist/main.js      (npm start)
//   node scripts/run-built.mjs cli/job -- …    → dist/cli/job.js   (npm run job)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');

/** The newest modification time under a folder (TypeScript sources only). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

export function build() {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  writeFileSync(stamp, new Date().toISOString());
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const entry = process.argv[2];
  if (!entry) {
    // `npm run build`: build now.
    build();
  } else {
    if (!existsSync(stamp) || statSync(stamp).mtimeMs < newest(join(root, 'src'))) {
      console.error('Building the JavaScript of the app (sources changed since the last build)…');
      build();
    }
    // The entry point reads its own arguments from process.argv.slice(2).
    process.argv.splice(2, 1);
    await import(pathToFileURL(join(root, 'dist', `${entry}.js`)).href);
  }
}
