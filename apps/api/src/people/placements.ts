import type { EntityManager } from 'typeorm';

/** What `person_placements` holds for one person. */
export interface StoredPlacement {
  personId: string;
  regionId: string | null;
  institutionId: string | null;
  teamId: string | null;
  contractId: string | null;
  signedSince: string | null;
}

type Runner = Pick<EntityManager, 'query'>;

const COLUMNS = 'personId, regionId, institutionId, teamId, contractId, signedSince';

/**
 * The one definition of where a person belongs: the earliest active contract (by start date, then
 * id) gives region, institution and team, and the first start date among the person's active or
 * expired contracts; an unsigned person belongs to their community's institution. The active
 * contract is picked by a subquery rather than by ordering the join (which made MariaDB build a
 * temporary table per person, BENCHMARKS.md §5).
 */
const PLACEMENT_SELECT = `
  SELECT p.id AS personId,
         CASE WHEN c.id IS NULL THEN i.regionId ELSE c.regionId END AS regionId,
         CASE WHEN c.id IS NULL THEN cm.institutionId ELSE c.institutionId END AS institutionId,
         c.teamId AS teamId,
         c.id AS contractId,
         CASE WHEN c.id IS NULL THEN NULL
              ELSE (SELECT MIN(e.startDate) FROM contracts e WHERE e.personId = p.id AND e.status IN ('active', 'expired')) END AS signedSince
    FROM persons p
    LEFT JOIN contracts c ON c.id = (SELECT f.id FROM contracts f WHERE f.personId = p.id AND f.status = 'active' ORDER BY f.startDate, f.id LIMIT 1)
    LEFT JOIN communities cm ON cm.id = p.communityId
    LEFT JOIN institutions i ON i.id = cm.institutionId`;

const CHUNK = 500;
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Places these persons again from their contracts and community, in the caller's transaction:
 * called by every write that can move a person (a contract made active or closed, a person saved,
 * claimed or erased — an erased person's row goes). The hot path of a survey submission reads the
 * result (survey-responses.service.ts), so a write that moves a person without calling this would
 * leave a resident answering in the wrong scope; every API test checks the table against this
 * definition when it closes its app (test/support/test-app.ts).
 */
export async function refreshPlacements(manager: Runner, personIds: readonly string[]): Promise<void> {
  const ids = [...new Set(personIds)];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    await manager.query(`DELETE FROM person_placements WHERE personId IN (${marks(chunk.length)})`, chunk);
    await manager.query(`INSERT INTO person_placements (${COLUMNS}) ${PLACEMENT_SELECT} WHERE p.id IN (${marks(chunk.length)})`, chunk);
  }
}

/** `refreshPlacements` for the persons of these contracts. */
export async function refreshPlacementsOfContracts(manager: Runner, contractIds: readonly string[]): Promise<void> {
  if (contractIds.length === 0) return;
  const rows: { personId: string }[] = await manager.query(`SELECT DISTINCT personId FROM contracts WHERE id IN (${marks(contractIds.length)})`, [
    ...contractIds,
  ]);
  await refreshPlacements(
    manager,
    rows.map((r) => r.personId),
  );
}

/** Every person placed afresh (the migration that creates the table; bulk loaders of tests and benches). */
export async function placeEveryone(manager: Runner): Promise<void> {
  await manager.query('DELETE FROM person_placements');
  await manager.query(`INSERT INTO person_placements (${COLUMNS}) ${PLACEMENT_SELECT}`);
}

/** The rows of `person_placements` that differ from the definition (missing, stale or orphaned): empty when the table is exact. */
export async function placementDrift(manager: Runner): Promise<{ personId: string; stored: StoredPlacement | null; computed: StoredPlacement | null }[]> {
  const key = (r: StoredPlacement) => JSON.stringify([r.regionId, r.institutionId, r.teamId, r.contractId, dateText(r.signedSince)]);
  const stored: StoredPlacement[] = await manager.query(`SELECT ${COLUMNS} FROM person_placements`);
  const computed: StoredPlacement[] = await manager.query(PLACEMENT_SELECT);
  const storedBy = new Map(stored.map((r) => [r.personId, r]));
  const computedBy = new Map(computed.map((r) => [r.personId, r]));
  const drift = [];
  for (const id of new Set([...storedBy.keys(), ...computedBy.keys()])) {
    const s = storedBy.get(id) ?? null;
    const c = computedBy.get(id) ?? null;
    if (!s || !c || key(s) !== key(c)) drift.push({ personId: id, stored: s, computed: c });
  }
  return drift;
}

function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
