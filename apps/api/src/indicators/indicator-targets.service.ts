import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { writeOnce } from '../database/transaction';
import { effectiveTargets, IndicatorTarget, INDICATORS, roundPoints, validateIndicatorTargets } from '@jiayi/domain';
import type { IndicatorTargetList } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { notFound, refusalError } from '../common/api-error';
import { IndicatorSettings } from './indicator-settings.entity';
import type { IndicatorTargetsDto } from './dto/indicators.dto';

/** The region's targets, points and scoring rules (the seeds' values until the region admin changes them). */
@Injectable()
export class IndicatorTargetsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async effective(regionId: string): Promise<Record<string, IndicatorTarget>> {
    const row = await this.dataSource.getRepository(IndicatorSettings).findOneBy({ regionId });
    return effectiveTargets(row?.targets ?? {});
  }

  async list(auth: AuthContext): Promise<IndicatorTargetList> {
    if (!auth.regionId) throw notFound();
    const targets = await this.effective(auth.regionId);
    return {
      fullMark: roundPoints(INDICATORS.reduce((sum, i) => sum + targets[i.code].points, 0)),
      items: INDICATORS.map((i) => ({
        code: i.code,
        name: i.name,
        group: i.group,
        direction: i.direction,
        ...targets[i.code],
        defaults: { target: i.target, points: i.points, scoring: i.scoring },
      })),
    };
  }

  /** Replaces the region's settings in one write of its one row; indicators not sent take the defaults. */
  async replace(auth: AuthContext, dto: IndicatorTargetsDto): Promise<IndicatorTargetList> {
    if (!auth.regionId) throw notFound();
    const settings = Object.fromEntries(dto.targets.map((t) => [t.code, { target: t.target, points: t.points, scoring: t.scoring }]));
    const checked = validateIndicatorTargets(settings);
    if (!checked.ok) throw refusalError(checked);
    const defaults = new Map(INDICATORS.map((i) => [i.code, i]));
    const differing = Object.fromEntries(
      Object.entries(checked.value).filter(([code, t]) => {
        const d = defaults.get(code)!;
        return t.target !== d.target || t.points !== d.points || t.scoring !== d.scoring;
      }),
    );
    await writeOnce(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(IndicatorSettings)
        .values({ regionId: auth.regionId, targets: differing, updatedBy: auth.accountId, updatedAt: new Date() })
        .orUpdate(['targets', 'updatedBy', 'updatedAt'], ['regionId'])
        .execute(),
    );
    return this.list(auth);
  }
}
