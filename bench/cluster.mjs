// `npm run bench:cluster`: the signing benchmark (bench/signing.mjs) on the three-node Galera
// cluster of scripts/galera.sh — one API instance through one node, then two instances through two
// nodes — and, as the reference, one instance on the standalone MariaDB of TEST_DATABASE_URL.
// Same machine, same run: read the ratios. Writes bench/results/cluster-<time>.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = Number(process.env.GALERA_BASE_PORT ?? 3410);
const node = (n) => `mysql://jiayi:jiayi@127.0.0.1:${base + n}`;
const standalone = process.env.TEST_DATABASE_URL ?? 'mysql://jiayi:jiayi@127.0.0.1:3306';
const at = new Date().toISOString();
const log = (...args) => console.log('[bench:cluster]', ...args);

execFileSync('bash', [join(root, 'scripts/galera.sh'), 'start'], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
const setups = [
  { name: 'standalone MariaDB, 1 instance', servers: [standalone] },
  { name: 'Galera, 1 instance through node 1', servers: [node(1)] },
  { name: 'Galera, 2 instances through nodes 1 and 2', servers: [node(1), node(2)] },
];
const results = { at, node: process.version, runs: [] };
try {
  for (const setup of setups) {
    log(setup.name);
    const out = join(root, 'bench/results', `.cluster-run-${Date.now()}.json`);
    execFileSync(process.execPath, [join(root, 'bench/signing.mjs')], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_SKIP_BUILD: '1', BENCH_DB_SERVERS: setup.servers.join(','), BENCH_OUT: out },
    });
    const run = JSON.parse(readFileSync(out, 'utf8'));
    execFileSync('rm', ['-f', out]);
    results.runs.push({ name: setup.name, throughput: run.throughput, capacityRace: run.capacityRace });
  }
} finally {
  if (process.env.KEEP_GALERA !== '1') execFileSync('bash', [join(root, 'scripts/galera.sh'), 'stop'], { stdio: 'inherit' });
}
const signing = (i) => results.runs[i].throughput.signing.reqPerSec;
results.ratios = { oneNodeVsStandalone: +(signing(1) / signing(0)).toFixed(3), twoNodesVsOneNode: +(signing(2) / signing(1)).toFixed(3) };
for (const run of results.runs) {
  const t = run.throughput;
  log(
    `${run.name}: signing ${t.signing.reqPerSec} req/s (p99 ${t.signing.latencyP99} ms), baseline ${t.baseline.reqPerSec} req/s, ratio ${t.ratio}, cap breaks ${run.capacityRace.capBreaks}`,
  );
}
log(JSON.stringify(results.ratios));
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `cluster-${at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
log(`results: ${file}`);
