import { ClusterApps, startClusterApps } from './cluster-app';
import { races } from './races';

/** Needs the cluster of scripts/galera.sh (npm run test:cluster starts it). */
describe('races on a three-node MariaDB Galera cluster, two API instances on two nodes', () => {
  let cluster: ClusterApps;
  let conflictsBefore = 0;
  /** Transactions of the two nodes that lost a certification (or were aborted by a replicated one). */
  const conflicts = async () => {
    let total = 0;
    for (const dataSource of cluster.dataSources) {
      const rows: { Variable_name: string; Value: string }[] = await dataSource.query(
        `SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')`,
      );
      total += rows.reduce((sum, r) => sum + Number(r.Value), 0);
    }
    return total;
  };
  beforeAll(async () => {
    cluster = await startClusterApps();
    conflictsBefore = await conflicts();
  }, 120_000);
  afterAll(async () => cluster?.close());

  it('runs the instances on different nodes of one synced cluster', async () => {
    const sizes = await Promise.all(cluster.dataSources.map((d) => d.query(`SHOW STATUS LIKE 'wsrep_cluster_size'`)));
    expect(sizes.map(([row]) => Number(row.Value))).toEqual([3, 3]);
    const ports = await Promise.all(cluster.dataSources.map((d) => d.query('SELECT @@port AS port')));
    expect(new Set(ports.map(([row]) => Number(row.port))).size).toBe(2);
  });

  it.each(races.map((race) => [race.name, race] as const))('%s', async (_name, race) => race.run(cluster), 180_000);

  it('met conflicts between the nodes during the races, which the retries resolved', async () => {
    expect(await conflicts()).toBeGreaterThan(conflictsBefore);
  });
});
