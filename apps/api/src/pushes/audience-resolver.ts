import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { birthDateRange, effectiveTags, matchesAudience, type KeyGroupTag, type PushAudience } from '@jiayi/domain';
import { PiiCipher } from '../common/pii-cipher';
import { Person } from '../people/person.entity';

/** One person an audience reaches, with what the push needs to address and count them. */
export interface Recipient {
  personId: string;
  accountId: string;
  relation: string;
  /** Team of the active contract, null when unsigned. */
  teamId: string | null;
  tags: KeyGroupTag[];
}

const PAGE = 5000;

/**
 * Resolves an audience to persons on a date. The database narrows by what it can read in clear —
 * area (community served, or the team/institution of an active contract), sex, birth-date range,
 * active contract — and the key-group tags, encrypted per person, are decrypted and matched here
 * with the domain's rule (age tags from the birth date on the day). Cost: one decryption per
 * candidate of the area (≈10 µs), read in pages by id.
 */
@Injectable()
export class AudienceResolver {
  constructor(private readonly cipher: PiiCipher) {}

  async resolve(manager: EntityManager, audience: PushAudience, on: string): Promise<Recipient[]> {
    const recipients: Recipient[] = [];
    const seen = new Set<string>();
    let after = '';
    for (;;) {
      const rows: {
        id: string;
        accountId: string;
        relation: string;
        birthDate: string;
        gender: 'male' | 'female';
        declaredTagsCipher: string;
        teamId: string | null;
      }[] = await this.candidates(manager, audience, on).andWhere('p.id > :after', { after }).orderBy('p.id', 'ASC').limit(PAGE).getRawMany();
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        const birthDate = row.birthDate;
        const declaredTags = this.cipher.decryptJson<string[]>(row.declaredTagsCipher);
        if (!matchesAudience({ birthDate, gender: row.gender, declaredTags }, audience, on)) continue;
        recipients.push({
          personId: row.id,
          accountId: row.accountId,
          relation: row.relation,
          teamId: row.teamId,
          tags: effectiveTags(birthDate, declaredTags, on),
        });
      }
      if (rows.length < PAGE) return recipients;
      after = rows[rows.length - 1].id;
    }
  }

  private candidates(manager: EntityManager, audience: PushAudience, on: string) {
    const query = manager
      .getRepository(Person)
      .createQueryBuilder('p')
      .leftJoin('contracts', 'c', 'c.personId = p.id AND c.status = :active', { active: 'active' })
      .leftJoin('communities', 'cm', 'cm.id = p.communityId')
      .select('p.id', 'id')
      .addSelect('p.accountId', 'accountId')
      .addSelect('p.relation', 'relation')
      .addSelect('p.birthDate', 'birthDate')
      .addSelect('p.gender', 'gender')
      .addSelect('p.declaredTagsCipher', 'declaredTagsCipher')
      .addSelect('c.teamId', 'teamId');
    if (audience.teamId) {
      query.where(
        audience.signedOnly
          ? 'c.teamId = :teamId'
          : '(c.teamId = :teamId OR p.communityId IN (SELECT tc.communityId FROM team_communities tc WHERE tc.teamId = :teamId))',
        { teamId: audience.teamId },
      );
    } else {
      query.where(audience.signedOnly ? 'c.institutionId = :institutionId' : '(c.institutionId = :institutionId OR cm.institutionId = :institutionId)', {
        institutionId: audience.institutionId,
      });
    }
    if (audience.sex) query.andWhere('p.gender = :sex', { sex: audience.sex });
    const range = birthDateRange(audience.minAge, audience.maxAge, on);
    if (range.from) query.andWhere('p.birthDate >= :from', { from: range.from });
    if (range.to) query.andWhere('p.birthDate <= :to', { to: range.to });
    return query;
  }
}
