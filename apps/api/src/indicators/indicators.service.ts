import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  addDays,
  addReferralTallies,
  ageOn,
  countingDay,
  emptyReferralTally,
  evaluate,
  Evaluation,
  GRADE_LABELS,
  INDICATOR_GROUPS,
  indicatorDefinition,
  IndicatorCounts,
  INDICATORS,
  Period,
  PopulationFigures,
  previousPeriod,
  pushCoverageCounts,
  referralIndicatorCounts,
  sumPopulations,
  todayInChina,
  trendMonths,
  yearOf,
} from '@jiayi/domain';
import type { Indicator, IndicatorPeople, IndicatorReport, IndicatorTrend, IndicatorUnit } from '@jiayi/contract';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { badRequest, notFound, refusal } from '../common/api-error';
import { Person } from '../people/person.entity';
import { Doctor } from '../reference/doctor.entity';
import {
  addTallies,
  AreaFilter,
  CONTRACT_MEASURES,
  CountWindow,
  emptyTally,
  factRows,
  gapPredicate,
  KEY_GROUP_SIGNED,
  measureOverWindows,
  pushReachOf,
} from './contract-measures';
import { referralTalliesByTeam, regionPoolUse } from './activity-measures';
import { AreaTallies, indicatorCounts } from './indicator-counts';
import { Area, AreaTeam, IndicatorAreas } from './indicator-area';
import { IndicatorTargetsService } from './indicator-targets.service';
import { isPlanIndicator, PLAN_PEOPLE, planCountsByTeam, planCountsOf, planPeopleRows, sumPlanCounts } from './plan-items';
import { rollUpPushes } from './push-rollup';
import { SnapshotStats, snapshotTallies } from './team-tallies';
import { isReferralPeopleIndicator, POOL_USE_NO_PEOPLE, REFERRAL_PEOPLE, referralPeopleRows } from './referral-people';
import { indicatorWorkbook, peopleWorkbook } from './indicator-workbook';
import type { IndicatorPeopleQueryDto, IndicatorQueryDto, IndicatorTrendQueryDto } from './dto/indicators.dto';
import { PopulationsService } from './populations.service';
import { addSurveyTallies, emptySurveyTally, SURVEY_INDICATORS, SurveyMeasures } from './survey-measures';

/** How long before midnight (China time) the warming job starts counting tomorrow's dashboard too. */
const PREWARM_BEFORE_MIDNIGHT_MS = 30 * 60_000;

/** Registered residents of the area's communities without a contract in force: the gap of 全人群签约率. */
const SIGNING_GAP_LABEL = '已登记但未签约的居民';

/**
 * The evaluation dashboard: every indicator of domain.md §9 for a team, an institution or the
 * region, scored against the region's targets, with the teams (or institutions) side by side,
 * the monthly trend, the people behind a rate and the Excel sheet.
 */
