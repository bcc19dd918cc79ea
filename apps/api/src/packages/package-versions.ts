import { Entity, EntityManager, Index } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { ServicePackage } from '@jiayi/domain';
import { IdColumn, JsonColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';
import { ServicePackageRecord, toServicePackage } from './service-package.entity';

/**
 * A package as it was before an edit replaced it. A contract promises the items of its packages
 * as they were when it was signed (domain.md §10): an edit of the catalogue changes what new
 * contracts promise, never the plan of a signed one.
 */
@Entity('service_package_versions')
@Index('IDX_service_package_versions_code', ['regionId', 'code', 'supersededAt'])
export class ServicePackageVersion {
  @IdColumn() id: string;
  @RefColumn() regionId: string;
  @TextColumn(40) code: string;
  /** The package as the catalogue held it (toServicePackage). */
  @JsonColumn() content: ServicePackage;
  /** When the edit replaced it: contracts signed before this instant, and not before the previous edit, promise this content. */
  @TimeColumn() supersededAt: Date;
}

/** Keeps the package's current content as a version, in the transaction of the edit that replaces it (row locked by the caller). */
export async function keepSupersededVersion(manager: EntityManager, previous: ServicePackageRecord, at: Date): Promise<void> {
  await manager.insert(ServicePackageVersion, {
    id: randomUUID(),
    regionId: previous.regionId,
    code: previous.code,
    content: toServicePackage(previous),
    supersededAt: at,
  });
}

/** A region's catalogue at any past instant: what a contract signed then promises. */
export interface SignedCatalog {
  at(signedAt: Date): ServicePackage[];
}

/**
 * The region's active packages, each replaced by the content it had at `signedAt` where an edit came
 * later. `versions: false` is for migrations older than the versions table (no edit was kept before it).
 */
export async function signedCatalog(manager: EntityManager, regionId: string, { versions: withVersions = true } = {}): Promise<SignedCatalog> {
  const [records, versions] = await Promise.all([
    manager.find(ServicePackageRecord, { where: { regionId, active: true }, order: { kind: 'ASC', code: 'ASC' } }),
    withVersions ? manager.find(ServicePackageVersion, { where: { regionId }, order: { supersededAt: 'ASC', id: 'ASC' } }) : [],
  ]);
  const current = records.map(toServicePackage);
  const byCode = new Map<string, ServicePackageVersion[]>();
  for (const v of versions) byCode.set(v.code, [...(byCode.get(v.code) ?? []), v]);
  return {
    at: (signedAt) =>
      current.map((pkg) => (byCode.get(pkg.code) ?? []).find((v) => new Date(signedAt).getTime() < new Date(v.supersededAt).getTime())?.content ?? pkg),
  };
}
