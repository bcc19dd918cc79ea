import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Questionnaire, validateQuestionnaire } from '@jiayi/domain';
import type { AuthContext } from '../auth/auth-context';
import { refusal, refusalError } from '../common/api-error';
import { isUniqueViolation, writeOnce } from '../database/transaction';
import { QuestionnaireDto } from './dto/questionnaire.dto';
import { QuestionnaireRecord } from './questionnaire.entity';
import type { QuestionnaireSummary } from '@jiayi/contract';

/** Questionnaires of the caller's region: written by admins, saved as a new version on every edit. */
@Injectable()
export class QuestionnairesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(auth: AuthContext): Promise<QuestionnaireSummary[]> {
    const rows = await this.dataSource.getRepository(QuestionnaireRecord).find({
      where: { regionId: auth.regionId! },
      order: { code: 'ASC', version: 'DESC' },
      select: { id: true, code: true, version: true, title: true },
    });
    return rows.map(({ id, code, version, title }) => ({ id, code, version, title }));
  }

  async create(auth: AuthContext, dto: QuestionnaireDto): Promise<QuestionnaireSummary & { questionnaire: Questionnaire }> {
    const repository = this.dataSource.getRepository(QuestionnaireRecord);
    const latest = await repository.findOne({ where: { regionId: auth.regionId!, code: dto.code }, order: { version: 'DESC' } });
    const definition: Questionnaire = {
      code: dto.code,
      version: (latest?.version ?? 0) + 1,
      title: dto.title.trim(),
      questions: dto.questions.map((q) => ({
        id: q.id,
        title: q.title.trim(),
        type: q.type,
        required: q.required,
        options: q.options.map((o) => (o.score === undefined ? { id: o.id, label: o.label.trim() } : { id: o.id, label: o.label.trim(), score: o.score })),
        ...(q.showIf ? { showIf: { questionId: q.showIf.questionId, optionIds: [...q.showIf.optionIds] } } : {}),
        ...(q.sensitive ? { sensitive: true } : {}),
      })),
      indicators: dto.indicators.map((d) =>
        d.kind === 'rate'
          ? { code: d.code, name: d.name.trim(), kind: 'rate' as const, questionId: d.questionId, optionIds: d.optionIds ?? [] }
          : { code: d.code, name: d.name.trim(), kind: 'meanScore' as const, questionId: d.questionId },
      ),
    };
    const checked = validateQuestionnaire(definition);
    if (!checked.ok) throw refusalError(checked);
    const record: QuestionnaireRecord = {
      id: randomUUID(),
      regionId: auth.regionId!,
      code: definition.code,
      version: definition.version,
      title: definition.title,
      definition,
      createdBy: auth.accountId,
      createdAt: new Date(),
    };
    try {
      await writeOnce(this.dataSource, (manager) => manager.insert(QuestionnaireRecord, record));
    } catch (error) {
      if (isUniqueViolation(error)) throw refusal('QUESTIONNAIRE.VERSION_TAKEN', '该问卷刚刚被其他人修改过，请刷新后再保存');
      throw error;
    }
    return { id: record.id, code: record.code, version: record.version, title: record.title, questionnaire: definition };
  }
}
