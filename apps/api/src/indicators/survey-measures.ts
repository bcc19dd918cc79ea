import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Period, reportFromTallies } from '@jiayi/domain';
import { readCounters } from '../surveys/counter-sql';
import { SurveyRollupService } from '../surveys/survey-rollup.service';
import { SurveyWave } from '../surveys/survey-wave.entity';
import { SurveyWavesService } from '../surveys/survey-waves.service';

/** The evaluation's survey indicators and the questionnaire indicator each one reads. */
export const SURVEY_INDICATORS = ['awareness', 'satisfaction'] as const;
export type SurveyIndicator = (typeof SURVEY_INDICATORS)[number];

export type SurveyTally = Record<SurveyIndicator, { numerator: number; denominator: number }>;

export const emptySurveyTally = (): SurveyTally => ({ awareness: { numerator: 0, denominator: 0 }, satisfaction: { numerator: 0, denominator: 0 } });

export function addSurveyTallies(a: SurveyTally, b: SurveyTally): SurveyTally {
  const sum = emptySurveyTally();
  for (const code of SURVEY_INDICATORS) {
    sum[code] = { numerator: a[code].numerator + b[code].numerator, denominator: a[code].denominator + b[code].denominator };
  }
  return sum;
}

/**
 * 知晓率 and 满意率 per team from the survey waves of the region that ran during the period:
 * the waves' maintained counters (the survey report's own maths, after its roll-up), broken down
 * by the respondent's team — which keeps only signed respondents ('unsigned' is left out).
 */
@Injectable()
export class SurveyMeasures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waves: SurveyWavesService,
    private readonly rollup: SurveyRollupService,
  ) {}

  async byTeam(regionId: string, period: Period): Promise<Map<string, SurveyTally>> {
    const waves = await this.dataSource.getRepository(SurveyWave).find({
      where: {
        regionId,
        opensAt: LessThanOrEqual(new Date(`${period.to}T23:59:59.999+08:00`)),
        closesAt: MoreThanOrEqual(new Date(`${period.from}T00:00:00+08:00`)),
      },
    });
    const result = new Map<string, SurveyTally>();
    for (const wave of waves) {
      const loaded = await this.waves.load(wave.id);
      if (!loaded) continue;
      await this.rollup.rollUp(wave.id, loaded.questionnaire);
      const report = reportFromTallies(loaded.questionnaire, await readCounters(this.dataSource, wave.id, false));
      for (const row of report.breakdowns.team) {
        if (row.key === 'unsigned') continue;
        const tally = emptySurveyTally();
        for (const code of SURVEY_INDICATORS) {
          const found = row.indicators.find((i) => i.code === code && i.kind === 'rate');
          if (found) tally[code] = { numerator: found.numerator, denominator: found.denominator };
        }
        result.set(row.key, addSurveyTallies(result.get(row.key) ?? emptySurveyTally(), tally));
      }
    }
    return result;
  }
}
