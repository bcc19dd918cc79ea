import { Entity } from 'typeorm';
import type { RegionPolicy } from '@jiayi/domain';
import { IdColumn, JsonColumn, TextColumn } from '../database/columns';

/** A county or district: its health commission sets the policy every institution in it follows. */
@Entity('regions')
export class Region {
  @IdColumn() id: string;
  @TextColumn(100) name: string;
  @JsonColumn() policy: RegionPolicy;
}
