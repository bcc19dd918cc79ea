import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  effectiveTags,
  KeyGroupTag,
  offeredPackages,
  packageYearTotals,
  quote,
  Quote,
  RegionPolicy,
  Result,
  ServicePackage,
  todayInChina,
} from '@jiayi/domain';
import { refusal } from '../common/api-error';
import { Person } from '../people/person.entity';
import { PeopleService } from '../people/people.service';
import { Community } from '../reference/community.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { ServicePackageRecord, toServicePackage } from './service-package.entity';
import type { OfferedPackage } from '@jiayi/contract';

/** The catalog and policy a person is priced by: those of the region their community belongs to. */
@Injectable()
export class CatalogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
  ) {}

  async regionOf(person: Person, manager: EntityManager = this.dataSource.manager): Promise<Region> {
    const community = person.communityId ? await manager.findOneBy(Community, { id: person.communityId }) : null;
    const institution = community ? await manager.findOneBy(Institution, { id: community.institutionId }) : null;
    const region = institution ? await manager.findOneBy(Region, { id: institution.regionId }) : null;
    if (!region) throw refusal('PROFILE.COMMUNITY_REQUIRED', '请先在个人信息中选择所在的村/社区');
    return region;
  }

  async catalog(regionId: string, manager: EntityManager = this.dataSource.manager): Promise<ServicePackage[]> {
    return activeCatalog(manager, regionId);
  }

  /** The packages a person may choose, each with its per-year totals. */
  async offeredTo(person: Person): Promise<OfferedPackage[]> {
    const region = await this.regionOf(person);
    const catalog = await this.catalog(region.id);
    return offeredPackages(catalog, this.tagsOf(person)).map((pkg) => ({ ...pkg, totals: packageYearTotals(pkg, catalog) }));
  }

  tagsOf(person: Person, on = todayInChina(new Date()), declared: KeyGroupTag[] = this.people.declaredTags(person)): KeyGroupTag[] {
    return effectiveTags(person.birthDate, declared, on);
  }

  /**
   * Prices a selection for a person with libs/domain. `declaredTags` overrides the person's own
   * (the doctor's confirmed tags at confirmation); `on` is the contract's start date.
   */
  async quoteFor(
    person: Person,
    packageCodes: string[],
    years: number,
    options: { on?: string; declaredTags?: KeyGroupTag[]; manager?: EntityManager } = {},
  ): Promise<{ result: Result<Quote>; policy: RegionPolicy; region: Region }> {
    const manager = options.manager ?? this.dataSource.manager;
    const region = await this.regionOf(person, manager);
    const on = options.on ?? todayInChina(new Date());
    const catalog = await this.catalog(region.id, manager);
    const tags = this.tagsOf(person, on, options.declaredTags);
    const result = quote({ catalog, packageCodes, years, birthDate: person.birthDate, tags, on, policy: region.policy });
    return { result, policy: region.policy, region };
  }
}

/** The region's active packages (what prices a selection and plans a contract). */
export async function activeCatalog(manager: EntityManager, regionId: string): Promise<ServicePackage[]> {
  const rows = await manager.find(ServicePackageRecord, { where: { regionId, active: true }, order: { kind: 'ASC', code: 'ASC' } });
  return rows.map(toServicePackage);
}
