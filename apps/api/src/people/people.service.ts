import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { ageOn, effectiveTags, KeyGroupTag, maskIdNumber, needsGuardianConsent, parseIdNumber, todayInChina } from '@jiayi/domain';
import type { Me, Person as PersonShape } from '@jiayi/contract';
import type { AuthContext } from '../auth/auth-context';
import { ResidentAccount } from '../auth/resident-account.entity';
import { badRequest, refusal, notFound, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { personHasContracts } from '../contracts/contract-records';
import { Community } from '../reference/community.entity';
import { FamilyMemberDto, UpdateProfileDto } from './dto/profile.dto';
import { Person } from './person.entity';
import { requireSensitiveConsent } from './privacy-rights.service';
import { inTransaction, isUniqueViolation } from '../database/transaction';
import { refreshPersonPlanItems } from '../indicators/plan-items';
import { refreshPlacements } from './placements';

/** A person as clients see it (`@jiayi/contract`): the ID number masked, tags derived on today's date. */
export type PersonView = PersonShape;

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  toView(person: Person, today = todayInChina(new Date())): PersonView {
    const declaredTags = this.declaredTags(person);
    return {
      id: person.id,
      name: person.name,
      idNumberMasked: person.idNumberMasked,
      gender: person.gender,
      birthDate: person.birthDate,
      age: ageOn(person.birthDate, today),
      tags: effectiveTags(person.birthDate, declaredTags, today),
      declaredTags,
      communityId: person.communityId,
      relation: person.relation,
    };
  }

  declaredTags(person: Person): KeyGroupTag[] {
    return this.cipher.decryptJson<KeyGroupTag[]>(person.declaredTagsCipher);
  }

  phone(person: Person): string | null {
    return person.phoneCipher ? this.cipher.decrypt(person.phoneCipher) : null;
  }

  async me(auth: AuthContext): Promise<Me> {
    const account = await this.dataSource.getRepository(ResidentAccount).findOneByOrFail({ id: auth.accountId });
    const self = await this.dataSource.getRepository(Person).findOneBy({ accountId: auth.accountId, relation: 'self' });
    return {
      accountId: auth.accountId,
      person: self ? this.toView(self) : null,
      consent: {
        sensitiveConsent: account.sensitiveConsent,
        privacyPolicyVersion: account.privacyPolicyVersion,
        consentAt: account.consentAt?.toISOString() ?? null,
      },
    };
  }

  async updateProfile(auth: AuthContext, dto: UpdateProfileDto): Promise<PersonView> {
    const today = todayInChina(new Date());
    const id = this.checkIdNumber(dto.idNumber, today);
    const community = await this.dataSource.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community) throw badRequest('communityId', '请选择您所在的村/社区');
    return inTransaction(this.dataSource, async (manager) => {
      const now = new Date();
      await manager.update(
        ResidentAccount,
        { id: auth.accountId },
        {
          sensitiveConsent: true,
          privacyPolicyVersion: dto.privacyPolicyVersion,
          consentAt: now,
        },
      );
      const existing =
        (await manager.findOneBy(Person, { accountId: auth.accountId, relation: 'self' })) ??
        (await this.claimOnSite(manager, auth.accountId, this.cipher.lookupHash(id.idNumber), dto.phone));
      const fields = {
        name: dto.name.trim(),
        ...this.identityFields(id),
        phoneCipher: this.cipher.encrypt(dto.phone),
        communityId: community.id,
        declaredTagsCipher: this.cipher.encryptJson(this.normaliseTags(dto.declaredTags)),
        updatedAt: now,
      };
      const person = existing
        ? await this.save(manager, { ...existing, ...fields })
        : await this.save(manager, { id: randomUUID(), accountId: auth.accountId, relation: 'self', guardianConsentAt: null, createdAt: now, ...fields });
      return this.toView(person, today);
    });
  }

  /**
   * A person a team registered on site (no account yet) becomes this account's own person when
   * the resident proves the same ID number and phone; when they were the head of a household
   * signed on site, its members come along as their family. The conditional update lets only one account claim them.
   */
  private async claimOnSite(manager: EntityManager, accountId: string, idNumberHash: string, phone: string): Promise<Person | null> {
    const unclaimed = await manager.findOneBy(Person, { idNumberHash, accountId: IsNull() });
    if (!unclaimed || !unclaimed.phoneCipher || this.cipher.decrypt(unclaimed.phoneCipher) !== phone) return null;
    const claimed = await manager
      .createQueryBuilder()
      .update(Person)
      .set({ accountId, relation: 'self' })
      .where('id = :id AND accountId IS NULL', { id: unclaimed.id })
      .execute();
    if (claimed.affected !== 1) return null;
    // Relations were recorded from the household head's side: only the head brings the household along.
    if (unclaimed.relation !== 'self') return { ...unclaimed, accountId, relation: 'self' };
    const members: { personId: string }[] = await manager.query(
      `SELECT DISTINCT m.personId AS personId FROM contracts m JOIN contracts c ON c.householdSigningId = m.householdSigningId
       WHERE c.personId = ? AND c.channel = ? AND m.personId <> ?`,
      [unclaimed.id, 'onsite', unclaimed.id],
    );
    if (members.length > 0) {
      await manager.update(Person, { id: In(members.map((m) => m.personId)), accountId: IsNull() }, { accountId });
    }
    return { ...unclaimed, accountId, relation: 'self' };
  }

  async listFamily(auth: AuthContext): Promise<PersonView[]> {
    const people = await this.dataSource.getRepository(Person).find({ where: { accountId: auth.accountId }, order: { createdAt: 'ASC' } });
    return people.filter((p) => p.relation !== 'self').map((p) => this.toView(p));
  }

  async addFamilyMember(auth: AuthContext, dto: FamilyMemberDto): Promise<PersonView> {
    const self = await this.requireSelf(auth);
    await requireSensitiveConsent(this.dataSource.manager, auth.accountId);
    const today = todayInChina(new Date());
    const id = this.checkIdNumber(dto.idNumber, today);
    const now = new Date();
    const guardianConsentAt = this.guardianConsent(id.birthDate, today, dto.guardianConsent, now);
    const person = await inTransaction(this.dataSource, (manager) =>
      this.save(manager, {
        id: randomUUID(),
        accountId: auth.accountId,
        relation: dto.relation,
        name: dto.name.trim(),
        ...this.identityFields(id),
        phoneCipher: dto.phone ? this.cipher.encrypt(dto.phone) : null,
        communityId: self.communityId,
        declaredTagsCipher: this.cipher.encryptJson(this.normaliseTags(dto.declaredTags)),
        guardianConsentAt,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return this.toView(person, today);
  }

  async updateFamilyMember(auth: AuthContext, personId: string, dto: FamilyMemberDto): Promise<PersonView> {
    const member = await this.findFamilyMember(auth, personId);
    await requireSensitiveConsent(this.dataSource.manager, auth.accountId);
    const today = todayInChina(new Date());
    const id = this.checkIdNumber(dto.idNumber, today);
    const now = new Date();
    const person = await inTransaction(this.dataSource, (manager) =>
      this.save(manager, {
        ...member,
        relation: dto.relation,
        name: dto.name.trim(),
        ...this.identityFields(id),
        phoneCipher: dto.phone ? this.cipher.encrypt(dto.phone) : null,
        declaredTagsCipher: this.cipher.encryptJson(this.normaliseTags(dto.declaredTags)),
        guardianConsentAt: this.guardianConsent(id.birthDate, today, dto.guardianConsent, member.guardianConsentAt ?? now),
        updatedAt: now,
      }),
    );
    return this.toView(person, today);
  }

  async removeFamilyMember(auth: AuthContext, personId: string): Promise<void> {
    const member = await this.findFamilyMember(auth, personId);
    if (await personHasContracts(this.dataSource.manager, member.id))
      throw refusal('PERSON.HAS_CONTRACTS', '该家庭成员有签约记录，签约记录须保存至少5年，因此不能删除；如需解约请在“我的签约”中操作');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.delete(Person, { id: member.id });
      await refreshPlacements(manager, [member.id]);
    });
  }

  /** A person the caller manages (self or family), or 404 — another account's person is never revealed. */
  async findOwned(auth: AuthContext, personId: string): Promise<Person> {
    const person = await this.dataSource.getRepository(Person).findOneBy({ id: personId, accountId: auth.accountId });
    if (!person) throw notFound('没有找到这位家庭成员');
    return person;
  }

  private async findFamilyMember(auth: AuthContext, personId: string): Promise<Person> {
    const person = await this.findOwned(auth, personId);
    if (person.relation === 'self') throw notFound('没有找到这位家庭成员');
    return person;
  }

  private async requireSelf(auth: AuthContext): Promise<Person> {
    const self = await this.dataSource.getRepository(Person).findOneBy({ accountId: auth.accountId, relation: 'self' });
    if (!self) throw refusal('PROFILE.REQUIRED', '请先完善本人信息，再添加家庭成员');
    return self;
  }

  private checkIdNumber(raw: string, today: string) {
    const parsed = parseIdNumber(raw, today);
    if (!parsed.ok) throw refusalError({ ...parsed, field: 'idNumber' });
    return parsed.value;
  }

  private guardianConsent(birthDate: string, today: string, given: boolean | undefined, at: Date): Date | null {
    if (!needsGuardianConsent(birthDate, today)) return null;
    if (given !== true) throw badRequest('guardianConsent', '为14岁以下儿童登记，需要监护人勾选同意');
    return at;
  }

  private identityFields(id: { idNumber: string; birthDate: string; gender: 'male' | 'female' }) {
    return {
      idNumberCipher: this.cipher.encrypt(id.idNumber),
      idNumberHash: this.cipher.lookupHash(id.idNumber),
      idNumberMasked: maskIdNumber(id.idNumber),
      birthDate: id.birthDate,
      gender: id.gender,
    };
  }

  private normaliseTags(tags: string[]): KeyGroupTag[] {
    return [...new Set(tags)].sort() as KeyGroupTag[];
  }

  /**
   * Saves, turning the unique ID-number hash into a clear refusal (also when two registrations race).
   * A person kept after their account was closed (contracts are kept five years) is taken over by
   * the new registration, so the returning resident finds their contracts again.
   */
  private async save(manager: EntityManager, candidate: Person): Promise<Person> {
    let person = candidate;
    const clash = await manager.findOneBy(Person, { idNumberHash: person.idNumberHash });
    if (clash && clash.id !== person.id) {
      const keptAfterClosure =
        clash.accountId !== null && !(await manager.existsBy(ResidentAccount, { id: clash.accountId })) && !(await manager.existsBy(Person, { id: person.id }));
      if (!keptAfterClosure) throw this.alreadyRegistered();
      person = { ...person, id: clash.id, createdAt: clash.createdAt, guardianConsentAt: person.guardianConsentAt ?? clash.guardianConsentAt };
    }
    const before = await manager.findOne(Person, { where: { id: person.id }, select: { id: true, birthDate: true, declaredTagsCipher: true } });
    try {
      const saved = await manager.save(Person, person);
      await refreshPlacements(manager, [saved.id]);
      // The plans of the person's contracts follow their birth date and (where the doctor confirmed no tags) their declared ones.
      if (before && (before.birthDate !== saved.birthDate || !sameTags(this.declaredTags(before), this.declaredTags(saved)))) {
        await refreshPersonPlanItems(manager, [saved.id], this.cipher);
      }
      return saved;
    } catch (error) {
      if (isUniqueViolation(error)) throw this.alreadyRegistered();
      throw error;
    }
  }

  private alreadyRegistered() {
    return refusal('PERSON.ALREADY_REGISTERED', '这个身份证号已经登记过了，不能重复登记。如有疑问请联系签约团队', 'idNumber');
  }
}

const sameTags = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
