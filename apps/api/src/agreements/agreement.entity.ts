import { Entity, Index } from 'typeorm';
import { IdColumn, LongTextColumn, TextColumn, TimeColumn } from '../database/columns';

/** A version of the signing agreement text; a contract stores the version and hash it accepted. */
@Entity('agreements')
@Index('UQ_agreements_version', ['version'], { unique: true })
export class Agreement {
  @IdColumn() id: string;
  @TextColumn(20) version: string;
  @TextColumn(100) title: string;
  @LongTextColumn() text: string;
  /** sha256 of the text, hex. */
  @TextColumn(64) hash: string;
  @TimeColumn() effectiveFrom: Date;
}
