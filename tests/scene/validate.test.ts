import { describe, expect, it } from 'vitest';
import { rayleighTime, stableTimestepBound, validateScene, type Scene } from '../../src/scene';
import { edit, errorAt, errorsOf, minimal } from './helpers';

function valid(scene: unknown): { scene: Scene; warnings: string[] } {
  const r = validateScene(scene);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}

describe('defaults and copying', () => {
  it('fills every default of a scene that gives only the required fields', () => {
    const { scene, warnings } = valid(minimal());
    expect(warnings).toEqual([]);
    expect(scene.seed).toBe(1);
    expect(scene.gravity).toBe(9.81);
    expect(scene.materials[0]).toMatchObject({ rollingFriction: 0, yieldPressure: null });
    expect(scene.domain.insertFraction).toBe(0.25);
    expect(scene.walls.platen.z).toBeNull();
    expect(scene.solver).toEqual({ timestep: null, timestepFraction: 0.2, skin: 0.3, rolling: 'none', maxOverlapRatio: 0.5 });
    expect(scene.protocol[0]).toEqual({ type: 'fill', maxTime: 0.05, settleSpeed: 1e-3 });
  });

  it('keeps given values instead of defaults', () => {
    const { scene } = valid(edit((s) => {
      s.seed = 42;
      s.gravity = 0;
      s.solver = { rolling: 'epsd' };
      s.materials[0].rollingFriction = 0.1;
      s.materials[0].yieldPressure = 1e8;
    }));
    expect(scene.seed).toBe(42);
    expect(scene.gravity).toBe(0);
    expect(scene.solver.rolling).toBe('epsd');
    expect(scene.solver.skin).toBe(0.3);
    expect(scene.materials[0].yieldPressure).toBe(1e8);
  });

  it('returns a deep copy', () => {
    const input = minimal();
    const { scene } = valid(input);
    expect(scene.materials).not.toBe(input.materials);
    expect(scene.materials[0]).not.toBe(input.materials[0]);
    scene.materials[0].density = 1;
    (scene.particles as { count: number }).count = 7;
    expect(input.materials[0].density).toBe(2200);
    expect(input.particles.count).toBe(100);
  });

  it('treats an explicit undefined (from JS objects) as omitted', () => {
    expect(valid(edit((s) => (s.gravity = undefined))).scene.gravity).toBe(9.81);
    errorAt(edit((s) => (s.materials[0].density = undefined)), 'materials[0].density');
  });
});

describe('version and schema', () => {
  it('rejects an unsupported version, naming the supported ones, and nothing else', () => {
    const errors = errorsOf(edit((s) => { s.version = 2; s.bogus = true; }));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('version');
    expect(errors[0].message).toContain('version = 2');
    expect(errors[0].message).toMatch(/versions 1\b/);
  });

  it('rejects a version given as a string and a wrong schema id', () => {
    expect(errorAt(edit((s) => (s.version = '1')), 'version').message).toContain('"1"');
    expect(errorAt(edit((s) => (s.schema = 'other')), 'schema').message).toContain('"electrode-lab/scene"');
  });

  it('rejects inputs that are not objects', () => {
    for (const input of [null, [], 'scene', 3]) {
      expect(errorAt(input, '').message).toMatch(/scene = .* has the wrong type: expected an object/);
    }
  });
});

