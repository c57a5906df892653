// SVG → PNG for the CLI (ternary maps): the system Chromium renders the SVG exactly as the browser
// shows it (text included) — no font rasteriser of our own. Chromium comes from Debian
// (`npm test` installs it; ELECTRODE_LAB_CHROMIUM overrides the path).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** Renders each SVG to PNG bytes at `scale` × its width/height attributes. */
export async function svgsToPng(svgs: string[], scale = 2): Promise<Buffer[]> {
  const exe = process.env.ELECTRODE_LAB_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(exe)) throw new Error(`PNG export needs Chromium at ${exe} (install it with \`apt-get install -y chromium\` or set ELECTRODE_LAB_CHROMIUM); the SVG files were written.`);
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'electrode-lab-png-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: exe, headless: true, args: FLAGS, deviceScaleFactor: scale });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const out: Buffer[] = [];
    for (const svg of svgs) {
      const w = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 640), h = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 640);
      await page.setViewportSize({ width: w, height: h });
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      out.push(await page.screenshot({ clip: { x: 0, y: 0, width: w, height: h } }));
    }
    return out;
  } finally {
    await ctx.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
