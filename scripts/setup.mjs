#!/usr/bin/env node
// Electrode Lab setup: everything `npm start` and `npm test` need on a fresh clone.
// Plain Node ESM with no dependencies: node_modules may not exist yet when this runs.
//
//   node scripts/setup.mjs            install deps if missing/stale, build the WASM core if stale
//   node scripts/setup.mjs --browser  ... and make sure Chromium is there for the e2e tests
//   --force-core                      rebuild the WASM core (and the kMC module) even if they look up to date
//
// Env: ELECTRODE_LAB_CHROMIUM=/path/to/chromium  use that browser instead of /usr/bin/chromium.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const wantBrowser = args.has('--browser');
const forceCore = args.has('--force-core');

const log = (msg) => console.log(`[setup] ${msg}`);
function fail(msg) {
  console.error(`\n[setup] ERROR: ${msg}\n`);
  process.exit(1);
}

/** Run a command with inherited stdio; exit with a clear message if it fails. */
function run(cmd, cmdArgs, what) {
  log(`$ ${[cmd, ...cmdArgs].join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.error) fail(`${what}: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${what} failed (exit code ${r.status ?? r.signal}).`);
}

const mtime = (p) => statSync(p).mtimeMs;

// ---------------------------------------------------------------- Node version
const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail(`Node ${process.versions.node} is too old: Electrode Lab needs Node 20 or newer.`);

// ---------------------------------------------------------------- dependencies
function ensureDependencies() {
  const nm = join(root, 'node_modules');
  const lock = join(root, 'package-lock.json');
  const hasLock = existsSync(lock);
  // npm writes node_modules/.package-lock.json at the end of every successful install.
  const marker = join(nm, '.package-lock.json');
  let reason = null;
  if (!existsSync(nm)) reason = 'node_modules is missing';
  else if (!existsSync(marker)) reason = 'node_modules looks incomplete (no .package-lock.json)';
  else if (hasLock && mtime(marker) < mtime(lock)) reason = 'node_modules is older than package-lock.json';
  else if (!existsSync(join(nm, '.bin', process.platform === 'win32' ? 'asc.cmd' : 'asc')))
    reason = 'node_modules lacks assemblyscript';
  if (!reason) {
    log('dependencies: up to date');
    return;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  log(`dependencies: ${reason} -> ${hasLock ? 'npm ci' : 'npm install'}`);
  run(npm, hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'], 'Installing dependencies');
}

// ---------------------------------------------------------------- WASM core
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // catches deleted files
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function ensureCore() {
  const out = join(root, 'build', 'core.wasm');
  if (!existsSync(join(root, 'asconfig.json'))) fail('asconfig.json is missing: cannot build the WASM core.');
  const inputs = ['assembly', 'asconfig.json', 'package-lock.json'].map((p) => join(root, p));
  const newestInput = Math.max(...inputs.map(newestMtime));
  if (!forceCore && existsSync(out) && mtime(out) >= newestInput) {
    log(`WASM core: ${relative(root, out)} is up to date`);
    return;
  }
  log(`WASM core: building ${relative(root, out)}`);
  const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
  run(process.execPath, [asc, '--config', 'asconfig.json', '--target', 'release'], 'Building the WASM core');
  if (!existsSync(out)) fail(`the build finished but ${relative(root, out)} is not there: check asconfig.json.`);
}

// ---------------------------------------------------------------- WASM lithium-deposition kMC
function ensureKmc() {
  const out = join(root, 'build', 'kmc.wasm');
  if (!existsSync(join(root, 'asconfig.kmc.json'))) fail('asconfig.kmc.json is missing: cannot build the kMC module.');
  const inputs = ['assembly/kmc', 'asconfig.kmc.json', 'package-lock.json'].map((p) => join(root, p));
  const newestInput = Math.max(...inputs.map(newestMtime));
  if (!forceCore && existsSync(out) && mtime(out) >= newestInput) {
    log(`WASM kMC: ${relative(root, out)} is up to date`);
    return;
  }
  log(`WASM kMC: building ${relative(root, out)}`);
  const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
  run(process.execPath, [asc, '--config', 'asconfig.kmc.json', '--target', 'release'], 'Building the WASM kMC');
  if (!existsSync(out)) fail(`the build finished but ${relative(root, out)} is not there: check asconfig.kmc.json.`);
}

// ---------------------------------------------------------------- Chromium (e2e tests)
function ensureChromium() {
  const custom = process.env.ELECTRODE_LAB_CHROMIUM;
  if (custom) {
    if (!existsSync(custom)) fail(`ELECTRODE_LAB_CHROMIUM=${custom} does not exist.`);
    log(`browser: ${custom} (from ELECTRODE_LAB_CHROMIUM)`);
    return;
  }
  const chromium = '/usr/bin/chromium';
  if (existsSync(chromium)) {
    log(`browser: ${chromium}`);
    return;
  }
  const hint =
    'The end-to-end tests drive a real Chromium. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`)\n' +
    '  or point ELECTRODE_LAB_CHROMIUM at a Chromium/Chrome binary, then run `npm test` again.';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    fail(`${chromium} not found and it cannot be installed automatically here ` +
      `(${!hasApt ? 'no apt-get' : 'not running as root'}).\n  ${hint}`);
  }
  log(`browser: ${chromium} not found; installing Debian's chromium with apt-get (needs network, a few minutes)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const cmdArgs of [['update'], ['install', '-y', 'chromium']]) {
    log(`$ apt-get ${cmdArgs.join(' ')}`);
    const r = spawnSync('apt-get', cmdArgs, { stdio: 'inherit', env });
    if (r.status !== 0) fail(`\`apt-get ${cmdArgs.join(' ')}\` failed (exit code ${r.status ?? r.signal}).\n  ${hint}`);
  }
  if (!existsSync(chromium)) fail(`apt-get finished but ${chromium} is still missing.\n  ${hint}`);
  log(`browser: installed ${chromium}`);
}

ensureDependencies();
ensureCore();
ensureKmc();
if (wantBrowser) ensureChromium();
log('ready');
