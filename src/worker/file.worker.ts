// The particle-file worker: reads a dropped or picked file (LIGGGHTS/LAMMPS dump, plain or gzip,
// or .vtp) with loadParticleFile (src/io/dump-source.ts) so a big file never blocks the page, keeps
// its frames, and answers the view's frame requests. Speaks FileCommand/FileEvent of ./messages.ts.
import { loadParticleFile, DumpError, type LoadedDump } from '../io/dump-source';
import type { FileCommand, FileEvent } from './messages';
import { fileFrame, frameSet, resolveUnits, setColumns } from './file-frames';

let loaded: LoadedDump | null = null;
/** the 'auto' unit style of the loaded file (resolveUnits of its reference frame) */
let autoUnits: 'si' | 'micro' = 'si';

/** The frame whose radii decide the 'auto' unit style: the first with particles (a pour's first frames may be empty). */
const unitReference = (d: LoadedDump) => d.frames.find((f) => f.count > 0) ?? d.frames[0] ?? null;
let abort: AbortController | null = null;

const post = (e: FileEvent, transfer: Transferable[] = []) => self.postMessage(e, { transfer });

function postError(err: unknown): void {
  const e = err as Error;
  const cancelled = e?.name === 'AbortError';
  post({ type: 'fileError', message: cancelled ? 'Loading was cancelled.' : (e?.message ?? String(err)), line: err instanceof DumpError ? err.line : 0, cancelled });
}

async function open(file: Blob & { name?: string }): Promise<void> {
  abort?.abort();
  const ctl = abort = new AbortController();
  const t0 = performance.now();
  let frames = 0, lastPost = 0;
  const result = await loadParticleFile(file, {
    signal: ctl.signal,
    onFrame: () => { frames++; },
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastPost < 50 && p.fraction < 1) return; // ~20 progress messages a second at most
      lastPost = now;
      post({ type: 'fileProgress', fraction: p.fraction, bytesRead: p.bytesRead, totalBytes: p.totalBytes ?? file.size, frames });
    },
  });
  if (ctl !== abort) return; // superseded by a newer file
  abort = null;
  if (result.format === 'dump' && result.frames.length === 0) throw new DumpError('the file holds no complete frame (no ITEM: TIMESTEP … ITEM: ATOMS block)', 0);
  loaded = result;
  // the 'auto' guess sorts every radius of the reference frame: once per file, not per frame shown
  autoUnits = resolveUnits(unitReference(result), 'auto');
  const first = result.particles ?? frameSet(result.frames[0], autoUnits);
  post({
    type: 'fileLoaded', name: result.name, format: result.format, gzip: result.gzip,
    frames: result.particles
      ? [{ timestep: result.particles.timestep ?? 0, count: result.particles.count, time: result.particles.time ?? null }]
      : result.frames.map((f) => ({ timestep: f.timestep, count: f.count, time: f.time })),
    columns: setColumns(first),
    units: result.frames[0]?.units ?? null,
    seconds: (performance.now() - t0) / 1000,
  });
}

function frame(index: number, column: string | null, units: 'auto' | 'si' | 'micro'): void {
  if (!loaded) throw new Error('No particle file is loaded.');
  const n = loaded.particles ? 1 : loaded.frames.length;
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new RangeError(`frame index ${index} is outside 0…${n - 1}`);
  if (loaded.particles) {
    const { event, transfer } = fileFrame(loaded.particles, 0, column, 'si');
    post(event, transfer);
    return;
  }
  const f = loaded.frames[index];
  const u = units === 'auto' ? autoUnits : units;
  const { event, transfer } = fileFrame(frameSet(f, u), index, column, u);
  post(event, transfer);
}

self.onmessage = (e: MessageEvent<FileCommand>) => {
  const cmd = e.data;
  try {
    if (cmd.type === 'open') open(cmd.file).catch(postError);
    else if (cmd.type === 'frame') frame(cmd.index, cmd.column, cmd.units);
    else if (cmd.type === 'cancel') abort?.abort();
  } catch (err) {
    postError(err);
  }
};
