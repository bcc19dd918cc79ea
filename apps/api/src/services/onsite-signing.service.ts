import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { writeOnce } from '../database/transaction';
import { KeyGroupTag, maskIdNumber, needsGuardianConsent, parseIdNumber, todayInChina } from '@jiayi/domain';
import type { OnsiteQuote, OnsiteSigning, Signature } from '@jiayi/contract';
import { CatalogService } from '../packages/catalog.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { badRequest, notFound, refusal, refusalError } from '../common/api-error';
import { PiiCipher } from '../common/pii-cipher';
import { Contract } from '../contracts/contract.entity';
import { ContractsService } from '../contracts/contracts.service';
import { Person } from '../people/person.entity';
import { Community } from '../reference/community.entity';
import { OnsiteQuoteDto, OnsiteSigningDto, SignatureDto } from './dto/services.dto';
import { checkSignatureImage } from './signature-image';
import { contractInScope, staffScope, teamInScope } from './staff-scope';

/**
 * 上门签约 / 医生代签: a team member registers a household that has no WeChat and signs it on
 * the spot. The persons are registered without an account (claimed later by ID number and phone)
 * and the contracts go through ContractsService.signHousehold — the same rules, the same places
 * and the same unique open slot as online signing — active at once, with the captured signature.
 */
