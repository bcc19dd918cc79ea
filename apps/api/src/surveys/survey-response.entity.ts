import { Entity, Index } from 'typeorm';
import type { NormalisedAnswer } from '@jiayi/domain';
import { BoolColumn, DateColumn, EncryptedJsonColumn, IdColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

export type { ResponseChannel } from '@jiayi/domain';
import type { ResponseChannel } from '@jiayi/domain';

/**
 * A resident's one response to a wave (the unique key enforces "at most once"), with the groups the
 * respondent belonged to when answering, so breakdowns never depend on later changes.
 */
@Entity('survey_responses')
@Index('UQ_survey_responses_wave_person', ['waveId', 'personId'], { unique: true })
@Index('IDX_survey_responses_rollup', ['waveId', 'rolledUp'])
export class SurveyResponse {
  @IdColumn() id: string;
  @RefColumn() waveId: string;
  @RefColumn() personId: string;
  @TextColumn(12) channel: ResponseChannel;
  @RefColumn({ nullable: true }) enteredBy: string | null;
  @TimeColumn() submittedAt: Date;
  @RefColumn({ nullable: true }) institutionId: string | null;
  @RefColumn({ nullable: true }) teamId: string | null;
  /**
   * Key-group codes, comma-separated ('' for none), encrypted (health information, PIPL art. 28).
   * With `ageBand` and `signingDuration`: '' until the roll-up derives them, when a resident's own
   * submission recorded only the facts below.
   */
  @LongTextColumn() keyGroupsCipher: string;
  @TextColumn(10) ageBand: string;
  @TextColumn(10) signingDuration: string;
  /** As of the submission, copied by its INSERT … SELECT: the person's birth date, first signing date, declared key groups (encrypted). */
  @DateColumn({ nullable: true }) birthDate: string | null;
  @DateColumn({ nullable: true }) signedSince: string | null;
  @LongTextColumn({ nullable: true }) declaredTagsCipher: string | null;
  /**
   * The validated answers: the raw record, written in the one INSERT of a submission; encrypted
   * (column `answersCipher`), as "which group are you in" and free text reveal health information.
   */
  @EncryptedJsonColumn('answersCipher') answers: NormalisedAnswer[];
  /** Normalised into `survey_answers` and added to the counters by the roll-up (survey-rollup.service.ts)? */
  @BoolColumn({ default: false }) rolledUp: boolean;
}
