import { deflateSync } from 'node:zlib';
import { addDays, todayInChina } from '@jiayi/domain';
import { currentAgreementVersion, demoTeam } from './contract-factories';
import { communityNamed, idNumberFor } from './factories';
import { refreshPlacementsOfContracts } from '../../src/people/placements';
import type { TestApp } from './test-app';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
};

/** A real PNG data URL of a scribble (grey-scale, 120×60), like the signature pad sends. */
export function signaturePng(seed = 1): string {
  const width = 120;
  const height = 60;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width + 1, 255);
    row[0] = 0;
    for (let x = 0; x < width; x++) if (Math.abs(Math.round(30 + 20 * Math.sin((x + seed * 7) / 9)) - y) < 2 || (x * y + seed) % 97 === 0) row[x + 1] = 0;
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

export interface MemberOverrides {
  name?: string;
  birthDate?: string;
  idNumber?: string;
  phone?: string;
  relation?: string;
  declaredTags?: string[];
  guardianConsent?: boolean;
}

/** A household member for POST /api/staff/onsite-signings. */
export function member(overrides: MemberOverrides = {}) {
  const { birthDate, ...rest } = overrides;
  return {
    name: '上门居民',
    idNumber: idNumberFor(birthDate ?? '1956-04-01'),
    relation: 'self',
    declaredTags: [] as string[],
    ...rest,
  };
}

/** The body of an on-site signing with team 1 of clinic 1 in 东关村, basic packages for 1 year. */
export async function onsiteBody(t: TestApp, auth: Record<string, string>, members: ReturnType<typeof member>[], overrides: Record<string, unknown> = {}) {
  const team = await demoTeam(t);
  return {
    teamId: team.id,
    communityId: await communityNamed(t, auth, '东关村'),
    members,
    packageCodes: ['basicPublicHealth', 'basicMedical'],
    years: 1,
    agreementVersion: await currentAgreementVersion(t),
    insuranceAuthorized: true,
    signature: signaturePng(),
    ...overrides,
  };
}

/** Moves an active contract back in time so that it started `daysAgo` days ago and ends `endsIn` days from today. */
export async function backdate(t: TestApp, contractId: string, daysAgo: number, endsIn: number) {
  const today = todayInChina(new Date());
  await t.dataSource.query('UPDATE contracts SET startDate = ?, endDate = ? WHERE id = ?', [addDays(today, -daysAgo), addDays(today, endsIn), contractId]);
  await refreshPlacementsOfContracts(t.dataSource.manager, [contractId]);
}

/**
 * Records a service through the API (`POST /api/staff/services`), at the clinic; with a blood
 * pressure (systolic, diastolic 80) and/or a fasting glucose reading when given. Returns the request
 * (await it for the response, or chain `.expect`).
 */
export function recordService(
  http: TestApp['http'],
  auth: Record<string, string>,
  contractId: string,
  type: string,
  date: string,
  systolic?: number,
  fastingGlucose?: number,
) {
  const readings = {
    ...(systolic !== undefined ? { systolic, diastolic: 80 } : {}),
    ...(fastingGlucose !== undefined ? { fastingGlucose } : {}),
  };
  return http
    .post('/api/staff/services')
    .set(auth)
    .send({ contractId, type, date, channel: 'clinic', ...(Object.keys(readings).length > 0 ? { measurements: readings } : {}) });
}
