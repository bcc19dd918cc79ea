import { Entity, Index } from 'typeorm';
import { BoolColumn, IdColumn, IntColumn, RefColumn, TextColumn } from '../database/columns';

/**
 * A member of a family-doctor team. `heldPlaces` counts the pending and active contracts that
 * name this doctor; it is changed only by conditional updates so that the region's capacity
 * holds when sign-ups race (see contracts).
 */
@Entity('doctors')
@Index('IDX_doctors_team', ['teamId'])
export class Doctor {
  @IdColumn() id: string;
  @RefColumn() teamId: string;
  @TextColumn(50) name: string;
  @TextColumn(50) title: string;
  @TextColumn(30) phone: string;
  /** A family doctor holds contracts; nurses and public-health doctors support the team. */
  @BoolColumn() isFamilyDoctor: boolean;
  @IntColumn({ default: 0 }) heldPlaces: number;
}
