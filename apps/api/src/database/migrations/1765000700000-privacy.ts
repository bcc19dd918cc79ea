import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import type { Questionnaire } from '@jiayi/domain';
import { columnCipher } from '../../common/column-cipher';
import { col } from './columns';

const FEE_TOTALS = ['totalFen', 'insuranceFen', 'publicHealthFen', 'selfPayFen', 'fiscalFen'] as const;
const PAYER_OF_TOTAL = { totalFen: 'total', insuranceFen: 'insurance', publicHealthFen: 'publicHealth', selfPayFen: 'selfPay', fiscalFen: 'fiscal' } as const;
/** The key-group question of the standard questionnaire, as seeded before questions could be marked sensitive. */
const STANDARD_KEY_GROUP_QUESTION = { code: 'standard', questionId: 'q4' };

type Json = string | Record<string, unknown> | unknown[];
const parse = <T>(value: Json): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * Health information out of the clear (issue 14):
 * - contracts: `packageCodes` and `fees` become `packageCodesCipher` / `feesCipher` (PiiCipher), with
 *   the per-payer totals kept in clear as integer fen columns for indicators;
 * - survey_responses: `answers` becomes `answersCipher`;
 * - survey_answers: no per-respondent row for a sensitive question (the standard "which group are
 *   you in" is marked so), and free text encrypted (`text` becomes `textCipher`). `down` restores
 *   the columns, not the dropped rows of sensitive questions.
 * - resident_accounts: `consentWithdrawnAt` (PIPL art. 15).
 * Existing rows are converted with the configured ID_ENCRYPTION_KEY.
 */
export class Privacy1765000700000 implements MigrationInterface {
  name = 'Privacy1765000700000';

  async up(runner: QueryRunner): Promise<void> {
    const cipher = columnCipher();
    await runner.addColumns('contracts', [
      new TableColumn(col.longText('packageCodesCipher', { isNullable: true })),
      new TableColumn(col.longText('feesCipher', { isNullable: true })),
      ...FEE_TOTALS.map((name) => new TableColumn(col.int(name, { default: '0' }))),
    ]);
    const contracts: { id: string; packageCodes: Json; fees: Json }[] = await runner.query('SELECT id, packageCodes, fees FROM contracts');
    for (const c of contracts) {
      const fees = parse<{ totals: Record<string, number> }>(c.fees);
      await runner.query(`UPDATE contracts SET packageCodesCipher = ?, feesCipher = ?, ${FEE_TOTALS.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`, [
        cipher.encryptJson(parse(c.packageCodes)),
        cipher.encryptJson(fees),
        ...FEE_TOTALS.map((n) => fees.totals[PAYER_OF_TOTAL[n]]),
        c.id,
      ]);
    }
    await runner.dropColumns('contracts', ['packageCodes', 'fees']);
    await this.requireColumns(runner, 'contracts', ['packageCodesCipher', 'feesCipher', ...FEE_TOTALS]);

    await runner.addColumn('survey_responses', new TableColumn(col.longText('answersCipher', { isNullable: true })));
    const responses: { id: string; answers: Json }[] = await runner.query('SELECT id, answers FROM survey_responses');
    for (const r of responses) await runner.query('UPDATE survey_responses SET answersCipher = ? WHERE id = ?', [cipher.encryptJson(parse(r.answers)), r.id]);
    await runner.dropColumn('survey_responses', 'answers');
    await this.requireColumns(runner, 'survey_responses', ['answersCipher']);

    await runner.addColumn('resident_accounts', new TableColumn(col.time('consentWithdrawnAt', { isNullable: true })));

    await this.markStandardKeyGroupQuestion(runner);
    const sensitive = await this.sensitiveQuestionsByWave(runner);
    for (const { waveId, questionId } of sensitive) await runner.query('DELETE FROM survey_answers WHERE waveId = ? AND questionId = ?', [waveId, questionId]);
    await runner.addColumn('survey_answers', new TableColumn(col.longText('textCipher', { isNullable: true })));
    const texts: { responseId: string; questionId: string; text: string }[] = await runner.query(
      "SELECT responseId, questionId, text FROM survey_answers WHERE optionId = '' AND text IS NOT NULL AND text <> ''",
    );
    for (const t of texts) {
      await runner.query("UPDATE survey_answers SET textCipher = ? WHERE responseId = ? AND questionId = ? AND optionId = ''", [
        cipher.encrypt(t.text),
        t.responseId,
        t.questionId,
      ]);
    }
    await runner.dropColumn('survey_answers', 'text');
  }

  async down(runner: QueryRunner): Promise<void> {
    const cipher = columnCipher();
    await runner.addColumn('survey_answers', new TableColumn(col.longText('text', { isNullable: true })));
    const texts: { responseId: string; questionId: string; textCipher: string }[] = await runner.query(
      'SELECT responseId, questionId, textCipher FROM survey_answers WHERE textCipher IS NOT NULL',
    );
    for (const t of texts) {
      await runner.query("UPDATE survey_answers SET text = ? WHERE responseId = ? AND questionId = ? AND optionId = ''", [
        cipher.decrypt(t.textCipher),
        t.responseId,
        t.questionId,
      ]);
    }
    await runner.dropColumn('survey_answers', 'textCipher');
    await runner.dropColumn('resident_accounts', 'consentWithdrawnAt');
    await runner.addColumn('survey_responses', new TableColumn(col.json('answers', { isNullable: true })));
    const responses: { id: string; answersCipher: string }[] = await runner.query('SELECT id, answersCipher FROM survey_responses');
    for (const r of responses) await runner.query('UPDATE survey_responses SET answers = ? WHERE id = ?', [cipher.decrypt(r.answersCipher), r.id]);
    await runner.dropColumn('survey_responses', 'answersCipher');
    await this.requireColumns(runner, 'survey_responses', ['answers']);

    await runner.addColumns('contracts', [
      new TableColumn(col.json('packageCodes', { isNullable: true })),
      new TableColumn(col.json('fees', { isNullable: true })),
    ]);
    const contracts: { id: string; packageCodesCipher: string; feesCipher: string }[] = await runner.query(
      'SELECT id, packageCodesCipher, feesCipher FROM contracts',
    );
    for (const c of contracts) {
      await runner.query('UPDATE contracts SET packageCodes = ?, fees = ? WHERE id = ?', [
        cipher.decrypt(c.packageCodesCipher),
        cipher.decrypt(c.feesCipher),
        c.id,
      ]);
    }
    await runner.dropColumns('contracts', ['packageCodesCipher', 'feesCipher', ...FEE_TOTALS]);
    await this.requireColumns(runner, 'contracts', ['packageCodes', 'fees']);
  }

  /**
   * Columns added nullable (or with a default) to be filled, made required once every row has a
   * value. Changed from the column as the database reports it: a type spelled differently
   * ('integer' for 'int') would make TypeORM drop and re-add the column, losing the values.
   */
  private async requireColumns(runner: QueryRunner, tableName: string, names: string[]): Promise<void> {
    const table = await runner.getTable(tableName);
    await runner.changeColumns(
      tableName,
      names.map((name) => {
        const oldColumn = table!.findColumnByName(name)!;
        const newColumn = oldColumn.clone();
        newColumn.isNullable = false;
        newColumn.default = undefined;
        return { oldColumn, newColumn };
      }),
    );
  }

  private async markStandardKeyGroupQuestion(runner: QueryRunner): Promise<void> {
    const records: { id: string; definition: Json }[] = await runner.query('SELECT id, definition FROM questionnaires WHERE code = ?', [
      STANDARD_KEY_GROUP_QUESTION.code,
    ]);
    for (const record of records) {
      const definition = parse<Questionnaire>(record.definition);
      const questions = definition.questions.map((q) => (q.id === STANDARD_KEY_GROUP_QUESTION.questionId ? { ...q, sensitive: true } : q));
      await runner.query('UPDATE questionnaires SET definition = ? WHERE id = ?', [JSON.stringify({ ...definition, questions }), record.id]);
    }
  }

  private async sensitiveQuestionsByWave(runner: QueryRunner): Promise<{ waveId: string; questionId: string }[]> {
    const rows: { waveId: string; definition: Json }[] = await runner.query(
      'SELECT w.id AS waveId, q.definition FROM survey_waves w JOIN questionnaires q ON q.id = w.questionnaireId',
    );
    return rows.flatMap((row) =>
      parse<Questionnaire>(row.definition)
        .questions.filter((q) => q.sensitive)
        .map((q) => ({ waveId: row.waveId, questionId: q.id })),
    );
  }
}
