import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AccountClosure, ConsentWithdrawal } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { ResidentAccount } from '../auth/resident-account.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { refusal } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { inTransaction } from '../database/transaction';
import { refreshPersonPlanItems } from '../indicators/plan-items';
import { Person } from './person.entity';
import { refreshPlacements } from './placements';

/**
 * The resident's PIPL rights over the account.
 *
 * Withdrawing the separate consent (art. 15, 29) stops new processing of sensitive information:
 * the household's declared key-group tags are erased, and signing, renewing, changing team,
 * entering family members, answering surveys and a doctor confirming a pending contract (which
 * records health tags) are refused (CONSENT.WITHDRAWN) until the consent is given again through
 * PUT /api/me/profile; the doctor may still reject the pending contract. What was done before stays valid (art. 15: a
 * withdrawal does not affect processing already carried out): contracts run on, with the tags the
 * doctor confirmed on them.
 *
 * Closing the account (art. 47) erases what no law requires: the account (openid, session key,
 * consent record), every household member without a contract, phones and declared tags, notices,
 * idempotency records, subscriptions, push deliveries and unsent messages, survey sample entries and
 * calls; survey responses are unlinked from the person (they live on only in anonymous statistics).
 * Kept: contracts, which the signing rules keep at least five years, with the person's name, ID
 * number and birth data they need, the medical records tied to them (service records, referrals),
 * resident feedback handled by the team, and the audit log (plus one entry recording the closure). A household with a pending or active contract must
 * end it first (ACCOUNT.OPEN_CONTRACTS): closure never silently ends care.
 */
@Injectable()
export class PrivacyRightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async withdrawConsent(auth: AuthContext): Promise<ConsentWithdrawal> {
    const withdrawnAt = new Date();
    return inTransaction(this.dataSource, async (manager) => {
      await manager.update(ResidentAccount, { id: auth.accountId }, { sensitiveConsent: false, consentWithdrawnAt: withdrawnAt });
      const persons = await manager.find(Person, { select: { id: true }, where: { accountId: auth.accountId } });
      const ids = persons.map((p) => p.id);
      if (ids.length > 0) {
        await manager.update(Person, { id: In(ids) }, { declaredTagsCipher: this.cipher.encryptJson([]), updatedAt: withdrawnAt });
        // Plans of contracts without confirmed tags read the declared ones.
        await refreshPersonPlanItems(manager, ids, this.cipher);
      }
      const { total } = await this.personsWithContracts(manager, ids);
      return { sensitiveConsent: false, withdrawnAt: withdrawnAt.toISOString(), erasedDeclaredTags: ids.length, keptContracts: total };
    });
  }

  async closeAccount(auth: AuthContext): Promise<AccountClosure> {
    const closedAt = new Date();
    return inTransaction(this.dataSource, async (manager) => {
      const persons = await manager.find(Person, { select: { id: true }, where: { accountId: auth.accountId } });
      const ids = persons.map((p) => p.id);
      const withContracts = await this.personsWithContracts(manager, ids);
      if (withContracts.open > 0) {
        throw refusal('ACCOUNT.OPEN_CONTRACTS', '您或家人还有待确认或服务中的签约，请先在“我的签约”中解约，再注销账号');
      }
      const kept = ids.filter((id) => withContracts.ids.has(id));
      const erased = ids.filter((id) => !withContracts.ids.has(id));
      const anonymised = await this.unlinkSurveyResponses(manager, ids);
      if (ids.length > 0) {
        await manager.query(`DELETE FROM survey_sample_members WHERE personId IN (${marks(ids)})`, ids);
        await manager.query(`DELETE FROM survey_calls WHERE personId IN (${marks(ids)})`, ids);
      }
      if (kept.length > 0) {
        await manager.update(Person, { id: In(kept) }, { phoneCipher: null, declaredTagsCipher: this.cipher.encryptJson([]), updatedAt: closedAt });
        await refreshPersonPlanItems(manager, kept, this.cipher);
      }
      if (erased.length > 0) {
        await manager.delete(Person, { id: In(erased) });
        await refreshPlacements(manager, erased);
      }
      for (const table of ACCOUNT_TABLES_ERASED) await manager.query(`DELETE FROM ${table} WHERE accountId = ?`, [auth.accountId]);
      await manager.delete(ResidentAccount, { id: auth.accountId });
      await manager.insert(AuditLog, {
        id: randomUUID(),
        actorId: auth.accountId,
        actorRole: 'resident',
        action: 'account.close',
        personId: kept[0] ?? null,
        resource: 'resident_account',
        resourceId: auth.accountId,
        at: closedAt,
      });
      return {
        closedAt: closedAt.toISOString(),
        erasedPersons: erased.length,
        keptPersons: kept.length,
        keptContracts: withContracts.total,
        anonymisedSurveyResponses: anonymised,
      };
    });
  }

  private async personsWithContracts(manager: EntityManager, personIds: string[]) {
    if (personIds.length === 0) return { ids: new Set<string>(), total: 0, open: 0 };
    const rows: { personId: string; status: string }[] = await manager.query(
      `SELECT personId, status FROM contracts WHERE personId IN (${marks(personIds)})`,
      personIds,
    );
    return {
      ids: new Set(rows.map((r) => r.personId)),
      total: rows.length,
      open: rows.filter((r) => r.status === 'pending' || r.status === 'active').length,
    };
  }

  /** Each response gets a fresh random person id: the one-answer-per-wave key stays unique, the link is gone. */
  private async unlinkSurveyResponses(manager: EntityManager, personIds: string[]): Promise<number> {
    if (personIds.length === 0) return 0;
    const rows: { id: string }[] = await manager.query(`SELECT id FROM survey_responses WHERE personId IN (${marks(personIds)})`, personIds);
    for (const row of rows) await manager.query('UPDATE survey_responses SET personId = ? WHERE id = ?', [randomUUID(), row.id]);
    return rows.length;
  }
}

/**
 * What the account leaves behind that no law keeps: its notices, idempotency records, subscription
 * answers, push deliveries (what it was sent and read) and unsent WeChat messages. A new table keyed
 * by the account belongs here unless a rule keeps it.
 */
const ACCOUNT_TABLES_ERASED = ['resident_notices', 'idempotency_records', 'subscriptions', 'push_targets', 'outbox_messages'];

const marks = (values: unknown[]) => values.map(() => '?').join(', ');

const WITHDRAWN_MESSAGE = '您已撤回处理敏感个人信息的单独同意。如需继续，请在“我的”中重新阅读并同意后再办理';

/**
 * Refuses processing that needs the separate consent (signing, family data, surveys, a doctor
 * confirming health tags) once the account holder withdrew it; `message` for a staff caller.
 */
export async function requireSensitiveConsent(manager: EntityManager, accountId: string, message = WITHDRAWN_MESSAGE): Promise<void> {
  const account = await manager.findOne(ResidentAccount, { select: { id: true, sensitiveConsent: true, consentWithdrawnAt: true }, where: { id: accountId } });
  if (account?.consentWithdrawnAt && !account.sensitiveConsent) throw refusal('CONSENT.WITHDRAWN', message);
}
