import { Entity, Index } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TextColumn } from '../database/columns';

/** A partner hospital (二级及以上) that reserves referral slots for family doctors. */
@Entity('hospitals')
@Index('IDX_hospitals_region', ['regionId'])
export class Hospital {
  @IdColumn() id: string;
  @RefColumn() regionId: string;
  @TextColumn(100) name: string;
  @TextColumn(20) level: string;
  @TextColumn(200) address: string;
  @JsonColumn() departments: string[];
}