describe('number ranges', () => {
  it('rejects ν ≥ 0.5 and ν ≤ -1 with the range, the unit and advice', () => {
    const e = errorAt(edit((s) => (s.materials[0].poissonRatio = 0.5)), 'materials[0].poissonRatio');
    expect(e.message).toContain('materials[0].poissonRatio = 0.5 is out of range: must be > -1 and < 0.5 (dimensionless).');
    expect(e.message).toContain('Use a value below 0.5');
    expect(e.value).toBe(0.5);
    errorAt(edit((s) => (s.materials[0].poissonRatio = 0.7)), 'materials[0].poissonRatio');
    errorAt(edit((s) => (s.materials[0].poissonRatio = -1)), 'materials[0].poissonRatio');
    valid(edit((s) => (s.materials[0].poissonRatio = 0.499)));
  });

  it('rejects E ≤ 0 and E > 1e12 Pa', () => {
    for (const E of [0, -5e7, 2e12]) {
      const e = errorAt(edit((s) => (s.materials[0].youngsModulus = E)), 'materials[0].youngsModulus');
      expect(e.message).toContain('must be > 0 and ≤ 1e12 (Pa; > 0 and ≤ 1e6 MPa)');
    }
  });

  it('rejects zero and negative radii, with display units', () => {
    const e = errorAt(edit((s) => (s.particles.radius = 0)), 'particles.radius');
    expect(e.message).toContain('particles.radius = 0 m (0 µm) is out of range: must be > 0 and ≤ 0.01 (m; > 0 and ≤ 10000 µm)');
    errorAt(edit((s) => (s.particles.radius = -5e-6)), 'particles.radius');
    const list = edit((s) => (s.particles = { kind: 'list', radius: [5e-6, -1e-6, 4e-6], material: 'g' }));
    expect(errorAt(list, 'particles.radius[1]').message).toContain('particles.radius[1] = -1e-6 m (-1 µm) is out of range');
  });

  it('rejects zero particles', () => {
    expect(errorAt(edit((s) => (s.particles.count = 0)), 'particles.count').message).toContain('must be an integer ≥ 1 and ≤ 1e6');
    const e = errorAt(edit((s) => (s.particles = { kind: 'list', radius: [], material: 'g' })), 'particles.radius');
    expect(e.message).toContain('particles.radius has 0 entries: must have 1 to 1000000');
  });

  it('rejects non-integers where integers are required', () => {
    expect(errorAt(edit((s) => (s.particles.count = 10.5)), 'particles.count').message).toContain('is not an integer');
    errorAt(edit((s) => (s.seed = 2 ** 32)), 'seed');
    errorAt(edit((s) => (s.seed = -1)), 'seed');
    valid(edit((s) => (s.seed = 2 ** 32 - 1)));
  });

  it('rejects NaN and ±Infinity', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const e = errorAt(edit((s) => (s.materials[0].density = bad)), 'materials[0].density');
      expect(e.message).toContain(`materials[0].density = ${bad} is not a finite number: must be > 0 and ≤ 30000 (kg/m³`);
    }
  });

  it('honours inclusive and exclusive bounds', () => {
    errorAt(edit((s) => (s.materials[0].restitution = 0)), 'materials[0].restitution');
    valid(edit((s) => (s.materials[0].restitution = 1)));
    valid(edit((s) => (s.materials[0].friction = 0)));
    errorAt(edit((s) => (s.materials[0].yieldPressure = 0)), 'materials[0].yieldPressure');
    errorAt(edit((s) => (s.domain.insertFraction = 0.41)), 'domain.insertFraction');
    valid(edit((s) => (s.domain.insertFraction = 0.4)));
    errorAt(edit((s) => (s.solver = { timestepFraction: 0.6 })), 'solver.timestepFraction');
    const press = (until: object) => edit((s) => s.protocol.push({ type: 'press', velocity: 0.05, until, maxTime: 0.01 }));
    expect(errorAt(press({ solidFraction: 0.95 }), 'protocol[1].until.solidFraction').message).toContain('< 0.95');
    valid(press({ solidFraction: 0.6 }));
  });
});

