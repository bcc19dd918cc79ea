import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { KeyGroupTag, packageYearTotals, RegionPolicy, ServicePackage, validatePackage, validateRegionPolicy } from '@jiayi/domain';
import type { OfferedPackage } from '@jiayi/contract';
import { notFound, refusal, refusalError } from '../common/api-error';
import { inTransaction, writeOnce } from '../database/transaction';
import { Region } from '../reference/region.entity';
import { CatalogService } from './catalog.service';
import { PackageDto, RegionPolicyDto } from './dto/staff-catalog.dto';
import { keepSupersededVersion } from './package-versions';
import { ServicePackageRecord, toServicePackage } from './service-package.entity';

/** A region's catalog and policy as staff read them and the region admin changes them. */
@Injectable()
export class StaffCatalogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
  ) {}

  async policy(regionId: string | undefined): Promise<RegionPolicy> {
    return (await this.region(regionId)).policy;
  }

  async updatePolicy(regionId: string | undefined, dto: RegionPolicyDto): Promise<RegionPolicy> {
    const checked = validateRegionPolicy(dto as RegionPolicy);
    if (!checked.ok) throw refusalError(checked);
    const region = await this.region(regionId);
    await writeOnce(this.dataSource, (manager) => manager.update(Region, { id: region.id }, { policy: checked.value }));
    return checked.value;
  }

  async packages(regionId: string | undefined): Promise<OfferedPackage[]> {
    const catalog = await this.catalog.catalog((await this.region(regionId)).id);
    return catalog.map((pkg) => ({ ...pkg, totals: packageYearTotals(pkg, catalog) }));
  }

  async createPackage(regionId: string | undefined, dto: PackageDto): Promise<OfferedPackage> {
    const region = await this.region(regionId);
    const exists = await this.dataSource.getRepository(ServicePackageRecord).findOneBy({ regionId: region.id, code: dto.code });
    if (exists) throw refusal('PACKAGE.CODE_TAKEN', '服务包编码已存在', 'code');
    return this.save(region.id, dto, randomUUID());
  }

  async updatePackage(regionId: string | undefined, code: string, dto: PackageDto): Promise<OfferedPackage> {
    const region = await this.region(regionId);
    const existing = await this.dataSource.getRepository(ServicePackageRecord).findOneBy({ regionId: region.id, code });
    if (!existing) throw notFound('没有找到该服务包');
    if (dto.code !== code) throw refusal('PACKAGE.CODE_IMMUTABLE', '服务包编码不能修改', 'code');
    return this.save(region.id, dto, existing.id);
  }

  /** Validates the package against the rest of the catalog (inclusions, prices) and stores it. */
  private async save(regionId: string, dto: PackageDto, id: string): Promise<OfferedPackage> {
    const catalog = (await this.catalog.catalog(regionId)).filter((p) => p.code !== dto.code);
    const pkg: ServicePackage = { ...dto, targetTags: dto.targetTags as KeyGroupTag[], items: dto.items.map((i) => ({ ...i })) };
    const checked = validatePackage(pkg, [...catalog, pkg]);
    if (!checked.ok) throw refusalError(checked);
    await inTransaction(this.dataSource, async (manager) => {
      // Contracts signed before this edit keep the package as it was (package-versions.ts).
      const lookup = manager.createQueryBuilder(ServicePackageRecord, 'p').where('p.id = :id', { id });
      if (manager.connection.options.type !== 'better-sqlite3') lookup.setLock('pessimistic_write');
      const previous = await lookup.getOne();
      const next = { id, regionId, ...checked.value, referenceCode: checked.value.referenceCode ?? null, active: true };
      if (previous && JSON.stringify(toServicePackage(previous)) !== JSON.stringify(toServicePackage(next))) {
        await keepSupersededVersion(manager, previous, new Date());
      }
      await manager.save(ServicePackageRecord, next);
    });
    return { ...checked.value, totals: packageYearTotals(checked.value, [...catalog, checked.value]) };
  }

  /** The caller's region (a staff account without one has nothing to read). */
  private async region(regionId: string | undefined): Promise<Region> {
    const region = regionId === undefined ? null : await this.dataSource.getRepository(Region).findOneBy({ id: regionId });
    if (!region) throw notFound('没有找到所属地区');
    return region;
  }
}
