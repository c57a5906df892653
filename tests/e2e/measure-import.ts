// Measures file import in headless Chromium: a synthetic LAMMPS dump of N atoms (one frame, written
// by src/io/dump-writer.ts, plain and gzip) goes in through the file input; prints the time until the
// file worker reports it loaded and until the first frame is drawn, and whether the page stayed
// responsive (longest gap between animation frames on the page's thread while it loaded).
// Not a test.   npx tsx tests/e2e/measure-import.ts [100000,300000] [spheres=impostor]
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { dumpFrameText } from '../../src/io/dump-writer';
import { Rng } from '../../src/psd/detmath';
import { Browser, startServer } from './harness';

const counts = (process.argv[2] ?? '100000,300000').split(',').map(Number);
/** extra query, e.g. spheres=impostor */
const extra = process.argv[3] ? `&${process.argv[3]}` : '';
const dir = mkdtempSync(join(tmpdir(), 'electrode-lab-measure-import-'));
const { server, baseUrl } = await startServer();
const b = new Browser();
await b.open();
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log('atoms    file          MB   loaded s   first frame s   longest page stall ms');
try {
  for (const n of counts) {
    const rng = new Rng(1);
    const L = 1e-3 * Math.cbrt(n / 1e5);
    const positions = new Float64Array(3 * n).map(() => rng.next() * L);
    const text = dumpFrameText({ count: n, positions, radii: new Float64Array(n).fill(5e-6), fields: {}, box: { lo: [0, 0, 0], hi: [L, L, L], periodic: [true, true, false] } });
    for (const gz of [false, true]) {
      const path = join(dir, `synthetic-${n}.dump${gz ? '.gz' : ''}`);
      const bytes = gz ? gzipSync(text) : Buffer.from(text);
      writeFileSync(path, bytes);
      const p = b.page;
      await p.goto(`${baseUrl}?autoplay=0${extra}`);
      await p.evaluate(() => window.electrodeLab.viewReady);
      // a string: tsx would wrap a function's inner closures in its __name helper, unknown in the page
      await p.evaluate(`(() => {
        window.stall = 0; window.last = performance.now();
        const f = () => { const t = performance.now(); window.stall = Math.max(window.stall, t - window.last); window.last = t; requestAnimationFrame(f); };
        requestAnimationFrame(f);
      })()`);
      const t0 = Date.now();
      await p.setInputFiles('[data-file=input]', path);
      await p.waitForFunction(() => window.electrodeLab.file().mode, null, { timeout: 300_000, polling: 50 });
      const loaded = (Date.now() - t0) / 1000;
      await p.waitForFunction((k) => window.electrodeLab.stats()?.particles === k, n, { timeout: 300_000, polling: 50 });
      const drawn = (Date.now() - t0) / 1000;
      const stall = await p.evaluate(() => (window as unknown as { stall: number }).stall);
      console.log(`${String(n).padEnd(8)} ${(gz ? 'gzip' : 'text').padEnd(10)} ${(bytes.length / 1e6).toFixed(1).padStart(6)} ${loaded.toFixed(2).padStart(10)} ${drawn.toFixed(2).padStart(15)} ${stall.toFixed(0).padStart(23)}`);
    }
  }
} finally {
  await b.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
