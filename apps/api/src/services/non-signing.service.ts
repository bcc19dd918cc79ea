import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, In } from 'typeorm';
import { writeOnce } from '../database/transaction';
import { NON_SIGNING_CATEGORIES, NON_SIGNING_CATEGORY_LABELS } from '@jiayi/domain';
import type { NonSigning } from '@jiayi/contract';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { notFound } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { maskPhone } from '../contracts/contract-views';
import { SigningRefusal } from '../contracts/signing-refusal.entity';
import { Team } from '../reference/team.entity';
import { NonSigningUpdateDto } from './dto/services.dto';
import { staffScope } from './staff-scope';

/**
 * Residents of the area who are not signed, in the categories the commissions count (拒签 with the
 * 知情告知书, 失联, 入狱, 死亡, 外出/迁出): recorded through POST /api/staff/refusals, corrected here
 * by the team, and reported per team and category so that coverage can exclude them honestly.
 */
@Injectable()
export class NonSigningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
  ) {}

  async update(auth: AuthContext, id: string, dto: NonSigningUpdateDto): Promise<NonSigning> {
    const repository = this.dataSource.getRepository(SigningRefusal);
    const row = await repository.findOneBy({ id, ...(staffScope(auth) as FindOptionsWhere<SigningRefusal>) });
    if (!row) throw notFound('没有找到这条未签约记录');
    const changes = {
      category: dto.category,
      reason: dto.reason.trim(),
      updatedAt: new Date(),
      updatedByStaffId: auth.accountId,
      ...(dto.noticePhoto ? { noticePhotoCipher: this.cipher.encrypt(dto.noticePhoto) } : {}),
    };
    await writeOnce(this.dataSource, (manager) => manager.update(SigningRefusal, { id: row.id }, changes));
    if (row.personId) await this.audit.record(auth, 'refusal.update', [row.personId], 'signingRefusal', row.id);
    const team = await this.dataSource.getRepository(Team).findOneBy({ id: row.teamId });
    return this.view({ ...row, ...changes }, team?.name ?? '');
  }

  /** Counts per team and category in scope. */
  async report(auth: AuthContext) {
    const rows: { teamId: string; category: string; n: string | number }[] = await this.dataSource
      .getRepository(SigningRefusal)
      .createQueryBuilder('r')
      .select('r.teamId', 'teamId')
      .addSelect('r.category', 'category')
      .addSelect('COUNT(*)', 'n')
      .where(staffScope(auth))
      .groupBy('r.teamId')
      .addGroupBy('r.category')
      .getRawMany();
    const teamIds = [...new Set(rows.map((r) => r.teamId))];
    const teams = teamIds.length ? await this.dataSource.getRepository(Team).findBy({ id: In(teamIds) }) : [];
    return teamIds.map((teamId) => {
      const counts = Object.fromEntries(NON_SIGNING_CATEGORIES.map((c) => [c, 0])) as Record<string, number>;
      for (const r of rows.filter((r) => r.teamId === teamId)) counts[r.category] = Number(r.n);
      return { teamId, teamName: teams.find((t) => t.id === teamId)?.name ?? '', counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
    });
  }

  private view(r: SigningRefusal, teamName: string): NonSigning {
    return {
      id: r.id,
      name: r.name,
      idNumberMasked: r.idNumberMasked,
      phoneMasked: maskPhone(r.phoneCipher ? this.cipher.decrypt(r.phoneCipher) : null),
      personId: r.personId,
      teamId: r.teamId,
      teamName,
      institutionId: r.institutionId,
      category: r.category,
      categoryLabel: NON_SIGNING_CATEGORY_LABELS[r.category],
      reason: r.reason,
      hasNoticePhoto: r.noticePhotoCipher !== null,
      recordedByStaffId: r.recordedByStaffId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt ? r.updatedAt.toISOString() : null,
    };
  }
}
