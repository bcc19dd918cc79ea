import { Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TextColumn } from '../database/columns';

/** 村 / 居委会: where residents live; teams serve a list of them. */
@Entity('communities')
@Index('IDX_communities_institution', ['institutionId'])
export class Community {
  @IdColumn() id: string;
  @RefColumn() institutionId: string;
  @TextColumn(100) name: string;
}
