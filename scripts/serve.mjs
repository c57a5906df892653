#!/usr/bin/env node
// `npm start` second half: serve the app with Vite (dev server, COOP/COEP headers from vite.config.ts).
// Extra arguments go to vite: `npm start -- --host 0.0.0.0 --port 8080`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
console.log('[start] serving Electrode Lab with Vite; open the "Local:" URL below (Ctrl+C to stop)');
const child = spawn(process.execPath, [vite, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
