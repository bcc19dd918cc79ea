import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import {
  BreakdownDimension,
  crossTabFromTallies,
  GroupLabels,
  IndicatorResult,
  KEY_GROUPS,
  NO_KEY_GROUP,
  Question,
  reportFromTallies,
  SIGNING_DURATION_LABELS,
  SurveyReportBody,
} from '@jiayi/domain';
import type { AuthContext } from '../auth/auth-context';
import { badRequest } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { Institution } from '../reference/institution.entity';
import { Team } from '../reference/team.entity';
import { readCounters } from './counter-sql';
import { SurveyRollupService } from './survey-rollup.service';
import { CrossTabQueryDto, TextAnswersQueryDto } from './dto/survey-wave.dto';
import { SurveyResponse } from './survey-response.entity';
import { LoadedWave, SurveyWavesService } from './survey-waves.service';
import type { CrossTabView, ResponseChannels, TextAnswerPage } from '@jiayi/contract';

export type SurveyReport = SurveyReportBody & { waveId: string; title: string; questionnaireId: string };

const AGE_BAND_LABELS: Record<string, string> = { '<18': '18岁以下', '18-30': '18-30岁', '31-50': '31-50岁', '51-65': '51-64岁', '65+': '65岁及以上' };
const DIMENSION_SHEETS: Record<BreakdownDimension, string> = {
  institution: '按机构',
  team: '按团队',
  keyGroup: '按重点人群',
  ageBand: '按年龄段',
  signingDuration: '按签约时长',
};
const TYPE_LABELS: Record<Question['type'], string> = { single: '单选题', multiple: '多选题', text: '填空题', rating: '评分题' };
const PERCENT = '0.00%';

