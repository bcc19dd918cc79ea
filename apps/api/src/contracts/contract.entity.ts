import { Entity, Index } from 'typeorm';
import type { ContractStatus, Quote, SignedBy, SigningChannel, TerminationReason } from '@jiayi/domain';
import { BoolColumn, DateColumn, EncryptedJsonColumn, IdColumn, IntColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * 签约协议: one person with one team and a responsible doctor for 1–3 years. Never deleted.
 *
 * Two columns carry the race safety, both changed only by conditional updates:
 * - `openSlot` is the person's id while the contract is pending or active (`<personId>:renewal`
 *   for a renewal that coexists with the contract it continues) and NULL otherwise; its unique
 *   index lets the database refuse a second open contract for one person.
 * - `holdsPlace` is true while the contract counts in its doctor's `doctors.heldPlaces`.
 */
@Entity('contracts')
@Index('UQ_contracts_open_slot', ['openSlot'], { unique: true })
@Index('IDX_contracts_person', ['personId'])
@Index('IDX_contracts_team_status', ['teamId', 'status'])
@Index('IDX_contracts_doctor', ['doctorId'])
@Index('IDX_contracts_institution_status', ['institutionId', 'status'])
@Index('IDX_contracts_region_status', ['regionId', 'status'])
@Index('IDX_contracts_renewal_of', ['renewalOf'])
@Index('IDX_contracts_status_end', ['status', 'endDate'])
export class Contract {
  @IdColumn() id: string;
  @RefColumn() personId: string;
  @RefColumn() teamId: string;
  @RefColumn() doctorId: string;
  /** The team's institution and region, kept for scoping staff queries and indicators. */
  @RefColumn() institutionId: string;
  @RefColumn() regionId: string;
  @TextColumn(12) status: ContractStatus;
  @DateColumn() startDate: string;
  @DateColumn() endDate: string;
  @IntColumn() years: number;
  /**
   * The packages chosen: health information (a diabetes package reveals the condition), so
   * encrypted at rest (column `packageCodesCipher`); the entity reads and writes it as a plain array.
   */
  @EncryptedJsonColumn('packageCodesCipher') packageCodes: string[];
  /**
   * The split as priced at signing, the same numbers the resident saw: its fee and policy lines
   * reveal packages and statuses (a 低保 waiver), so encrypted at rest (column `feesCipher`).
   */
  @EncryptedJsonColumn('feesCipher') fees: Quote;
  /**
   * The period's totals per payer, in fen, in clear for indicators and reports (付费签约占比):
   * sums that name no package, condition or status. Always `feeTotalColumns(fees)`.
   */
  @IntColumn() totalFen: number;
  @IntColumn() insuranceFen: number;
  @IntColumn() publicHealthFen: number;
  @IntColumn() selfPayFen: number;
  @IntColumn() fiscalFen: number;
  @TextColumn(10) signedBy: SignedBy;
  @TextColumn(20) agreementVersion: string;
  @TextColumn(64) agreementHash: string;
  @RefColumn({ nullable: true }) renewalOf: string | null;
  /** Groups the contracts of one household signing (one per person). */
  @RefColumn() householdSigningId: string;
  @TextColumn(12) channel: SigningChannel;
  @BoolColumn() insuranceAuthorized: boolean;
  @TimeColumn({ nullable: true }) insuranceAuthorizedAt: Date | null;
  @TimeColumn({ nullable: true }) guardianConsentAt: Date | null;
  @TimeColumn() residentConfirmedAt: Date;
  @TimeColumn({ nullable: true }) doctorConfirmedAt: Date | null;
  @RefColumn({ nullable: true }) confirmedByStaffId: string | null;
  /** The declared key-group tags the doctor confirmed (health data: encrypted). */
  @LongTextColumn({ nullable: true }) confirmedTagsCipher: string | null;
  @TextColumn(200, { nullable: true }) rejectionReason: string | null;
  @TextColumn(20, { nullable: true }) terminationReason: TerminationReason | null;
  @TimeColumn({ nullable: true }) terminatedAt: Date | null;
  @TimeColumn() createdAt: Date;
  @TextColumn(50, { nullable: true }) openSlot: string | null;
  @BoolColumn({ default: false }) holdsPlace: boolean;
  /** The resident's handwritten signature or thumbprint captured at on-site signing (PNG data URL, encrypted). */
  @LongTextColumn({ nullable: true }) signatureCipher: string | null;
}

/** The clear per-payer totals stored beside a contract's encrypted fees. */
export function feeTotalColumns(fees: Quote): Pick<Contract, 'totalFen' | 'insuranceFen' | 'publicHealthFen' | 'selfPayFen' | 'fiscalFen'> {
  const { total, insurance, publicHealth, selfPay, fiscal } = fees.totals;
  return { totalFen: total, insuranceFen: insurance, publicHealthFen: publicHealth, selfPayFen: selfPay, fiscalFen: fiscal };
}
