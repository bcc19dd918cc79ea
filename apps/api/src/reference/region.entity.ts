import { Entity } from 'typeorm';
import { effectivePolicy, type RegionPolicy } from '@jiayi/domain';
import { IdColumn, JsonColumn, TextColumn } from '../database/columns';

/** A county or district: its health commission sets the policy every institution in it follows. */
@Entity('regions')
export class Region {
  @IdColumn() id: string;
  @TextColumn(100) name: string;
  /** Read as the effective policy (stored fields over the defaults). */
  @JsonColumn({ transformer: { from: (stored: Partial<RegionPolicy> | null) => effectivePolicy(stored), to: (policy: RegionPolicy) => policy } })
  policy: RegionPolicy;
}
