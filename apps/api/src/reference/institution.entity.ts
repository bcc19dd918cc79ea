import { Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TextColumn } from '../database/columns';

/** 乡镇卫生院 or 社区卫生服务中心. */
@Entity('institutions')
@Index('IDX_institutions_region', ['regionId'])
export class Institution {
  @IdColumn() id: string;
  @RefColumn() regionId: string;
  @TextColumn(100) name: string;
  @TextColumn(30) kind: 'townshipHealthCentre' | 'communityHealthCentre';
  @TextColumn(200) address: string;
  @TextColumn(30) phone: string;
}
