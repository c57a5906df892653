// Benchmark (prints numbers; not a test): loads a 1-million-particle single-frame LIGGGHTS dump into
// the app in headless Chromium through the file picker (streamed parsing in src/worker/file.worker.ts)
// and prints the load time and the peak resident memory of all Chromium processes, sampled from
// /proc every 200 ms (the Chromium processes this script launched: page + workers + GPU process).
//   npx tsx bench/browser-import-1m.ts [N=1000000] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, root, startServer } from '../tests/e2e/harness';

const N = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'el-big-import-'));
const file = join(dir, 'big.dump');
execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'bench-dump-read.ts'), String(N), '--g6', '--write-only', file], { stdio: 'inherit', cwd: root });
console.log(`dump: ${N} particles, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB (6-digit values, as LIGGGHTS writes them)`);

/** Sum of VmRSS over every descendant process of this one (the Chromium that Playwright launched:
 * browser, renderer with the page and its workers, GPU and utility processes), MiB. */
function chromiumRss(): number {
  const parent = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try { parent.set(Number(pid), Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1])); } catch { /* ended */ }
  }
  const mine = (pid: number): boolean => { for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true; return false; };
  let kb = 0;
  for (const pid of parent.keys()) {
    if (!mine(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch { /* process ended */ }
  }
  return kb / 1024;
}

const { server, baseUrl } = await startServer();
const b = new Browser();
await b.open();
try {
  const { page } = b;
  await page.goto(`${baseUrl}?autoplay=0&spheres=impostor`);
  await page.waitForFunction(() => window.electrodeLab.renders() > 0, null, { timeout: 120_000 });
  const base = chromiumRss();
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 200);
  await page.click('#fileTool summary');
  const t0 = Date.now();
  await page.setInputFiles('[data-file=input]', file);
  await page.waitForFunction((n) => window.electrodeLab.stats()?.particles === n, N, { timeout: 600_000, polling: 500 });
  const loaded = (Date.now() - t0) / 1000;
  await page.waitForFunction(() => true, null);
  clearInterval(timer);
  console.log(`loaded and handed to the view in ${loaded.toFixed(1)} s; Chromium RSS ${base.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB (+${(peak - base).toFixed(0)} MiB); page errors: ${b.errors.length ? b.errors.join(' | ') : 'none'}`);
} finally {
  await b.close();
  await server.close();
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
