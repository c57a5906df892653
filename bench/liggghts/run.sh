#!/usr/bin/env bash
# Run the LIGGGHTS equivalent of `electrode-lab bench` on ONE core and print one JSON line:
#   {"engine":"LIGGGHTS 3.8","N":..,"steps":..,"seconds":..,"particleStepsPerSecond":..}
# usage: bench/liggghts/run.sh <datafile> <params.json> [steps]
#   steps defaults to params.json "steps".
# env: KEEP_LOG=path   keep the LIGGGHTS log (thermo every 1000 steps) there
#      E_MAP=exact     (default) pass LIGGGHTS the restitution whose damping coefficient equals
#                      ours (our core inverts e exactly, LIGGGHTS uses the linear-spring formula)
#      E_MAP=liggghts  pass params.restitution unchanged
#      LIGGGHTS=path   the binary (default: liggghts on PATH)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 <datafile> <params.json> [steps]" >&2; exit 2
fi
data="$1"; params="$2"; steps="${3:-}"
[ -r "$data" ] || { echo "error: cannot read data file $data" >&2; exit 2; }
[ -r "$params" ] || { echo "error: cannot read params file $params" >&2; exit 2; }
LIGGGHTS="${LIGGGHTS:-liggghts}"
if ! command -v "$LIGGGHTS" >/dev/null 2>&1; then
  echo "error: liggghts not found on PATH; install it with: apt-get install -y liggghts" >&2; exit 3
fi
command -v python3 >/dev/null 2>&1 || { echo "error: python3 is required" >&2; exit 3; }

# params.json -> "name value" pairs for -var (repr keeps full double precision)
vars="$(E_MAP="${E_MAP:-exact}" python3 - "$params" "$steps" <<'PY'
import json, math, os, sys
p = json.load(open(sys.argv[1]))
steps = int(sys.argv[2]) if sys.argv[2] else int(p["steps"])
def num(k, default=None):
    v = p.get(k, default)
    if v is None: sys.exit(f"error: params.json lacks '{k}'")
    return float(v)
# the walls use the particle material (one atom type): refuse different wall values
for wk, pk in (("wallYoungsModulus", "youngsModulus"), ("wallPoissonRatio", "poissonRatio"),
               ("wallRestitution", "restitution"), ("wallFriction", "friction")):
    if wk in p and float(p[wk]) != float(p[pk]):
        sys.exit(f"error: {wk} != {pk}; bench.in models the walls with the particle material")

def e_for_liggghts(e):
    """LIGGGHTS: beta = ln e / sqrt(ln^2 e + pi^2). Our core (assembly/materials.ts) picks
    beta = -c/sqrt(5) with c solving the clamped Hertz collision X'' = -max(0, X^1.5 + c X^0.25 X'),
    X(0)=0, X'(0)=1 for restitution e. Return the e whose LIGGGHTS beta equals ours."""
    if e >= 1.0: return 1.0
    def e_of_c(c, h=1e-3):
        def acc(x, v):
            if x <= 0: return 0.0
            f = x * math.sqrt(x) + c * math.sqrt(math.sqrt(x)) * v
            return -f if f > 0 else 0.0
        x, v = 0.0, 1.0
        while True:   # RK4
            a1 = acc(x, v); x2, v2 = x + .5*h*v, v + .5*h*a1; a2 = acc(x2, v2)
            x3, v3 = x + .5*h*v2, v + .5*h*a2; a3 = acc(x3, v3); x4, v4 = x + h*v3, v + h*a3
            a4 = acc(x4, v4)
            xn, vn = x + h*(v + 2*v2 + 2*v3 + v4)/6, v + h*(a1 + 2*a2 + 2*a3 + a4)/6
            if xn <= 0 or (vn < 0 and acc(xn, vn) == 0): return -vn
            x, v = xn, vn
    lo, hi = 0.0, 64.0
    for _ in range(40):
        mid = .5 * (lo + hi)
        lo, hi = (mid, hi) if e_of_c(mid) > e else (lo, mid)
    beta = -.5 * (lo + hi) / math.sqrt(5)
    return math.exp(math.pi * beta / math.sqrt(1 - beta * beta))

e = num("restitution")
if os.environ["E_MAP"] == "exact":
    e = e_for_liggghts(e)
    if e <= 0.05:
        sys.exit(f"error: restitution {p['restitution']} maps to {e:.4g} for LIGGGHTS, below its "
                 "limit 0.05; run with E_MAP=liggghts to pass it unchanged")
elif os.environ["E_MAP"] != "liggghts":
    sys.exit("error: E_MAP must be 'exact' or 'liggghts'")
out = {"E": num("youngsModulus"), "nu": num("poissonRatio"), "e": e, "mu": num("friction"),
       "dt": num("timestep"), "skin": num("skin"), "platenZ": num("platenZ"),
       "g": num("gravity", 9.81)}
print(" ".join(f"{k} {v!r}" for k, v in out.items()), "steps", steps)
PY
)"
read -r -a kv <<<"$vars"
varargs=(-var datafile "$(cd "$(dirname "$data")" && pwd)/$(basename "$data")")
for ((i = 0; i < ${#kv[@]}; i += 2)); do varargs+=(-var "${kv[i]}" "${kv[i+1]}"); done

log="${KEEP_LOG:-$(mktemp /tmp/liggghts-bench.XXXXXX.log)}"
screen="$(mktemp /tmp/liggghts-bench.XXXXXX.screen)"
cleanup() { rm -f "$screen"; [ -n "${KEEP_LOG:-}" ] || rm -f "$log"; }
trap cleanup EXIT

# one rank, no mpirun; run in the deck's directory so relative paths inside it resolve
if ! (cd "$here" && "$LIGGGHTS" -in bench.in -log "$log" -echo none "${varargs[@]}") >"$screen" 2>&1; then
  echo "error: liggghts failed; last output:" >&2; tail -n 30 "$screen" >&2; exit 1
fi

python3 - "$log" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
m = re.search(r"Loop time of ([0-9.eE+-]+) on (\d+) procs for (\d+) steps with (\d+) atoms", text)
if not m:
    sys.exit("error: no 'Loop time of ...' line in the LIGGGHTS log")
T, S, N = float(m.group(1)), int(m.group(3)), int(m.group(4))
print(json.dumps({"engine": "LIGGGHTS 3.8", "N": N, "steps": S, "seconds": T,
                  "particleStepsPerSecond": round(N * S / T)}, separators=(",", ":")))
PY
