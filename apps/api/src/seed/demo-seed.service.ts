import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../database/transaction';
import { DEFAULT_REGION_POLICY, REFERENCE_CATALOG } from '@jiayi/domain';
import { Agreement } from '../agreements/agreement.entity';
import { agreementHash } from '../agreements/agreements.service';
import { hashPassword } from '../auth/password';
import { StaffAccount } from '../auth/staff-account.entity';
import { appConfig, AppConfig } from '../config/configuration';
import { ServicePackageRecord } from '../packages/service-package.entity';
import { Community } from '../reference/community.entity';
import { Doctor } from '../reference/doctor.entity';
import { Hospital } from '../reference/hospital.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { Team, TeamCommunity } from '../reference/team.entity';
import * as demo from './demo-data';

/** Seeds of later features (questionnaires, waves, ...) register here and run after the base seed. */
export interface DemoSeedContribution {
  seedDemo(manager: EntityManager, ids: DemoIds): Promise<void>;
}
export const DEMO_SEED_CONTRIBUTIONS = 'DEMO_SEED_CONTRIBUTIONS';

export interface DemoIds {
  regionId: string;
  institutions: Record<string, { id: string; teamIds: string[] }>;
  hospitalId: string;
}

/** Loads the demo data on an empty database when DEMO_SEED=1. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @Inject(DEMO_SEED_CONTRIBUTIONS) private readonly contributions: DemoSeedContribution[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData) return;
    if ((await this.dataSource.getRepository(Region).count()) > 0) return;
    await this.seed();
    this.logger.log('demo data loaded');
  }

  async seed(): Promise<DemoIds> {
    const passwordHash = await hashPassword(demo.DEMO_PASSWORD);
    return inTransaction(this.dataSource, async (manager) => {
      const regionId = randomUUID();
      await manager.insert(Region, { id: regionId, name: demo.DEMO_REGION.name, policy: DEFAULT_REGION_POLICY });
      await manager.insert(
        ServicePackageRecord,
        REFERENCE_CATALOG.map((pkg) => ({
          id: randomUUID(),
          regionId,
          ...pkg,
          referenceCode: pkg.referenceCode ?? null,
          active: true,
        })),
      );
      await manager.insert(Agreement, {
        id: randomUUID(),
        version: demo.AGREEMENT_VERSION,
        title: demo.AGREEMENT_TITLE,
        text: demo.AGREEMENT_TEXT,
        hash: agreementHash(demo.AGREEMENT_TEXT),
        effectiveFrom: new Date('2026-01-01T00:00:00Z'),
      });
      const ids: DemoIds = { regionId, institutions: {}, hospitalId: randomUUID() };
      const doctorIds: Record<string, { doctorId: string; teamId: string }> = {};
      for (const inst of demo.DEMO_INSTITUTIONS) {
        const institutionId = randomUUID();
        await manager.insert(Institution, { id: institutionId, regionId, name: inst.name, kind: inst.kind, address: inst.address, phone: inst.phone });
        const communityIds = new Map(inst.communities.map((name) => [name, randomUUID()]));
        await manager.insert(
          Community,
          [...communityIds].map(([name, id]) => ({ id, institutionId, name })),
        );
        ids.institutions[inst.key] = { id: institutionId, teamIds: [] };
        for (const team of inst.teams) {
          const teamId = randomUUID();
          ids.institutions[inst.key].teamIds.push(teamId);
          await manager.insert(Team, { id: teamId, institutionId, name: team.name, phone: team.phone });
          await manager.insert(
            TeamCommunity,
            team.communities.map((name) => ({ teamId, communityId: communityIds.get(name)! })),
          );
          for (const doctor of team.doctors) {
            const doctorId = randomUUID();
            await manager.insert(Doctor, {
              id: doctorId,
              teamId,
              name: doctor.name,
              title: doctor.title,
              phone: doctor.phone,
              isFamilyDoctor: doctor.isFamilyDoctor,
              heldPlaces: 0,
            });
            if ('key' in doctor && doctor.key) doctorIds[`${inst.key}.${doctor.key}`] = { doctorId, teamId };
          }
        }
      }
      await manager.insert(Hospital, { id: ids.hospitalId, regionId, ...demo.DEMO_HOSPITAL });
      await manager.insert(
        StaffAccount,
        demo.DEMO_STAFF.map((s) => {
          const institutionId = 'institution' in s && s.institution ? ids.institutions[s.institution].id : null;
          const doctor = 'doctor' in s && s.doctor ? doctorIds[`${s.institution}.${s.doctor}`] : null;
          return {
            id: randomUUID(),
            username: s.username,
            passwordHash,
            role: s.role,
            name: s.name,
            regionId,
            institutionId,
            teamId: doctor?.teamId ?? null,
            doctorId: doctor?.doctorId ?? null,
            hospitalId: 'hospital' in s && s.hospital ? ids.hospitalId : null,
            isDemo: true,
            failedLogins: 0,
            lockedUntil: null,
          };
        }),
      );
      for (const contribution of this.contributions) await contribution.seedDemo(manager, ids);
      return ids;
    });
  }
}