describe('types, required and unknown fields', () => {
  it('rejects wrong types, naming the expected and the actual type', () => {
    const e = errorAt(edit((s) => (s.materials[0].density = '2200')), 'materials[0].density');
    expect(e.message).toContain('materials[0].density = "2200" has the wrong type: expected a number > 0 and ≤ 30000 (kg/m³');
    expect(e.message).toContain('got a string');
    expect(errorAt(edit((s) => (s.materials = {})), 'materials').message).toContain('expected an array of 1 to 16 entries');
    expect(errorAt(edit((s) => (s.walls.platen.z = 'top')), 'walls.platen.z').message).toContain(', or null');
    errorAt(edit((s) => (s.name = 3)), 'name');
    errorAt(edit((s) => (s.protocol = [{ type: 'fill' }, 'hold'])), 'protocol[1]');
  });

  it('accepts null only where the schema allows it', () => {
    valid(edit((s) => (s.walls.platen.z = null)));
    expect(errorAt(edit((s) => (s.gravity = null)), 'gravity').message).toContain('got null');
  });

  it('reports missing required fields with the expected value and an example', () => {
    const e = errorAt(edit((s) => delete s.materials[0].density), 'materials[0].density');
    expect(e.message).toContain('materials[0].density is missing: required, a number > 0 and ≤ 30000 (kg/m³');
    expect(e.message).toContain('"density": 2200');
    errorAt(edit((s) => delete s.domain), 'domain');
    errorAt(edit((s) => delete s.walls.platen), 'walls.platen');
    errorAt(edit((s) => (s.protocol = [{ type: 'fill' }, { type: 'hold' }])), 'protocol[1].time');
    expect(errorAt(edit((s) => delete s.particles.kind), 'particles.kind').message).toContain('"monodisperse", "list"');
  });

  it('rejects unknown fields and suggests the closest known name', () => {
    const top = errorAt(edit((s) => (s.gravty = 9.81)), 'gravty');
    expect(top.message).toContain('gravty is not a known field');
    expect(top.message).toContain('Did you mean "gravity"?');
    const nested = errorAt(edit((s) => (s.materials[0].youngModulus = 1)), 'materials[0].youngModulus');
    expect(nested.message).toContain('Did you mean "youngsModulus"?');
    const step = errorAt(edit((s) => (s.protocol[0].maxtime = 1)), 'protocol[0].maxtime');
    expect(step.message).toContain('Did you mean "maxTime"?');
    const until = edit((s) => s.protocol.push({ type: 'press', velocity: 0.05, until: { solidfraction: 0.6 }, maxTime: 0.01 }));
    expect(errorsOf(until).find((e) => e.path === 'protocol[1].until.solidfraction')?.message).toContain('Did you mean "solidFraction"?');
  });

  it('suggests names up to edit distance 2, not 3', () => {
    expect(errorAt(edit((s) => (s.materials[0].youngModuls = 1)), 'materials[0].youngModuls').message).toContain('Did you mean "youngsModulus"?');
    expect(errorAt(edit((s) => (s.materials[0].densityxyz = 1)), 'materials[0].densityxyz').message).not.toContain('Did you mean');
  });

  it('ignores inherited properties, as JSON.stringify does', () => {
    const s = minimal();
    s.domain = Object.assign(Object.create({ insertFraction: 0.1 }), s.domain);
    expect(valid(s).scene.domain.insertFraction).toBe(0.25);
  });

  it('gives no suggestion when nothing is close, but lists the known fields', () => {
    const e = errorAt(edit((s) => (s.domain.colour = 'red')), 'domain.colour');
    expect(e.message).not.toContain('Did you mean');
    expect(e.message).toContain('Known fields: lx, ly, height, insertFraction');
  });

  it('does not take inherited names (toString, __proto__) for fields', () => {
    const input = JSON.parse(JSON.stringify(minimal()).replace('{"lx"', '{"toString":1,"__proto__":2,"lx"'));
    const paths = errorsOf(input).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['domain.toString', 'domain.__proto__']));
  });

  it('rejects unknown enum values and union tags with a suggestion', () => {
    expect(errorAt(edit((s) => (s.solver = { rolling: 'cdtt' })), 'solver.rolling').message).toContain('Did you mean "cdt"?');
    const kind = errorAt(edit((s) => (s.particles.kind = 'bidisperse')), 'particles.kind');
    expect(kind.message).toContain('must be one of "monodisperse", "list"');
    expect(errorAt(edit((s) => (s.protocol[0].type = 'fil')), 'protocol[0].type').message).toContain('Did you mean "fill"?');
  });

  it('requires exactly one press target', () => {
    const press = (until: object) => edit((s) => s.protocol.push({ type: 'press', velocity: 0.05, until, maxTime: 0.01 }));
    expect(errorAt(press({}), 'protocol[1].until').message).toContain('it sets none');
    const two = errorAt(press({ pressure: 1e6, z: 5e-5 }), 'protocol[1].until');
    expect(two.message).toContain('it sets pressure and z');
    expect(two.message).toContain('solidFraction (> 0 and < 0.95 (dimensionless))');
    expect(valid(press({ pressure: 1e6 })).scene.protocol[1]).toEqual({ type: 'press', velocity: 0.05, until: { pressure: 1e6 }, maxTime: 0.01, inertialNumber: 1e-3 }); // inertialNumber: its default
  });

  it('limits materials to 16 with unique ids', () => {
    const many = edit((s) => (s.materials = Array.from({ length: 17 }, (_, i) => ({ ...s.materials[0], id: i ? `m${i}` : 'g' }))));
    expect(errorAt(many, 'materials').message).toContain('has 17 entries: must have 1 to 16');
    const dup = errorAt(edit((s) => s.materials.push({ ...s.materials[0] })), 'materials[1].id');
    expect(dup.message).toContain('duplicates materials[0].id');
  });
});

