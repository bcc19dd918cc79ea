import { Entity, Index } from 'typeorm';
import type { KeyGroupTag, PackageItem, ServicePackage } from '@jiayi/domain';
import { BoolColumn, IdColumn, JsonColumn, LongTextColumn, RefColumn, TextColumn } from '../database/columns';

/** A region's service package (服务包); the catalog libs/domain prices from. */
@Entity('service_packages')
@Index('UQ_service_packages_region_code', ['regionId', 'code'], { unique: true })
export class ServicePackageRecord {
  @IdColumn() id: string;
  @RefColumn() regionId: string;
  @TextColumn(40) code: string;
  @TextColumn(100) name: string;
  @TextColumn(20) kind: 'basic' | 'personalised';
  @JsonColumn() targetTags: KeyGroupTag[];
  @LongTextColumn() description: string;
  @JsonColumn() items: PackageItem[];
  @JsonColumn() includes: string[];
  @TextColumn(20, { nullable: true }) referenceCode: 'hypertension' | 'diabetes' | null;
  @BoolColumn({ default: true }) active: boolean;
}

/** The catalogue row as libs/domain reads a package. */
export function toServicePackage(row: ServicePackageRecord): ServicePackage {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    targetTags: row.targetTags,
    description: row.description,
    items: row.items,
    includes: row.includes,
    ...(row.referenceCode ? { referenceCode: row.referenceCode } : {}),
  };
}
