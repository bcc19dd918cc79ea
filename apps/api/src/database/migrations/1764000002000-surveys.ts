import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './columns';

/** Questionnaires, survey waves, their samples and calls, responses, answers and running totals. */
export class Surveys1764000002000 implements MigrationInterface {
  name = 'Surveys1764000002000';

  private readonly tables = [
    new Table({
      name: 'questionnaires',
      columns: [
        col.id(),
        col.ref('regionId'),
        col.text('code', 40),
        col.int('version'),
        col.text('title', 200),
        col.json('definition'),
        col.ref('createdBy', { isNullable: true }),
        col.time('createdAt'),
      ],
      indices: [{ name: 'UQ_questionnaires_region_code_version', columnNames: ['regionId', 'code', 'version'], isUnique: true }],
    }),
    new Table({
      name: 'survey_waves',
      columns: [
        col.id(),
        col.ref('regionId'),
        col.ref('questionnaireId'),
        col.text('title', 200),
        col.text('scopeType', 20),
        col.ref('scopeId'),
        col.ref('institutionId', { isNullable: true }),
        col.ref('teamId', { isNullable: true }),
        col.time('opensAt'),
        col.time('closesAt'),
        col.int('sampleSize', { isNullable: true }),
        col.ref('createdBy', { isNullable: true }),
        col.time('createdAt'),
      ],
      indices: [{ name: 'IDX_survey_waves_region', columnNames: ['regionId'] }],
    }),
    new Table({
      name: 'survey_sample_members',
      columns: [
        col.ref('waveId', { isPrimary: true }),
        col.ref('personId', { isPrimary: true }),
        col.ref('teamId'),
        col.ref('institutionId'),
        col.int('calls', { default: '0' }),
        col.text('lastOutcome', 20, { isNullable: true }),
        col.time('lastCalledAt', { isNullable: true }),
        col.bool('reached', { default: '0' }),
      ],
    }),
    new Table({
      name: 'survey_calls',
      columns: [
        col.id(),
        col.ref('waveId'),
        col.ref('personId'),
        col.text('outcome', 20),
        col.text('note', 200, { isNullable: true }),
        col.ref('calledBy'),
        col.time('calledAt'),
      ],
      indices: [{ name: 'IDX_survey_calls_wave_person', columnNames: ['waveId', 'personId'] }],
    }),
    new Table({
      name: 'survey_responses',
      columns: [
        col.id(),
        col.ref('waveId'),
        col.ref('personId'),
        col.text('channel', 12),
        col.ref('enteredBy', { isNullable: true }),
        col.time('submittedAt'),
        col.ref('institutionId', { isNullable: true }),
        col.ref('teamId', { isNullable: true }),
        col.longText('keyGroupsCipher'),
        col.text('ageBand', 10),
        col.text('signingDuration', 10),
        col.json('answers'),
        col.bool('rolledUp', { default: '0' }),
      ],
      indices: [
        { name: 'UQ_survey_responses_wave_person', columnNames: ['waveId', 'personId'], isUnique: true },
        { name: 'IDX_survey_responses_rollup', columnNames: ['waveId', 'rolledUp'] },
      ],
    }),
    new Table({
      name: 'survey_answers',
      columns: [
        col.ref('responseId', { isPrimary: true }),
        col.text('questionId', 40, { isPrimary: true }),
        col.text('optionId', 40, { isPrimary: true }),
        col.ref('waveId'),
        col.longText('text', { isNullable: true }),
      ],
      indices: [{ name: 'IDX_survey_answers_wave_question', columnNames: ['waveId', 'questionId', 'optionId'] }],
    }),
    new Table({
      name: 'survey_counters',
      columns: [
        col.ref('waveId', { isPrimary: true }),
        col.text('dimension', 20, { isPrimary: true }),
        col.text('dimensionKey', 90, { isPrimary: true }),
        col.text('questionId', 40, { isPrimary: true }),
        col.text('optionId', 60, { isPrimary: true }),
        col.int('n'),
      ],
    }),
  ];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of this.tables) await queryRunner.createTable(table, false, false, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...this.tables].reverse()) await queryRunner.dropTable(table.name);
  }
}