describe('material references', () => {
  it('rejects unknown material ids in particles and walls', () => {
    const e = errorAt(edit((s) => (s.particles.material = 'graphite')), 'particles.material');
    expect(e.message).toContain('particles.material = "graphite" is not a defined material: must be one of the materials[].id values ("g")');
    errorAt(edit((s) => (s.walls.collector.material = 'steel')), 'walls.collector.material');
    errorAt(edit((s) => (s.walls.platen.material = 'steel')), 'walls.platen.material');
  });

  it('checks per-particle material arrays: ids and length', () => {
    const ok = edit((s) => {
      s.materials.push({ ...s.materials[0], id: 'h' });
      s.particles = { kind: 'list', radius: [5e-6, 4e-6], material: ['g', 'h'] };
    });
    valid(ok);
    errorAt(edit((s) => (s.particles = { kind: 'list', radius: [5e-6, 4e-6], material: ['g', 'x'] })), 'particles.material[1]');
    const e = errorAt(edit((s) => (s.particles = { kind: 'list', radius: [5e-6, 4e-6], material: ['g'] })), 'particles.material');
    expect(e.message).toContain('particles.material has 1 entries but particles.radius has 2');
  });
});

describe('timestep', () => {
  const E = 5e7, nu = 0.3, rho = 2200, R = 5e-6;

  it('computes the Rayleigh time π R √(ρ/G) / (0.1631 ν + 0.8766)', () => {
    // By hand: G = 5e7 / 2.6 = 1.92308e7 Pa; √(ρ/G) = 1.06958e-2 s/m; π R = 1.57080e-5 m; / 0.92553.
    expect(rayleighTime({ youngsModulus: E, poissonRatio: nu, density: rho }, R) / 1.81527e-7).toBeCloseTo(1, 4);
    // t_R ∝ R and ∝ E^-1/2.
    const t = (e: number, r: number) => rayleighTime({ youngsModulus: e, poissonRatio: nu, density: rho }, r);
    expect(t(E, 2 * R) / t(E, R)).toBeCloseTo(2, 12);
    expect(t(4 * E, R) / t(E, R)).toBeCloseTo(0.5, 12);
  });

  it('bounds the timestep at 0.5 t_R of the most restrictive particle material', () => {
    const scene = valid(edit((s) => {
      s.materials.push({ ...s.materials[0], id: 'stiff', youngsModulus: 4e9 });
      s.materials.push({ ...s.materials[0], id: 'wall', youngsModulus: 1e12 }); // walls only: must not count
      s.walls.platen.material = 'wall';
      s.particles = { kind: 'list', radius: [5e-6, 2e-6, 5e-6, 3e-6], material: ['g', 'g', 'stiff', 'stiff'] };
    })).scene;
    const stiff = { youngsModulus: 4e9, poissonRatio: nu, density: rho };
    expect(stableTimestepBound(scene)).toBeCloseTo(0.5 * rayleighTime(stiff, 3e-6), 20);
  });

  it('rejects a timestep above the bound, suggesting auto', () => {
    const bound = stableTimestepBound(valid(minimal()).scene);
    const e = errorAt(edit((s) => (s.solver = { timestep: 1.01 * bound })), 'solver.timestep');
    expect(e.message).toContain('is above the stable bound: must be ≤ 9.076e-8 s (90.76 ns) = 0.5 t_R');
    expect(e.message).toContain('"timestep": null');
    // Just below the bound passes, with a warning (above LIGGGHTS' 0.2 t_R); 0.1 t_R passes quietly.
    expect(valid(edit((s) => (s.solver = { timestep: 0.99 * bound }))).warnings.join()).toContain('0.2 t_R');
    expect(valid(edit((s) => (s.solver = { timestep: 0.2 * bound }))).warnings).toEqual([]);
    // The shown bound itself is accepted (rounded down, not up).
    valid(edit((s) => (s.solver = { timestep: 9.076e-8 })));
  });
});

