import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { placeEveryone } from '../../people/placements';
import { col } from './columns';

/**
 * `person_placements`: where each person belongs, kept by the writes that move people
 * (people/placements.ts), so a survey submission checks its scope by a primary-key look-up. Filled
 * from the persons and contracts there are.
 */
export class PersonPlacements1796181120000 implements MigrationInterface {
  name = 'PersonPlacements1796181120000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'person_placements',
        columns: [
          col.ref('personId', { isPrimary: true }),
          col.ref('regionId', { isNullable: true }),
          col.ref('institutionId', { isNullable: true }),
          col.ref('teamId', { isNullable: true }),
          col.ref('contractId', { isNullable: true }),
          col.date('signedSince', { isNullable: true }),
        ],
      }),
    );
    await placeEveryone(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('person_placements');
  }
}
