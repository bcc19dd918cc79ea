// `node bench/profile-phases.mjs <file.cpuprofile>`: reads the V8 CPU profile that `BENCH_PROFILE=<dir>
// npm run bench` makes the API write, finds the measured baseline phase (the last run of samples inside
// `insertOne`) and the survey phase after it (samples inside `submitAsResident`/`storePlaced`), and prints
// each function's self time per request in both phases, largest difference first: where the survey route
// spends the CPU the baseline does not. Assumes the bench's 12,000 requests per phase (BENCH_REQUESTS).
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stackHas = (id, names) => {
  for (let x = id; x !== undefined; x = parent.get(x)) if (names.has(nodes.get(x).callFrame.functionName)) return true;
  return false;
};
let t = p.startTime;
const times = p.timeDeltas.map((d) => (t += d));
const base = new Set(['insertOne']);
const surv = new Set(['submitAsResident', 'storePlaced']);
let lastBase = -1,
  firstSurv = -1,
  lastSurv = -1;
p.samples.forEach((s, i) => {
  if (stackHas(s, base)) lastBase = i;
});
p.samples.forEach((s, i) => {
  if (i > lastBase && stackHas(s, surv)) {
    if (firstSurv < 0) firstSurv = i;
    lastSurv = i;
  }
});
// baseline block: go back from lastBase until a gap of survey samples (warm survey) appears
let firstBase = lastBase;
for (let i = lastBase; i >= 0; i--) {
  if (stackHas(p.samples[i], surv)) break;
  if (stackHas(p.samples[i], base)) firstBase = i;
}
const phase = (a, b) => {
  const self = new Map();
  let busy = 0,
    total = 0;
  for (let i = a; i <= b; i++) {
    const n = nodes.get(p.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
    const dt = p.timeDeltas[i] / 1000;
    total += dt;
    if (f.functionName !== '(idle)') busy += dt;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  return { self, busy, total, ms: (times[b] - times[a]) / 1000 };
};
const B = phase(firstBase, lastBase),
  S = phase(firstSurv, lastSurv);
console.log('baseline window ms', B.ms.toFixed(0), 'busy', B.busy.toFixed(0), ' survey window ms', S.ms.toFixed(0), 'busy', S.busy.toFixed(0));
const N = Number(process.env.BENCH_REQUESTS ?? 12000);
const keys = new Set([...B.self.keys(), ...S.self.keys()]);
const rows = [...keys].map((k) => ({ k, b: ((B.self.get(k) ?? 0) / N) * 1000, s: ((S.self.get(k) ?? 0) / N) * 1000 })).map((r) => ({ ...r, d: r.s - r.b }));
rows.sort((x, y) => y.d - x.d);
console.log('µs per request: survey - baseline (top 40)');
for (const r of rows.slice(0, 40)) console.log(r.d.toFixed(1).padStart(7), r.s.toFixed(1).padStart(7), r.b.toFixed(1).padStart(7), r.k);
console.log('sum diff', rows.reduce((a, r) => a + (r.k.startsWith('(idle)') ? 0 : r.d), 0).toFixed(1));