describe('geometry cross-checks', () => {
  it('requires lx and ly > 2 × largest diameter × (1 + skin)', () => {
    // 2 × 10 µm × 1.3 = 26 µm.
    const e = errorAt(edit((s) => (s.domain.lx = 2.6e-5)), 'domain.lx');
    expect(e.message).toContain('must be > 2.6e-5 m (26 µm)');
    errorAt(edit((s) => { s.domain.ly = 3e-5; s.solver = { skin: 0.6 }; }), 'domain.ly'); // needs > 32 µm
    const { warnings } = valid(edit((s) => (s.domain.lx = 3e-5)));
    expect(warnings.join()).toContain('domain.lx');
    expect(warnings.join()).toContain('less than 5 largest particle diameters');
  });

  it('keeps the platen inside the box', () => {
    const e = errorAt(edit((s) => (s.walls.platen.z = 2e-4)), 'walls.platen.z');
    expect(e.message).toContain('must be ≤ domain.height = 1e-4 m (100 µm)');
    valid(edit((s) => (s.walls.platen.z = 1e-4)));
    errorAt(edit((s) => s.protocol.push({ type: 'press', velocity: 0.05, until: { z: 2e-4 }, maxTime: 0.01 })), 'protocol[1].until.z');
  });

  it('rejects particles that do not fit and names a height that does', () => {
    const tooMany = edit((s) => (s.particles.count = 1000)); // 5.236e-13 m³ > 0.25 × 1e-8 m² × 1e-4 m
    const e = errorAt(tooMany, 'domain.height');
    expect(e.message).toContain('The particles do not fit');
    const suggested = Number(/domain\.height ≥ ([0-9.e-]+) m/.exec(e.message)?.[1]);
    expect(suggested).toBeCloseTo(2.095e-4, 10);
    tooMany.domain.height = suggested;
    valid(tooMany);
  });

  it('counts the insertion region only up to a lowered platen', () => {
    const e = errorAt(edit((s) => { s.particles.count = 300; s.walls.platen.z = 5e-5; }), 'domain.height');
    expect(e.message).toContain('walls.platen.z');
    valid(edit((s) => (s.particles.count = 300)));
  });

  it('needs room for at least one particle', () => {
    errorAt(edit((s) => { s.particles.count = 1; s.domain.height = 9e-6; }), 'domain.height');
  });
});

describe('protocol', () => {
  it('must start with fill, and fill only once', () => {
    expect(errorAt(edit((s) => (s.protocol = [{ type: 'hold', time: 0.01 }])), 'protocol[0].type').message).toContain('must be "fill"');
    errorAt(edit((s) => s.protocol.push({ type: 'fill' })), 'protocol[1].type');
    errorAt(edit((s) => (s.protocol = [])), 'protocol');
  });

  it('warns about rolling friction without a rolling model and vice versa', () => {
    expect(valid(edit((s) => (s.materials[0].rollingFriction = 0.1))).warnings.join()).toContain('is ignored');
    expect(valid(edit((s) => (s.solver = { rolling: 'cdt' }))).warnings.join()).toContain('has no effect');
  });
});

describe('all errors at once', () => {
  it('collects every independent error, structural and cross-field', () => {
    const errors = errorsOf(edit((s) => {
      s.materials[0].poissonRatio = 0.5;
      s.materials.push({ ...minimal().materials[0], id: 'h', density: -1 });
      s.materials[0].colour = 'grey';
      s.particles.material = 'x';
      s.domain.lx = 2.5e-5; // too narrow, but the particles still fit
      s.solver = { timestep: 1e-6 };
      s.protocol.push({ type: 'hold' });
    }));
    expect(errors.map((e) => e.path).sort()).toEqual([
      'domain.lx',
      'materials[0].colour',
      'materials[0].poissonRatio',
      'materials[1].density',
      'particles.material',
      'protocol[1].time',
    ]);
  });

  it('still checks the timestep when an unrelated material is broken', () => {
    const errors = errorsOf(edit((s) => {
      s.materials.push({ ...minimal().materials[0], id: 'h', density: -1 });
      s.solver = { timestep: 1e-6 };
    }));
    expect(errors.map((e) => e.path).sort()).toEqual(['materials[1].density', 'solver.timestep']);
  });

  it('an invalid particle material gives its own error only, not nonsense density-target errors after it', async () => {
    const { presets } = await import('../../src/scene/presets');
    const s = presets.get('calendering-wide')!.build() as Scene;
    (s.materials[0] as { poissonRatio: number }).poissonRatio = 0.7;
    const v = validateScene(s);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.path)).toEqual(['materials[0].poissonRatio']);
  });
});
