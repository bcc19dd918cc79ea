import dataSource from './data-source';

/** `cli.js run` applies pending migrations; `cli.js revert` undoes the last one; `cli.js show` lists them. */
async function main(command: string | undefined): Promise<void> {
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'no pending migrations');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'show') {
      console.log((await dataSource.showMigrations()) ? 'pending migrations exist' : 'up to date');
    } else {
      throw new Error('usage: cli.js run | revert | show');
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
