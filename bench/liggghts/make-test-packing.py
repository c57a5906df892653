#!/usr/bin/env python3
"""Test/fallback packing for bench/liggghts (NOT the benchmark's official start state;
`npx electrode-lab bench` writes that one).

Writes <out>/bench-<N>.data (LAMMPS data file, atom_style granular, SI) and
<out>/bench-<N>.json (parameters, same keys our CLI writes); <out> defaults to
bench/out/test (git-ignored, apart from the CLI's bench/out/bench-<N>.*).

Packing: monodisperse spheres (default r = 5 um) on an FCC lattice stacked as
close-packed (111) layers parallel to z = 0 (ABC stacking), the nearest-neighbour
distance shrunk by --compress (default 0.2 % of d) so every lattice contact
overlaps, every site jittered by up to --jitter * d, bottom layer pressed into the
floor and the platen placed the same amount into the top layer. x and y are
periodic (the lattice tiles exactly). If the lattice holds more sites than N, the
surplus is removed at random from the top layer (a few vacancies).

usage: make-test-packing.py N [--out DIR] [--layers 20] [--radius 5e-6]
       [--compress 0.002] [--jitter 0.0005] [--steps 10000] [--seed 1]
"""
import argparse, json, math, os, random

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("N", type=int)
p.add_argument("--out", default="bench/out/test")  # not bench/out: never clobber the CLI's files
p.add_argument("--layers", type=int, default=20)
p.add_argument("--radius", type=float, default=5e-6)
p.add_argument("--compress", type=float, default=0.002, help="lattice spacing = d*(1-compress)")
p.add_argument("--jitter", type=float, default=0.0005, help="uniform jitter amplitude / d")
p.add_argument("--steps", type=int, default=10000)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()

# material and run parameters (task defaults)
E, nu, e, mu, rho = 1e8, 0.3, 0.5, 0.5, 2200.0
R = a.radius
d = 2 * R
G = E / (2 * (1 + nu))
t_rayleigh = math.pi * R * math.sqrt(rho / G) / (0.1631 * nu + 0.8766)
dt = 0.2 * t_rayleigh

# lattice: triangular layers, rectangular periodic cell of nx columns * ny rows (ny even
# so the half-spacing offset of odd rows tiles; the ABC shift is a plain translation).
s = d * (1 - a.compress)            # nearest-neighbour distance
dy = s * math.sqrt(3) / 2           # row spacing
dz = s * math.sqrt(2.0 / 3.0)       # (111) layer spacing
per_layer = math.ceil(a.N / a.layers)
best = None
for ny in range(2, 2 * int(math.sqrt(per_layer)) + 4, 2):
    nx = math.ceil(per_layer / ny)
    aspect = (nx * s) / (ny * dy)
    key = (nx * ny - per_layer, abs(math.log(aspect)))  # fewest spare sites, then squarest
    if aspect > 0.5 and aspect < 2 and (best is None or key < best[0]):
        best = (key, nx, ny)
_, nx, ny = best
Lx, Ly = nx * s, ny * dy

rng = random.Random(a.seed)
z0 = R * (1 - a.compress)           # bottom layer pressed into the floor by compress*R
sites = []
for k in range(a.layers):
    sx, sy = (k % 3) * s / 2, (k % 3) * dy / 3     # A, B, C: hollows (s/2, dy/3), (s, 2dy/3)
    for j in range(ny):
        for i in range(nx):
            x = (i + 0.5 * (j % 2)) * s + sx
            y = j * dy + sy
            sites.append((k, x % Lx, y % Ly, z0 + k * dz))
# drop the surplus at random from the top layer
top = [t for t in sites if t[0] == a.layers - 1]
surplus = len(sites) - a.N
if surplus > len(top):
    raise SystemExit("too many surplus sites; change --layers")
drop = set(rng.sample(range(len(top)), surplus))
sites = [t for t in sites if t[0] != a.layers - 1] + [t for n, t in enumerate(top) if n not in drop]

H = z0 + (a.layers - 1) * dz + R * (1 - a.compress)   # platen pressed into the top layer
J = a.jitter * d
atoms = []
for k, x, y, z in sites:
    x = (x + rng.uniform(-J, J)) % Lx
    y = (y + rng.uniform(-J, J)) % Ly
    z = min(max(z + rng.uniform(-J, J), 0.5 * R), H - 0.5 * R)   # stay inside the box
    atoms.append((x, y, z))

os.makedirs(a.out, exist_ok=True)
base = os.path.join(a.out, f"bench-{a.N}")
with open(base + ".data", "w") as f:
    f.write("LIGGGHTS data file written by electrode-lab (bench/liggghts/make-test-packing.py)\n\n")
    f.write(f"{a.N} atoms\n1 atom types\n\n")
    f.write(f"0 {Lx!r} xlo xhi\n0 {Ly!r} ylo yhi\n0 {H!r} zlo zhi\n\nAtoms\n\n")
    for n, (x, y, z) in enumerate(atoms, 1):
        f.write(f"{n} 1 {d!r} {rho!r} {x!r} {y!r} {z!r}\n")
    f.write("\nVelocities\n\n")
    for n in range(1, a.N + 1):
        f.write(f"{n} 0 0 0 0 0 0\n")
params = {"youngsModulus": E, "poissonRatio": nu, "restitution": e, "friction": mu,
          "density": rho, "timestep": dt, "skin": 0.3 * d, "steps": a.steps, "platenZ": H,
          "gravity": 9.81, "wallYoungsModulus": E, "wallPoissonRatio": nu,
          "radius": R, "N": a.N, "box": [Lx, Ly, H], "lattice": [nx, ny, a.layers],
          "rayleighTime": t_rayleigh}
with open(base + ".json", "w") as f:
    json.dump(params, f, indent=1)
print(f"wrote {base}.data/.json: N={a.N} lattice {nx}x{ny}x{a.layers} box {Lx:.4g} x {Ly:.4g} x {H:.4g} m, dt={dt:.4g} s")