@Injectable()
export class OnsiteSigningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
  ) {}

  async sign(auth: AuthContext, dto: OnsiteSigningDto): Promise<OnsiteSigning> {
    const team = await teamInScope(this.dataSource, auth, dto.teamId);
    const signature = checkSignatureImage(dto.signature, 'signature');
    const community = await this.dataSource.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community) throw badRequest('communityId', '请选择居民所在的村/社区');
    const persons = await this.registerPersons(dto, community.id);

    const rows = await this.contracts.signHousehold(
      persons,
      {
        teamId: team.id,
        doctorId: dto.doctorId,
        packageCodes: dto.packageCodes,
        years: dto.years,
        agreementVersion: dto.agreementVersion,
        insuranceAuthorized: dto.insuranceAuthorized,
        selections: dto.members.flatMap((m, i) => (m.packageCodes ? [{ personId: persons[i].id, packageCodes: m.packageCodes }] : [])),
      },
      {
        staffId: auth.accountId,
        signatureCipher: this.cipher.encrypt(signature),
        confirmedTagsCipher: (person) => person.declaredTagsCipher,
        beforeInsert: async (manager) => {
          for (const person of persons) await manager.save(Person, person);
        },
      },
    );
    await this.audit.record(
      auth,
      'contract.onsiteSign',
      persons.map((p) => p.id),
      'contract',
      rows[0].householdSigningId,
    );
    return {
      householdSigningId: rows[0].householdSigningId,
      contracts: rows.map((c) => {
        const person = persons.find((p) => p.id === c.personId)!;
        return {
          id: c.id,
          personId: c.personId,
          personName: person.name,
          idNumberMasked: person.idNumberMasked,
          status: c.status,
          signedBy: c.signedBy,
          channel: c.channel,
          teamId: c.teamId,
          doctorId: c.doctorId,
          startDate: c.startDate,
          endDate: c.endDate,
          packageCodes: c.packageCodes,
          totals: c.fees.totals,
        };
      }),
    };
  }

  /**
   * The quote each member of a household would see in the mini-program, before anyone is
   * registered: the packages offered to their age and declared groups, and the split priced by the
   * same catalog and policy (one person at a time, as the resident's quote is).
   */
  async quote(auth: AuthContext, dto: OnsiteQuoteDto): Promise<OnsiteQuote> {
    staffScope(auth); // a staff account with a scope, or 404
    const community = await this.dataSource.getRepository(Community).findOneBy({ id: dto.communityId });
    if (!community) throw badRequest('communityId', '请选择居民所在的村/社区');
    const today = todayInChina(new Date());
    const members = [];
    for (const [i, member] of dto.members.entries()) {
      const id = parseIdNumber(member.idNumber, today);
      if (!id.ok) throw refusalError({ ...id, field: `members[${i}].idNumber` });
      const person = {
        id: '',
        accountId: null,
        relation: 'self',
        name: '',
        idNumberCipher: '',
        idNumberHash: '',
        idNumberMasked: '',
        birthDate: id.value.birthDate,
        gender: id.value.gender,
        phoneCipher: null,
        communityId: community.id,
        declaredTagsCipher: this.cipher.encryptJson(member.declaredTags),
        guardianConsentAt: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      } satisfies Person;
      const offered = (await this.catalog.offeredTo(person)).map((p) => ({ code: p.code, name: p.name, kind: p.kind }));
      const { result } = await this.catalog.quoteFor(person, member.packageCodes ?? dto.packageCodes, dto.years);
      members.push({ offered, quote: result.ok ? result.value : null, refusal: result.ok ? null : { code: result.code, message: result.message } });
    }
    return { members };
  }

  /** Adds the resident's signature to a contract of the scope that has none yet (a paper contract signed later on a device). */
  async addSignature(auth: AuthContext, contractId: string, dto: SignatureDto): Promise<Signature> {
    const contract = await contractInScope(this.dataSource, auth, contractId);
    const signature = checkSignatureImage(dto.signature, 'signature');
    const result = await writeOnce(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(Contract)
        .set({ signatureCipher: this.cipher.encrypt(signature) })
        .where('id = :id AND signatureCipher IS NULL', { id: contract.id })
        .execute(),
    );
    if (result.affected !== 1) throw refusal('CONTRACT.INVALID_TRANSITION', '这份签约已有居民签名，不能替换', 'signature');
    await this.audit.record(auth, 'contract.signature.add', [contract.personId], 'contract', contract.id);
    return { contractId: contract.id, image: signature };
  }

  /** The signature as the team sees it (audited). */
  async staffSignature(auth: AuthContext, contractId: string): Promise<Signature> {
    const contract = await contractInScope(this.dataSource, auth, contractId);
    if (!contract.signatureCipher) throw notFound('这份签约没有手写签名');
    await this.audit.record(auth, 'contract.signature.read', [contract.personId], 'contract', contract.id);
    return { contractId: contract.id, image: this.cipher.decrypt(contract.signatureCipher) };
  }

  /** The signature as the resident (or the account managing them) sees it. */
  async residentSignature(auth: AuthContext, contractId: string): Promise<Signature> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id: contractId });
    const mine = contract && (await this.dataSource.getRepository(Person).existsBy({ id: contract.personId, accountId: auth.accountId }));
    if (!contract || !mine || !contract.signatureCipher) throw notFound('没有找到这份签约的签名');
    return { contractId: contract.id, image: this.cipher.decrypt(contract.signatureCipher) };
  }

  /**
   * The household's persons, checked and built: the head first (with a phone, which the resident
   * gives again to claim the record), each ID number once, a guardian's consent for a child under
   * 14. A person already registered without an account (an earlier visit) is reused; one who
   * manages their own record in the mini-program is refused.
   */
  private async registerPersons(dto: OnsiteSigningDto, communityId: string): Promise<Person[]> {
    const today = todayInChina(new Date());
    const now = new Date();
    if (dto.members[0].relation !== 'self') throw badRequest('members[0].relation', '第一位请登记户主本人');
    const parsed = dto.members.map((member, i) => {
      if (i > 0 && member.relation === 'self') throw badRequest(`members[${i}].relation`, '一户只能有一位户主，请选择与户主的关系');
      const id = parseIdNumber(member.idNumber, today);
      if (!id.ok) throw refusalError({ ...id, field: `members[${i}].idNumber` });
      if (needsGuardianConsent(id.value.birthDate, today) && member.guardianConsent !== true) {
        throw badRequest(`members[${i}].guardianConsent`, `${member.name}未满14周岁，需要监护人当场同意`);
      }
      return id.value;
    });
    if (!dto.members[0].phone) throw badRequest('members[0].phone', '请填写户主手机号：居民以后用微信登录时，凭身份证号和手机号认领签约');
    const hashes = parsed.map((id) => this.cipher.lookupHash(id.idNumber));
    const duplicate = hashes.findIndex((h, i) => hashes.indexOf(h) !== i);
    if (duplicate >= 0) throw refusal('ONSITE.DUPLICATE_PERSON', '同一个身份证号登记了两次', `members[${duplicate}].idNumber`);

    const existing = await this.dataSource.getRepository(Person).findBy({ idNumberHash: In(hashes) });
    return dto.members.map((member, i) => {
      const found = existing.find((p) => p.idNumberHash === hashes[i]);
      if (found?.accountId) {
        throw refusal('ONSITE.PERSON_HAS_ACCOUNT', `${member.name}已在小程序中登记，请由居民本人或其家人在小程序中签约`, `members[${i}].idNumber`);
      }
      const tags = [...new Set(member.declaredTags)].sort() as KeyGroupTag[];
      return {
        id: found?.id ?? randomUUID(),
        accountId: null,
        relation: member.relation,
        name: member.name.trim(),
        idNumberCipher: this.cipher.encrypt(parsed[i].idNumber),
        idNumberHash: hashes[i],
        idNumberMasked: maskIdNumber(parsed[i].idNumber),
        birthDate: parsed[i].birthDate,
        gender: parsed[i].gender,
        phoneCipher: member.phone ? this.cipher.encrypt(member.phone) : null,
        communityId,
        declaredTagsCipher: this.cipher.encryptJson(tags),
        guardianConsentAt: needsGuardianConsent(parsed[i].birthDate, today) ? now : null,
        createdAt: found?.createdAt ?? now,
        updatedAt: now,
      };
    });
  }
}
