import ExcelJS from 'exceljs';
import type { IndicatorPeople, IndicatorReport } from '@jiayi/contract';

const PERCENT = '0.00%';
const SCORING_LABELS = { threshold: '达标计分', proportional: '按比例计分' } as const;
const STATUS_NOTES = { notApplicable: '人群为零，不计分（标化）', noData: '暂无数据' } as const;
const COLUMNS = ['序号', '考核类别', '指标', '分子', '分母', '完成率', '95%CI下限', '95%CI上限', '目标值', '计分方式', '分值', '得分', '是否达标', '说明'];
const WIDTHS = [6, 10, 26, 10, 10, 10, 11, 11, 9, 11, 7, 8, 9, 24];

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '·').slice(0, 28);
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 26)}(${i})`;
  taken.add(candidate);
  return candidate;
}

/**
 * One sheet in the layout of the commission's 家庭医生签约服务工作进展情况统计表: title, 填报单位 and
 * 统计时段, then one row per indicator with 分子 and 分母 beside the rate, and the score at the foot.
 */
function progressSheet(
  book: ExcelJS.Workbook,
  name: string,
  report: Pick<IndicatorReport, 'period' | 'groups' | 'indicators' | 'total' | 'maxTotal' | 'fullMark' | 'standardised' | 'gradeLabel'>,
  unit: string,
) {
  const sheet = book.addWorksheet(name);
  sheet.columns = WIDTHS.map((width) => ({ width }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  const title = sheet.getCell(1, 1);
  title.value = '家庭医生签约服务工作进展情况统计表';
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  sheet.addRow([`填报单位：${unit}`, '', '', '', '', `统计时段：${report.period.from} 至 ${report.period.to}（签约人数统计日 ${report.period.countingDay}）`]);
  const header = sheet.addRow(COLUMNS);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', wrapText: true };
  let n = 0;
  for (const group of report.groups) {
    for (const i of report.indicators.filter((x) => x.group === group.code)) {
      n += 1;
      const row = sheet.addRow([
        n,
        group.label,
        i.name,
        i.numerator,
        i.denominator,
        i.rate,
        i.ci95?.[0] ?? null,
        i.ci95?.[1] ?? null,
        i.target,
        SCORING_LABELS[i.scoring],
        i.maxPoints,
        i.points,
        i.met === null ? '—' : i.met ? '达标' : '未达标',
        i.status === 'scored' ? `${i.numeratorLabel} / ${i.denominatorLabel}` : STATUS_NOTES[i.status],
      ]);
      for (const c of [6, 7, 8, 9]) row.getCell(c).numFmt = PERCENT;
      if (i.met === false) row.getCell(13).font = { color: { argb: 'FFC0392B' }, bold: true };
    }
  }
  sheet.addRow([]);
  sheet.addRow(['', '', '合计得分', report.total]).font = { bold: true };
  sheet.addRow(['', '', '可得分（计分指标满分之和）', report.maxTotal]);
  sheet.addRow(['', '', `标化得分（满分 ${report.fullMark}）`, report.standardised]).font = { bold: true };
  sheet.addRow(['', '', '等级', report.gradeLabel ?? '—']).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
}

/** indicators.xlsx: one sheet for the area, then one per team. */
export async function indicatorWorkbook(report: IndicatorReport, teamReports: IndicatorReport[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '家医 Jiayi';
  const taken = new Set<string>();
  progressSheet(book, sheetName(report.area.name, taken), report, report.area.name);
  for (const team of teamReports) progressSheet(book, sheetName(team.area.name, taken), team, `${report.area.name} ${team.area.name}`);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The people behind a rate, for the team's follow-up work. */
export async function peopleWorkbook(list: IndicatorPeople): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '家医 Jiayi';
  const sheet = book.addWorksheet(sheetName(list.partLabel, new Set()));
  // The plan and referral lists say why each row is there (到期随访 4 次，按时完成 3 次; a referral's day and hospital).
  const detailed = list.items.some((p) => p.detail);
  sheet.columns = [
    { width: 6 },
    { width: 12 },
    { width: 22 },
    { width: 6 },
    { width: 6 },
    { width: 24 },
    { width: 12 },
    { width: 12 },
    ...(detailed ? [{ width: 40 }] : []),
  ];
  sheet.addRow([`${list.name}：${list.partLabel}（共 ${list.total} 人）`]).font = { bold: true, size: 13 };
  sheet.addRow(['序号', '姓名', '身份证号', '性别', '年龄', '家庭医生团队', '签约日期', '协议到期', ...(detailed ? ['情况'] : [])]).font = { bold: true };
  for (const [i, p] of list.items.entries()) {
    sheet.addRow([
      i + 1,
      p.name,
      p.idNumberMasked,
      p.gender === 'male' ? '男' : '女',
      p.age,
      p.teamName ?? '',
      p.signedFrom ?? '',
      p.endDate ?? '',
      ...(detailed ? [p.detail ?? ''] : []),
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
