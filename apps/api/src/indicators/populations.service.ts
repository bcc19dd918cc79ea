import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, EntityManager, In } from 'typeorm';
import { POPULATION_GROUPS, PopulationFigures, PopulationGroup, todayInChina, validatePopulationFigures } from '@jiayi/domain';
import type { PopulationImportResult, PopulationList } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { ApiError, ErrorDetail, notFound, refusalError } from '../common/api-error';
import { inTransaction } from '../database/transaction';
import { Community } from '../reference/community.entity';
import { Institution } from '../reference/institution.entity';
import { TeamCommunity } from '../reference/team.entity';
import type { PopulationDto, PopulationImportDto } from './dto/indicators.dto';
import { Population } from './population.entity';

const TEMPLATE_COLUMNS = ['机构', '村/社区', '编号', '常住人口', ...POPULATION_GROUPS.map((g) => g.label)];

interface ScopedCommunity {
  community: Community;
  institution: Institution;
}

/**
 * The denominators: 常住人口 and key-group counts per community and year. Admins write their
 * scope's communities (a clinic admin its institution's, a region admin the region's); doctors
 * read their team's. An institution's or region's figures are the sum of its communities.
 */
@Injectable()
export class PopulationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(auth: AuthContext, year = this.thisYear()): Promise<PopulationList> {
    const scoped = await this.scopedCommunities(auth);
    const rows = scoped.length ? await this.dataSource.getRepository(Population).findBy({ year, communityId: In(scoped.map((s) => s.community.id)) }) : [];
    const byCommunity = new Map(rows.map((r) => [r.communityId, r]));
    return {
      year,
      groups: POPULATION_GROUPS.map((g) => ({ code: g.code, label: g.label })),
      items: scoped.map(({ community, institution }) => {
        const row = byCommunity.get(community.id);
        return {
          communityId: community.id,
          communityName: community.name,
          institutionId: institution.id,
          institutionName: institution.name,
          year,
          residents: row?.residents ?? null,
          groups: row?.groups ?? {},
          updatedAt: row?.updatedAt.toISOString() ?? null,
        };
      }),
    };
  }

  async put(auth: AuthContext, dto: PopulationDto): Promise<PopulationList['items'][number]> {
    const target = (await this.scopedCommunities(auth)).find((s) => s.community.id === dto.communityId);
    if (!target) throw notFound('没有找到这个村/社区');
    const checked = validatePopulationFigures({ residents: dto.residents, groups: dto.groups });
    if (!checked.ok) throw refusalError(checked);
    await this.upsert(this.dataSource, auth, target, dto.year, checked.value);
    const list = await this.list(auth, dto.year);
    return list.items.find((i) => i.communityId === dto.communityId)!;
  }

  /** The import template: one row per community in scope, with the figures already entered for the year. */
  async template(auth: AuthContext, year = this.thisYear()): Promise<Buffer> {
    const list = await this.list(auth, year);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(`${year}年人口`);
    sheet.columns = TEMPLATE_COLUMNS.map((header, i) => ({ header, width: i === 2 ? 38 : Math.max(12, header.length * 2 + 2) }));
    sheet.getRow(1).font = { bold: true };
    for (const item of list.items) {
      sheet.addRow([item.institutionName, item.communityName, item.communityId, item.residents, ...POPULATION_GROUPS.map((g) => item.groups[g.code] ?? null)]);
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /**
   * Reads the filled-in template and stores every row, or — when any row is wrong — nothing,
   * answering 400 with one detail per faulty cell (`rows[<sheet row>].<column>`).
   */
  async import(auth: AuthContext, dto: PopulationImportDto): Promise<PopulationImportResult> {
    const scoped = await this.scopedCommunities(auth);
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(Buffer.from(dto.fileBase64, 'base64') as unknown as ArrayBuffer);
    } catch {
      throw new ApiError(400, '文件无法读取，请使用下载的模板（.xlsx）', [{ field: 'fileBase64', message: '文件无法读取' }], 'POPULATION.IMPORT');
    }
    const sheet = book.worksheets[0];
    const header = sheet ? (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').trim()) : [];
    if (TEMPLATE_COLUMNS.some((label, i) => header[i] !== label)) {
      throw new ApiError(400, `表头须为：${TEMPLATE_COLUMNS.join('、')}`, [{ field: 'fileBase64', message: '表头与模板不一致' }], 'POPULATION.IMPORT');
    }
    const errors: ErrorDetail[] = [];
    const rows: { target: ScopedCommunity; figures: PopulationFigures }[] = [];
    const seen = new Set<string>();
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cells = TEMPLATE_COLUMNS.map((_, i) => cellValue(row.getCell(i + 1).value));
      if (cells.every((c) => c === null)) return;
      const fail = (column: string, message: string) => errors.push({ field: `rows[${number}].${column}`, message: `第${number}行：${message}` });
      const [institutionName, communityName, communityId] = cells;
      const target = scoped.find((s) =>
        communityId !== null
          ? s.community.id === String(communityId)
          : s.community.name === String(communityName) && s.institution.name === String(institutionName),
      );
      if (!target) return fail('村/社区', `找不到“${communityName ?? communityId ?? ''}”，或不在您的管辖范围内`);
      if (seen.has(target.community.id)) return fail('村/社区', `“${target.community.name}”重复出现`);
      seen.add(target.community.id);
      const numbers: (number | null)[] = [];
      for (const [i, label] of TEMPLATE_COLUMNS.entries()) {
        if (i < 3) continue;
        const value = cells[i];
        if (value === null) {
          numbers.push(i === 3 ? NaN : 0);
          continue;
        }
        const n = typeof value === 'number' ? value : Number(String(value).replace(/,/g, ''));
        if (!Number.isSafeInteger(n) || n < 0) {
          fail(label, `${label}须为不小于0的整数`);
          numbers.push(null);
          continue;
        }
        numbers.push(n);
      }
      if (Number.isNaN(numbers[0])) return fail('常住人口', '请填写常住人口');
      if (numbers.some((n) => n === null)) return;
      const groups = Object.fromEntries(POPULATION_GROUPS.map((g, i) => [g.code, numbers[i + 1]!])) as Record<PopulationGroup, number>;
      const checked = validatePopulationFigures({ residents: numbers[0]!, groups });
      if (!checked.ok) {
        const group = POPULATION_GROUPS.find((g) => checked.field === `groups.${g.code}`);
        return fail(group?.label ?? '常住人口', checked.message);
      }
      rows.push({ target, figures: checked.value });
    });
    if (errors.length > 0) throw new ApiError(400, `有 ${errors.length} 处错误，未导入任何数据`, errors, 'POPULATION.IMPORT');
    if (rows.length === 0) throw new ApiError(400, '文件中没有数据行', [{ field: 'fileBase64', message: '没有数据行' }], 'POPULATION.IMPORT');
    await inTransaction(this.dataSource, async (manager) => {
      for (const row of rows) await this.upsert(manager, auth, row.target, dto.year, row.figures);
    });
    return { year: dto.year, imported: rows.length };
  }

  /** The figures entered for the listed communities in a year, by community. */
  async figures(communityIds: string[], year: number): Promise<Map<string, PopulationFigures>> {
    if (communityIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Population).findBy({ year, communityId: In(communityIds) });
    return new Map(rows.map((r) => [r.communityId, { residents: r.residents, groups: r.groups }]));
  }

  private async upsert(manager: DataSource | EntityManager, auth: AuthContext, target: ScopedCommunity, year: number, figures: PopulationFigures) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Population)
      .values({
        communityId: target.community.id,
        year,
        institutionId: target.institution.id,
        regionId: target.institution.regionId,
        residents: figures.residents,
        groups: figures.groups,
        updatedBy: auth.accountId,
        updatedAt: new Date(),
      })
      .orUpdate(['residents', 'groups', 'updatedBy', 'updatedAt'], ['communityId', 'year'])
      .execute();
  }

  private async scopedCommunities(auth: AuthContext): Promise<ScopedCommunity[]> {
    if (!auth.regionId) throw notFound();
    const institutions = await this.dataSource.getRepository(Institution).find({
      where: auth.role === 'regionAdmin' ? { regionId: auth.regionId } : { id: auth.institutionId ?? '' },
      order: { name: 'ASC' },
    });
    if (institutions.length === 0) throw notFound();
    let communities = await this.dataSource
      .getRepository(Community)
      .find({ where: { institutionId: In(institutions.map((i) => i.id)) }, order: { name: 'ASC' } });
    if (auth.role === 'doctor') {
      const served = new Set((await this.dataSource.getRepository(TeamCommunity).findBy({ teamId: auth.teamId ?? '' })).map((l) => l.communityId));
      communities = communities.filter((c) => served.has(c.id));
    }
    const byId = new Map(institutions.map((i) => [i.id, i]));
    return communities.map((community) => ({ community, institution: byId.get(community.institutionId)! }));
  }

  private thisYear(): number {
    return Number(todayInChina(new Date()).slice(0, 4));
  }
}

function cellValue(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || typeof value === 'string') return typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;
  if (typeof value === 'object' && 'result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if (typeof value === 'object' && 'richText' in value)
    return (
      value.richText
        .map((r) => r.text)
        .join('')
        .trim() || null
    );
  return String(value);
}