@Injectable()
export class IndicatorsService {
  /** What the last report did with the tally snapshots (read by the benchmark). */
  lastSnapshotStats: SnapshotStats | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly areas: IndicatorAreas,
    private readonly targets: IndicatorTargetsService,
    private readonly populations: PopulationsService,
    private readonly surveys: SurveyMeasures,
    private readonly audit: AuditService,
  ) {}

  async report(auth: AuthContext, query: IndicatorQueryDto): Promise<IndicatorReport> {
    const area = await this.areas.resolve(auth, query);
    const window = this.window(query);
    const targets = await this.targets.effective(area.region.id);
    const year = Number(window.day.slice(0, 4));
    await rollUpPushes(this.dataSource);
    const [tallies, surveys, doctors, populations, referrals, pools] = await Promise.all([
      // Per-team snapshots (contracts, services, pushes, plan items), recounted only where their data changed (team-tallies.ts).
      snapshotTallies(this.dataSource, area.teams, window, (this.lastSnapshotStats = {} as SnapshotStats)),
      this.surveys.byTeam(area.region.id, window.period),
      this.familyDoctors(area.teams),
      this.populations.figures(
        area.communities.map((c) => c.id),
        year,
      ),
      referralTalliesByTeam(this.dataSource, this.filterOf(area), window),
      area.kind === 'region' ? regionPoolUse(this.dataSource, area.region.id, window) : Promise.resolve(null),
    ]);
    const capacity = area.region.policy.doctorCapacity;
    const talliesOf = (teams: AreaTeam[], communityIds: string[], wholeArea = false): AreaTallies => {
      const contracts = teams.reduce((sum, t) => addTallies(sum, tallies.get(t.id) ?? emptyTally()), emptyTally());
      return {
        contracts,
        surveys: teams.reduce((sum, t) => addSurveyTallies(sum, surveys.get(t.id) ?? emptySurveyTally()), emptySurveyTally()),
        referrals: teams.reduce((sum, t) => addReferralTallies(sum, referrals.get(t.id) ?? emptyReferralTally()), emptyReferralTally()),
        pools: wholeArea ? pools : null,
        plans: planCountsOf({ due: contracts.planDue, timely: contracts.planTimely, withItems: contracts.planWithItems, fulfilled: contracts.planFulfilled }),
        familyDoctors: teams.reduce((sum, t) => sum + (doctors.get(t.id) ?? 0), 0),
        doctorCapacity: capacity,
        population: populationOf(populations, communityIds),
      };
    };
    const scored = evaluate(
      INDICATORS,
      indicatorCounts(
        talliesOf(
          area.teams,
          area.communities.map((c) => c.id),
          true,
        ),
      ),
      targets,
    );
    const units: IndicatorUnit[] =
      area.kind === 'region'
        ? area.institutions.map((institution) => {
            const teams = area.teams.filter((t) => t.institutionId === institution.id);
            const communities = area.communities.filter((c) => c.institutionId === institution.id).map((c) => c.id);
            return {
              kind: 'institution',
              id: institution.id,
              name: institution.name,
              ...this.shape(evaluate(INDICATORS, indicatorCounts(talliesOf(teams, communities)), targets)),
            };
          })
        : area.teams.map((team) => ({
            kind: 'team',
            id: team.id,
            name: team.name,
            ...this.shape(evaluate(INDICATORS, indicatorCounts(talliesOf([team], team.communityIds)), targets)),
          }));
    return {
      period: { ...window.period, countingDay: window.day },
      area: { kind: area.kind, id: area.id, name: area.name },
      groups: INDICATOR_GROUPS.map((g) => ({ code: g.code, label: g.label })),
      ...this.shape(scored),
      units,
    };
  }

  /**
   * Brings every region's snapshots of the dashboards the staff screen offers first — this year's
   * and last year's — up to date (the warming job). In the last half hour before midnight (China
   * time) it also counts tomorrow's: the counting day is part of every snapshot's key, and a count is
   * a function of the data and the window alone, so tomorrow's first request finds them and recounts
   * only the buckets written to since.
   */
  async warmSnapshots(now = new Date()): Promise<void> {
    await rollUpPushes(this.dataSource);
    const today = todayInChina(now);
    const days = [today];
    if (todayInChina(new Date(now.getTime() + PREWARM_BEFORE_MIDNIGHT_MS)) !== today) days.push(addDays(today, 1));
    const windows = days.flatMap((day) => {
      const year = Number(day.slice(0, 4));
      return [year, year - 1].map((y) => this.window({ from: `${y}-01-01`, to: `${y}-12-31` }, day));
    });
    const teams: { id: string; institutionId: string; regionId: string }[] = await this.dataSource.query(
      'SELECT t.id AS id, t.institutionId AS institutionId, i.regionId AS regionId FROM teams t JOIN institutions i ON i.id = t.institutionId ORDER BY i.regionId, t.institutionId, t.id',
    );
    for (const window of windows) {
      for (const regionId of new Set(teams.map((t) => t.regionId))) {
        await snapshotTallies(
          this.dataSource,
          teams.filter((t) => t.regionId === regionId),
          window,
        );
      }
    }
  }

  /** Monthly values of one indicator over the last months (signed residents counted at each month's end). */
  async trend(auth: AuthContext, query: IndicatorTrendQueryDto): Promise<IndicatorTrend> {
    const definition = indicatorDefinition(query.code);
    if (!definition) throw notFound('没有这个考核指标');
    const area = await this.areas.resolve(auth, query);
    const targets = await this.targets.effective(area.region.id);
    const today = todayInChina(new Date());
    const months = trendMonths(today, query.months ?? 12);
    // Each month counts its year so far (查体率 and 规范管理率 are yearly), against the year before.
    const windows = months.map((m): CountWindow => ({
      period: { from: `${m.month.slice(0, 4)}-01-01`, to: m.to },
      day: countingDay(m, today),
      today,
      previous: previousPeriod(yearOf(m.from)),
    }));
    const measure = CONTRACT_MEASURES[definition.code];
    const points: IndicatorTrend['points'] = [];
    if (definition.source === 'pushes') await rollUpPushes(this.dataSource);
    if (measure && definition.source !== 'pushes') {
      const values = await measureOverWindows(this.dataSource, this.filterOf(area), measure, windows);
      const doctors = definition.code === 'saturation' ? [...(await this.familyDoctors(area.teams)).values()].reduce((a, b) => a + b, 0) : 0;
      const years = [...new Set(windows.map((w) => Number(w.day.slice(0, 4))))];
      const figures = new Map(
        await Promise.all(
          years.map(
            async (y) =>
              [
                y,
                populationOf(
                  await this.populations.figures(
                    area.communities.map((c) => c.id),
                    y,
                  ),
                  area.communities.map((c) => c.id),
                ),
              ] as const,
          ),
        ),
      );
      for (const [i, value] of values.entries()) {
        const population = figures.get(Number(windows[i].day.slice(0, 4))) ?? null;
        let denominator = value.denominator;
        if (definition.code === 'saturation') denominator = doctors * area.region.policy.doctorCapacity;
        else if (denominator === null) denominator = populationDenominator(definition.code, population);
        points.push(trendPoint(months[i].month, value.numerator, denominator));
      }
    } else if (isPlanIndicator(definition.code)) {
      for (const [i, w] of windows.entries()) {
        const counts = sumPlanCounts([...(await planCountsByTeam(this.dataSource, this.filterOf(area), w)).values()])[definition.code];
        points.push(trendPoint(months[i].month, counts?.numerator ?? 0, counts ? counts.denominator : null));
      }
    } else if (definition.source === 'surveys') {
      for (const month of months) {
        const byTeam = await this.surveys.byTeam(area.region.id, month);
        const sum = area.teams.reduce((s, t) => addSurveyTallies(s, byTeam.get(t.id) ?? emptySurveyTally()), emptySurveyTally());
        const counts = sum[definition.code as (typeof SURVEY_INDICATORS)[number]];
        points.push(trendPoint(month.month, counts.numerator, counts.denominator));
      }
    } else if (definition.source === 'referrals' || definition.source === 'pushes') {
      const filter = this.filterOf(area);
      const sumOver = <T>(byTeam: Map<string, T>, add: (a: T, b: T) => T, empty: T) => area.teams.reduce((s, t) => add(s, byTeam.get(t.id) ?? empty), empty);
      const signed = definition.source === 'pushes' ? await measureOverWindows(this.dataSource, filter, KEY_GROUP_SIGNED, windows) : [];
      const teamList = { sql: area.teams.length ? `f.teamId IN (${area.teams.map(() => '?').join(', ')})` : '1 = 0', params: area.teams.map((t) => t.id) };
      for (const [i, w] of windows.entries()) {
        let counts: IndicatorCounts;
        if (definition.source === 'pushes') {
          counts = pushCoverageCounts(
            // The area's teams as one list: a range of the team index, which holds the facts' push reach.
            sumOver(await pushReachOf(this.dataSource, teamList, w, false), (a, b) => a + b, 0),
            signed[i].numerator,
          );
        } else {
          const referrals = sumOver(await referralTalliesByTeam(this.dataSource, filter, w), addReferralTallies, emptyReferralTally());
          const pools = area.kind === 'region' ? await regionPoolUse(this.dataSource, area.region.id, w) : null;
          counts = referralIndicatorCounts(referrals, pools)[definition.code] ?? null;
        }
        points.push(trendPoint(months[i].month, counts?.numerator ?? 0, counts ? counts.denominator : null));
      }
    } else {
      for (const month of months) points.push({ month: month.month, numerator: null, denominator: null, rate: null });
    }
    return { code: definition.code, name: definition.name, target: targets[definition.code].target, points };
  }

  /** The people behind a rate: its numerator, or the gap (in the denominator, not in the numerator). Audited. */
  async people(auth: AuthContext, code: string, query: IndicatorPeopleQueryDto): Promise<IndicatorPeople> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    return this.listPeople(auth, code, query, limit, offset, 'indicator.people');
  }

  /** The same list as a sheet (every row, up to 100,000). Audited. */
  async peopleWorkbook(auth: AuthContext, code: string, query: IndicatorPeopleQueryDto): Promise<{ filename: string; content: Buffer }> {
    const list = await this.listPeople(auth, code, query, 100_000, 0, 'indicator.people.export');
    return { filename: `${list.name}-${list.partLabel}.xlsx`, content: await peopleWorkbook(list) };
  }

  async workbook(auth: AuthContext, query: IndicatorQueryDto): Promise<{ filename: string; content: Buffer }> {
    const report = await this.report(auth, query);
    const area = await this.areas.resolve(auth, query);
    const teamReports =
      area.kind === 'team'
        ? []
        : await Promise.all(
            area.teams.map(async (team) => ({
              team,
              report: await this.report(auth, { ...query, institutionId: undefined, teamId: team.id }),
            })),
          );
    return {
      filename: `${report.area.name}-家庭医生签约服务工作进展情况统计表-${report.period.from}至${report.period.to}.xlsx`,
      content: await indicatorWorkbook(
        report,
        teamReports.map((t) => t.report),
      ),
    };
  }

  private async listPeople(
    auth: AuthContext,
    code: string,
    query: IndicatorPeopleQueryDto,
    limit: number,
    offset: number,
    action: string,
  ): Promise<IndicatorPeople> {
    const definition = indicatorDefinition(code);
    if (code === 'poolUse') throw refusal('INDICATOR.NO_PEOPLE', POOL_USE_NO_PEOPLE, 'code');
    const measure = CONTRACT_MEASURES[code];
    if (!definition || !(measure || isPlanIndicator(code) || isReferralPeopleIndicator(code))) throw notFound('这个指标没有可查看的名单');
    const area = await this.areas.resolve(auth, query);
    const window = this.window(query);
    const part = query.part ?? 'gap';
    let total: number;
    let rows: { personId: string; contractId: string | null; teamId: string | null; signedFrom: string | null; endDate: string | null; detail?: string }[];
    let partLabel: string;
    if (isPlanIndicator(code)) {
      ({ total, rows } = await planPeopleRows(this.dataSource, this.filterOf(area), code, part, window, limit, offset));
      partLabel = part === 'numerator' ? PLAN_PEOPLE[code].numeratorLabel : PLAN_PEOPLE[code].gapLabel;
    } else if (isReferralPeopleIndicator(code)) {
      ({ total, rows } = await referralPeopleRows(this.dataSource, this.filterOf(area), code, part, window, limit, offset));
      partLabel = part === 'numerator' ? REFERRAL_PEOPLE[code].numeratorLabel : REFERRAL_PEOPLE[code].gapLabel;
    } else if (part === 'numerator') {
      ({ total, rows } = await factRows(this.dataSource, this.filterOf(area), measure.numerator(window), limit, offset));
      partLabel = measure.numeratorLabel;
    } else if (code === 'signing') {
      ({ total, rows } = await this.unsignedResidents(area, window, limit, offset));
      partLabel = SIGNING_GAP_LABEL;
    } else {
      const gap = gapPredicate(measure, window);
      if (!gap) throw notFound('这个指标没有差距名单');
      ({ total, rows } = await factRows(this.dataSource, this.filterOf(area), gap, limit, offset));
      partLabel = measure.gapLabel!;
    }
    const persons = rows.length ? await this.dataSource.getRepository(Person).findBy({ id: In([...new Set(rows.map((r) => r.personId))]) }) : [];
    const byId = new Map(persons.map((p) => [p.id, p]));
    const teamNames = new Map(area.teams.map((t) => [t.id, t.name]));
    const today = todayInChina(new Date());
    const items = rows.map((r) => {
      const p = byId.get(r.personId)!;
      return {
        personId: p.id,
        name: p.name,
        idNumberMasked: p.idNumberMasked,
        gender: p.gender,
        age: ageOn(p.birthDate, today),
        teamName: r.teamId ? (teamNames.get(r.teamId) ?? null) : null,
        contractId: r.contractId,
        signedFrom: r.signedFrom,
        endDate: r.endDate,
        ...(r.detail ? { detail: r.detail } : {}),
      };
    });
    await this.audit.record(
      auth,
      action,
      items.map((i) => i.personId),
      'indicator',
      code,
    );
    return { code, name: definition.name, part, partLabel, items, total, limit, offset };
  }

  private async unsignedResidents(area: Area, window: CountWindow, limit: number, offset: number) {
    const communityIds = area.kind === 'team' ? area.teams[0].communityIds : area.communities.map((c) => c.id);
    if (communityIds.length === 0) return { total: 0, rows: [] };
    const marks = communityIds.map(() => '?').join(', ');
    const condition = `p.communityId IN (${marks}) AND NOT EXISTS (SELECT 1 FROM contract_facts g WHERE g.personId = p.id AND g.signedFrom <= ? AND g.signedUntil > ?)`;
    const params = [...communityIds, window.day, window.day];
    const [{ total }] = await this.dataSource.query(`SELECT COUNT(*) AS total FROM persons p WHERE ${condition}`, params);
    const found: { personId: string }[] = await this.dataSource.query(
      `SELECT p.id AS personId FROM persons p WHERE ${condition} ORDER BY p.communityId, p.name, p.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { total: Number(total), rows: found.map((r) => ({ personId: r.personId, contractId: null, teamId: null, signedFrom: null, endDate: null })) };
  }

  private shape(evaluation: Evaluation): Omit<IndicatorUnit, 'kind' | 'id' | 'name'> {
    const indicators: Indicator[] = evaluation.indicators.map((i) => {
      const definition = indicatorDefinition(i.code)!;
      return {
        ...i,
        numeratorLabel: definition.numerator,
        denominatorLabel: definition.denominator,
        drillDown: i.status !== 'noData' && (i.code in CONTRACT_MEASURES || isPlanIndicator(i.code) || isReferralPeopleIndicator(i.code)),
      };
    });
    return {
      indicators,
      total: evaluation.total,
      maxTotal: evaluation.maxTotal,
      fullMark: evaluation.fullMark,
      standardised: evaluation.standardised,
      grade: evaluation.grade,
      gradeLabel: evaluation.grade ? GRADE_LABELS[evaluation.grade] : null,
    };
  }

  private window(query: { from?: string; to?: string }, today = todayInChina(new Date())): CountWindow {
    const from = query.from ?? (query.to ? `${query.to.slice(0, 4)}-01-01` : yearOf(today).from);
    const to = query.to ?? yearOf(from).to;
    if (!isRealDate(from)) throw badRequest('from', '开始日期不是有效日期');
    if (!isRealDate(to)) throw badRequest('to', '结束日期不是有效日期');
    if (to < from) throw badRequest('to', '结束日期不能早于开始日期');
    if (Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000) throw badRequest('to', '统计时段最长三年');
    return this.windowOf({ from, to }, today);
  }

  private windowOf(period: Period, today: string): CountWindow {
    return { period, day: countingDay(period, today), today, previous: previousPeriod(period) };
  }

  private filterOf(area: Area): AreaFilter {
    if (area.kind === 'team') return { regionId: area.region.id, teamId: area.id };
    if (area.kind === 'institution') return { regionId: area.region.id, institutionId: area.id };
    return { regionId: area.region.id };
  }

  private async familyDoctors(teams: AreaTeam[]): Promise<Map<string, number>> {
    if (teams.length === 0) return new Map();
    const doctors = await this.dataSource.getRepository(Doctor).findBy({ teamId: In(teams.map((t) => t.id)), isFamilyDoctor: true });
    const counts = new Map<string, number>();
    for (const d of doctors) counts.set(d.teamId, (counts.get(d.teamId) ?? 0) + 1);
    return counts;
  }
}

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The summed figures of the communities that have them; null when none has. */
function populationOf(figures: Map<string, PopulationFigures>, communityIds: string[]): PopulationFigures | null {
  const entered = communityIds.map((id) => figures.get(id)).filter((f): f is PopulationFigures => f !== undefined);
  return entered.length ? sumPopulations(entered) : null;
}

function populationDenominator(code: string, population: PopulationFigures | null): number | null {
  if (!population) return null;
  if (code === 'signing') return population.residents;
  if (code === 'keyGroupSigning') return Object.values(population.groups).reduce((a, b) => a + (b ?? 0), 0);
  const group = code.startsWith('keyGroupSigning.') ? code.slice('keyGroupSigning.'.length) : null;
  return group ? (population.groups[group as keyof PopulationFigures['groups']] ?? 0) : null;
}

function trendPoint(month: string, numerator: number, denominator: number | null): IndicatorTrend['points'][number] {
  if (denominator === null) return { month, numerator: null, denominator: null, rate: null };
  return { month, numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}
