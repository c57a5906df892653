// What every electrode-lab command shares: the usage-error type (exit code 64 with the command's
// usage), a strict option parser, and reading a scene from a JSON file or a preset name.
import { existsSync, readFileSync } from 'node:fs';
import { parseSceneJson } from '../scene/validate';
import { presets } from '../scene/presets';
import type { Scene } from '../scene/schema';

/** Bad command-line input: the command prints the message and its usage and exits with 64. */
export class UsageError extends Error {}

/**
 * Splits argv into positionals and options; `valued` options take the next argument, `flagsOnly`
 * stand alone, anything else starting with -- is refused with the allowed list.
 */
export function parseOptions(argv: string[], valued: readonly string[], flagsOnly: readonly string[] = []): { pos: string[]; flags: Map<string, string | true> } {
  const pos: string[] = [];
  const flags = new Map<string, string | true>();
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (!a.startsWith('--')) { pos.push(a); continue; }
    if (valued.includes(a)) {
      const v = argv[++k];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value.`);
      flags.set(a, v);
    } else if (flagsOnly.includes(a)) flags.set(a, true);
    else throw new UsageError(`unknown option ${a} (allowed: ${[...valued, ...flagsOnly].join(', ')}).`);
  }
  return { pos, flags };
}

/** A scene from a JSON file, or a preset by name (a file of that name wins); null after printing the validation errors. */
export function readScene(arg: string): Scene | null {
  if (!existsSync(arg)) {
    const p = presets.get(arg);
    if (!p) throw new UsageError(`'${arg}' is neither a scene file nor a preset (presets: ${[...presets.keys()].join(', ')}).`);
    return p.build();
  }
  const parsed = parseSceneJson(readFileSync(arg, 'utf8'));
  if (!parsed.ok) {
    console.error(`${arg}: the scene is invalid:\n${parsed.errors.map((e) => `  - ${e.message}`).join('\n')}`);
    return null;
  }
  for (const w of parsed.warnings) console.error(`warning: ${w}`);
  return parsed.scene;
}
