import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { STANDARD_QUESTIONNAIRE } from '@jiayi/domain';
import { Institution } from '../reference/institution.entity';
import type { DemoIds, DemoSeedContribution } from '../seed/demo-seed.service';
import { QuestionnaireRecord } from './questionnaire.entity';
import { SurveyWave } from './survey-wave.entity';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Demo data: the standard questionnaire, unchanged, and an open wave per demo institution. */
@Injectable()
export class SurveysDemoSeed implements DemoSeedContribution {
  async seedDemo(manager: EntityManager, ids: DemoIds): Promise<void> {
    const now = new Date();
    const questionnaireId = randomUUID();
    await manager.insert(QuestionnaireRecord, {
      id: questionnaireId,
      regionId: ids.regionId,
      code: STANDARD_QUESTIONNAIRE.code,
      version: STANDARD_QUESTIONNAIRE.version,
      title: STANDARD_QUESTIONNAIRE.title,
      definition: STANDARD_QUESTIONNAIRE,
      createdBy: null,
      createdAt: now,
    });
    for (const { id } of Object.values(ids.institutions)) {
      const institution = await manager.findOneByOrFail(Institution, { id });
      await manager.insert(SurveyWave, {
        id: randomUUID(),
        regionId: ids.regionId,
        questionnaireId,
        title: `${now.getUTCFullYear()}年家庭医生签约服务满意度调查（${institution.name}）`,
        scopeType: 'institution',
        scopeId: id,
        institutionId: id,
        teamId: null,
        opensAt: new Date(now.getTime() - DAY_MS),
        closesAt: new Date(now.getTime() + 90 * DAY_MS),
        sampleSize: null,
        createdBy: null,
        createdAt: now,
      });
    }
  }
}
