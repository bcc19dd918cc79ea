import { Agreement } from '../agreements/agreement.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { ResidentAccount } from '../auth/resident-account.entity';
import { StaffAccount } from '../auth/staff-account.entity';
import { IdempotencyRecord } from '../common/idempotency-record.entity';
import { ServicePackageRecord } from '../packages/service-package.entity';
import { Person } from '../people/person.entity';
import { Community } from '../reference/community.entity';
import { Doctor } from '../reference/doctor.entity';
import { Hospital } from '../reference/hospital.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { Team, TeamCommunity } from '../reference/team.entity';

/** Every entity, listed explicitly. */
export const entities = [
  Region, Institution, Community, Team, TeamCommunity, Doctor, Hospital,
  StaffAccount, ResidentAccount, Person, ServicePackageRecord, Agreement, AuditLog, IdempotencyRecord,
];