/** The wave report: read from the maintained counters (after folding in the few uncounted responses), never recounted from answers. */
@Injectable()
export class SurveyReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waves: SurveyWavesService,
    private readonly rollup: SurveyRollupService,
    private readonly cipher: PiiCipher,
  ) {}

  async report(auth: AuthContext, waveId: string): Promise<SurveyReport> {
    const loaded = await this.waves.forStaff(auth, waveId, 'report');
    return this.build(loaded);
  }

  /** How the wave's responses came in: the resident in the mini-program, a phone interview, on site. */
  async channels(auth: AuthContext, waveId: string): Promise<ResponseChannels> {
    const { wave } = await this.waves.forStaff(auth, waveId, 'report');
    const rows: { channel: string; n: string | number }[] = await this.dataSource
      .getRepository(SurveyResponse)
      .createQueryBuilder('r')
      .select('r.channel', 'channel')
      .addSelect('COUNT(*)', 'n')
      .where('r.waveId = :waveId', { waveId: wave.id })
      .groupBy('r.channel')
      .getRawMany();
    const counts: Record<string, number> = Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
    return { waveId: wave.id, total: Object.values(counts).reduce((a, b) => a + b, 0), counts };
  }

  async crossTab(auth: AuthContext, waveId: string, query: CrossTabQueryDto): Promise<CrossTabView> {
    const { wave, questionnaire } = await this.waves.forStaff(auth, waveId, 'report');
    const single = (id: string) => questionnaire.questions.find((q) => q.id === id && (q.type === 'single' || q.type === 'rating'));
    const rows = single(query.rowQuestionId);
    const columns = single(query.columnQuestionId);
    if (!rows) throw badRequest('rowQuestionId', '交叉分析的行须为问卷中的一道单选题');
    if (!columns || columns === rows) throw badRequest('columnQuestionId', '交叉分析的列须为问卷中另一道单选题');
    await this.rollup.rollUp(wave.id, questionnaire);
    const table = crossTabFromTallies(questionnaire, rows.id, columns.id, await readCounters(this.dataSource, wave.id, true));
    return {
      waveId: wave.id,
      ...table,
      rows: rows.options.map((o) => ({ optionId: o.id, label: o.label })),
      columns: columns.options.map((o) => ({ optionId: o.id, label: o.label })),
    };
  }

  /**
   * The answers to a text question, a page at a time (the report lists them under the question).
   * Read from `survey_answers`, the roll-up's normalised answers (the text encrypted there).
   */
  async textAnswers(auth: AuthContext, waveId: string, query: TextAnswersQueryDto): Promise<TextAnswerPage> {
    const { wave, questionnaire } = await this.waves.forStaff(auth, waveId, 'report');
    const question = questionnaire.questions.find((q) => q.id === query.questionId && q.type === 'text');
    if (!question) throw badRequest('questionId', '请选择问卷中的一道填空题');
    await this.rollup.rollUp(wave.id, questionnaire);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const condition = `a.waveId = ? AND a.questionId = ? AND a.textCipher IS NOT NULL`;
    const [{ n }] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM survey_answers a WHERE ${condition}`, [wave.id, question.id]);
    const rows: { textCipher: string; channel: TextAnswerPage['items'][number]['channel']; submittedAt: Date | string }[] = await this.dataSource.query(
      `SELECT a.textCipher, r.channel, r.submittedAt FROM survey_answers a JOIN survey_responses r ON r.id = a.responseId
        WHERE ${condition} ORDER BY r.submittedAt DESC, a.responseId LIMIT ? OFFSET ?`,
      [wave.id, question.id, limit, offset],
    );
    const items = rows.map((r) => ({ text: this.cipher.decrypt(r.textCipher), channel: r.channel, submittedAt: new Date(r.submittedAt).toISOString() }));
    return { waveId: wave.id, questionId: question.id, items, total: Number(n), limit, offset };
  }

  async workbook(auth: AuthContext, waveId: string): Promise<{ filename: string; content: Buffer }> {
    const loaded = await this.waves.forStaff(auth, waveId, 'report');
    const report = await this.build(loaded);
    const book = new ExcelJS.Workbook();
    book.creator = '家医 Jiayi';
    this.questionSheet(book, loaded, report);
    this.indicatorSheet(book.addWorksheet('指标'), report.indicators, report.respondents);
    for (const dimension of Object.keys(DIMENSION_SHEETS) as BreakdownDimension[]) {
      this.breakdownSheet(book.addWorksheet(DIMENSION_SHEETS[dimension]), report, dimension);
    }
    const content = Buffer.from(await book.xlsx.writeBuffer());
    return { filename: `${loaded.wave.title}-调查报告.xlsx`, content };
  }

  private async build({ wave, questionnaire }: LoadedWave): Promise<SurveyReport> {
    await this.rollup.rollUp(wave.id, questionnaire);
    const [tallies, labels] = await Promise.all([readCounters(this.dataSource, wave.id, false), this.labels(wave.regionId)]);
    return { waveId: wave.id, title: wave.title, questionnaireId: questionnaire.id, ...reportFromTallies(questionnaire, tallies, labels) };
  }

  private async labels(regionId: string): Promise<GroupLabels> {
    const institutions = await this.dataSource.getRepository(Institution).find({ where: { regionId }, order: { name: 'ASC' } });
    const teams = institutions.length
      ? await this.dataSource.getRepository(Team).find({ where: { institutionId: In(institutions.map((i) => i.id)) }, order: { name: 'ASC' } })
      : [];
    return {
      institution: { ...Object.fromEntries(institutions.map((i) => [i.id, i.name])), unknown: '未知机构' },
      team: { ...Object.fromEntries(teams.map((t) => [t.id, t.name])), unsigned: '未签约' },
      keyGroup: { ...Object.fromEntries(KEY_GROUPS.map((g) => [g.code, g.label])), [NO_KEY_GROUP]: '非重点人群' },
      ageBand: AGE_BAND_LABELS,
      signingDuration: SIGNING_DURATION_LABELS,
    };
  }

  /** 题目统计 in the layout of 问卷星: per question 选项 / 小计 / 比例, then 本题有效填写人次. */
  private questionSheet(book: ExcelJS.Workbook, { wave }: LoadedWave, report: SurveyReport): void {
    const sheet = book.addWorksheet('题目统计');
    sheet.columns = [{ width: 48 }, { width: 10 }, { width: 10 }];
    sheet.addRow([wave.title]).font = { bold: true, size: 14 };
    sheet.addRow(['有效答卷', report.respondents]);
    for (const [i, q] of report.questions.entries()) {
      sheet.addRow([]);
      sheet.addRow([`第${i + 1}题：${q.title} [${TYPE_LABELS[q.type]}]`]).font = { bold: true };
      if (q.type === 'text') {
        sheet.addRow(['本题有效填写人次', q.validRespondents]);
        continue;
      }
      sheet.addRow(['选项', '小计', '比例']).font = { bold: true };
      for (const o of q.options) sheet.addRow([o.label, o.count, o.percent]).getCell(3).numFmt = PERCENT;
      sheet.addRow(['本题有效填写人次', q.validRespondents]).font = { bold: true };
    }
  }

  private indicatorSheet(sheet: ExcelJS.Worksheet, indicators: IndicatorResult[], respondents: number): void {
    sheet.columns = [{ width: 20 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 12 }];
    sheet.addRow(['有效答卷', respondents]);
    sheet.addRow(['指标', '分子', '分母', '比率', '95%CI下限', '95%CI上限']).font = { bold: true };
    for (const ind of indicators) this.indicatorRow(sheet, [ind.name], ind);
  }

  private breakdownSheet(sheet: ExcelJS.Worksheet, report: SurveyReport, dimension: BreakdownDimension): void {
    sheet.columns = [{ width: 24 }, { width: 10 }, { width: 20 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 12 }];
    sheet.addRow(['分组', '有效答卷', '指标', '分子', '分母', '比率', '95%CI下限', '95%CI上限']).font = { bold: true };
    for (const group of report.breakdowns[dimension]) {
      for (const ind of group.indicators) this.indicatorRow(sheet, [group.label, group.respondents, ind.name], ind);
    }
  }

  private indicatorRow(sheet: ExcelJS.Worksheet, lead: (string | number)[], ind: IndicatorResult): void {
    const row = sheet.addRow([...lead, ind.numerator, ind.denominator, ind.rate, ind.ci95?.[0] ?? null, ind.ci95?.[1] ?? null]);
    for (let c = lead.length + 3; c <= lead.length + 5; c++) row.getCell(c).numFmt = PERCENT;
  }
}
