import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

/** A MariaDB server of the test's own (never the shared one on 3306), which the test may kill and restart. */
export interface OwnMariadb {
  port: number;
  /** `mysql://jiayi:jiayi@127.0.0.1:<port>` (no database), for TEST_DATABASE_URL. */
  serverUrl: string;
  /** SIGKILL: the server vanishes mid-transaction, as in a crash. */
  kill(): Promise<void>;
  /** Starts the server again on the same data and port; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Kills the server and deletes its data. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A fresh datadir (mariadb-install-db) and mariadbd on a free loopback port, with the `jiayi` user. */
export async function startOwnMariadb(): Promise<OwnMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'jiayi-mariadb-'));
  const datadir = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const port = await freePort();
  await promisify(execFile)('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${datadir}`,
    '--user=root',
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
  let server: ChildProcess | null = null;

  const start = async () => {
    if (server && server.exitCode === null && server.signalCode === null) return;
    server = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--socket=${socket}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        '--user=root',
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${join(dir, 'error.log')}`,
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=16M',
        '--max-connections=200',
      ],
      { stdio: 'ignore' },
    );
    // Up to a minute: crash recovery and startup are slow while other suites load the machine.
    for (let i = 0; i < 600; i++) {
      try {
        const connection = await createConnection({ socketPath: socket, user: 'root' });
        await connection.end();
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(`own mariadbd did not start; see ${join(dir, 'error.log')}`);
  };
  const kill = async () => {
    const running = server;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  const root = await createConnection({ socketPath: socket, user: 'root' });
  await root.query(`CREATE USER 'jiayi'@'%' IDENTIFIED BY 'jiayi'`);
  await root.query(`GRANT ALL PRIVILEGES ON *.* TO 'jiayi'@'%'`);
  await root.end();
  return {
    port,
    serverUrl: `mysql://jiayi:jiayi@127.0.0.1:${port}`,
    kill,
    start,
    destroy: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
