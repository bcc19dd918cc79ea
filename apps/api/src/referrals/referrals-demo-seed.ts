import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { addDays, SLOT_PERIODS, todayInChina } from '@jiayi/domain';
import { Hospital } from '../reference/hospital.entity';
import type { DemoIds, DemoSeedContribution } from '../seed/demo-seed.service';
import { SlotPoolRecord } from './slot-pool.entity';

/** Departments of the demo hospital that get pools, with places per half-day. */
const DEMO_POOLS: Record<string, number> = { 内科: 6, 心血管内科: 4, 内分泌科: 4, 眼科: 3, 骨科: 3 };

/** Demo data: pools for the next two weeks (working days, both periods) at the demo hospital. */
@Injectable()
export class ReferralsDemoSeed implements DemoSeedContribution {
  async seedDemo(manager: EntityManager, ids: DemoIds): Promise<void> {
    const hospital = await manager.findOneByOrFail(Hospital, { id: ids.hospitalId });
    const today = todayInChina(new Date());
    const now = new Date();
    const pools: SlotPoolRecord[] = [];
    for (let day = 1; day <= 14; day++) {
      const date = addDays(today, day);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const [department, capacity] of Object.entries(DEMO_POOLS)) {
        if (!hospital.departments.includes(department)) continue;
        for (const period of SLOT_PERIODS) {
          pools.push({
            id: randomUUID(),
            hospitalId: hospital.id,
            department,
            date,
            period,
            capacity,
            held: 0,
            closed: false,
            createdBy: 'demo',
            createdAt: now,
            updatedAt: now,
          });
        }
      }
    }
    await manager.insert(SlotPoolRecord, pools);
  }
}
