// Browser-facing loader for particle files dropped on the page or picked with <input type=file>:
// streams a File/Blob (LAMMPS/LIGGGHTS text dump, plain or gzip; or a .vtp) with progress and
// returns its frames as typed arrays. No DOM access beyond Blob/File and streams, so it also runs
// in a Worker (recommended for big files: the parse then never blocks the page) and in Node ≥ 20.
import { readDumpStream, DumpError, type DumpFrame, type ReadProgress } from './dump-reader';
import { frameToParticleSet, type ParticleSet } from './particle-set';
import { readVtp } from './vtp';

export type { DumpFrame, ReadProgress, ParticleSet };
export { DumpError };

export interface LoadOptions {
  /** Bytes read so far of the file (compressed bytes for .gz); `fraction` in [0, 1]. */
  onProgress?: (p: ReadProgress & { fraction: number }) => void;
  /** Each frame as soon as it is complete (a timeline can show frame 1 while the rest loads). */
  onFrame?: (frame: DumpFrame) => void;
  /** Cancels the read (the promise rejects with an Error named 'AbortError'). */
  signal?: AbortSignal;
  /** 32 (default here: half the memory, what WebGL/WebGPU buffers take) or 64-bit float columns. */
  float?: 32 | 64;
  /** Keep every frame (default true); false keeps none (use onFrame). */
  keepFrames?: boolean;
}

export interface LoadedDump {
  name: string;
  /** 'dump' (text or gzip) or 'vtp'. */
  format: 'dump' | 'vtp';
  gzip: boolean;
  frames: DumpFrame[];
  /** Set for .vtp files (one state, SI units); null for dumps (convert frames with frameToParticleSet). */
  particles: ParticleSet | null;
}

/**
 * Loads a particle file. Dumps are recognised by content (gzip magic number, "ITEM:" lines), .vtp
 * by its name or an XML start. Errors are DumpError with `line` set (show `error.message`).
 */
export async function loadParticleFile(file: Blob & { name?: string }, o: LoadOptions = {}): Promise<LoadedDump> {
  const name = file.name ?? 'particles';
  const total = file.size;
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const headText = new TextDecoder().decode(head);
  if (/\.vtp$/i.test(name) || /^\s*<\?xml|^\s*<VTKFile/.test(headText)) {
    const text = await file.text();
    o.onProgress?.({ bytesRead: total, totalBytes: total, fraction: 1 });
    return { name, format: 'vtp', gzip: false, frames: [], particles: readVtp(text) };
  }
  const r = await readDumpStream(file.stream() as ReadableStream<Uint8Array>, {
    float: o.float ?? 32, keepFrames: o.keepFrames, onFrame: o.onFrame, signal: o.signal, totalBytes: total,
    onProgress: o.onProgress ? (p) => o.onProgress!({ ...p, fraction: total > 0 ? Math.min(1, p.bytesRead / total) : 1 }) : undefined,
  });
  return { name, format: 'dump', gzip: r.gzip, frames: r.frames, particles: null };
}

/** A frame's particles (SI as written by LIGGGHTS `units si`), with a radius for dumps without one. */
export function frameParticles(frame: DumpFrame, defaultRadius?: number): ParticleSet {
  return frameToParticleSet(frame, { defaultRadius });
}
