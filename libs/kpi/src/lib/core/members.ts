import { latestReportDay } from '@uptake/config';
import type { DataSource } from 'typeorm';
import { SCOPE, scopeParameters, type Population } from './population';

/** A person of the population (the org unit subtree or group the caller filtered on). */
export interface Member {
  id: string;
  /** In the directory (HR import): only listed people are eligible, i.e. count in the denominator. */
  listed: boolean;
  startDate: string | null;
  endDate: string | null;
  /** First active day ever (from the rollups), or null. */
  firstActiveDay: string | null;
  /** Last active day on or before the range's end, or null. */
  lastActiveDay: string | null;
  /** First day they joined a channel or group (a join is recorded, never activity), or null. */
  firstJoinedDay?: string | null;
  orgUnitId: string | null;
  /** Secret random key in [0, 2^32) of the cell-key method (people.record_key). */
  recordKey: number;
}

/** Joined something by `day` without having been active by then: "joined, never active". */
export function joinedOnlyBy(member: Member, day: string): boolean {
  const joined = member.firstJoinedDay;
  return (
    joined !== null &&
    joined !== undefined &&
    joined <= day &&
    (member.firstActiveDay === null || member.firstActiveDay > day)
  );
}

/** Employed and listed on `day`: people who joined later or left earlier are not in the denominator. */
export function isEligibleOn(member: Member, day: string): boolean {
  return (
    member.listed &&
    (member.startDate === null || member.startDate <= day) &&
    (member.endDate === null || member.endDate >= day)
  );
}

/** Record keys of the members (the cell-key method), by person id. */
export function recordKeys(members: readonly Member[]): Map<string, number> {
  return new Map(members.map((member) => [member.id, member.recordKey]));
}

/**
 * The population, with each person's first active day and last active day up to `until`. The last active
 * day before the end of the data costs a look-up per person: `{ lastActiveDay: false }` leaves it null for
 * callers that do not read it (or read activity from the day masks instead).
 */
export async function loadMembers(
  dataSource: DataSource,
  population: Population,
  until: string,
  options: { lastActiveDay?: boolean } = {},
): Promise<Member[]> {
  const lastDay =
    options.lastActiveDay === false
      ? 'NULL::text'
      : `to_char(CASE WHEN a.last_day <= $4 THEN a.last_day
                      WHEN a.first_day <= $4 THEN (SELECT max(d.day) FROM person_daily d
                                                  WHERE d.organisation_id = $1 AND d.person_id = s.id
                                                    AND d.day <= $4) END, 'YYYY-MM-DD')`;
  const rows: {
    id: string;
    listed: boolean;
    start_date: string | null;
    end_date: string | null;
    first_day: string | null;
    last_day: string | null;
    first_joined_day: string | null;
    org_unit_id: string | null;
    record_key: string;
  }[] = await dataSource.query(
    `WITH ${SCOPE}
     SELECT s.id, s.record_key, s.in_directory AS listed, to_char(s.start_date, 'YYYY-MM-DD') AS start_date,
            to_char(s.end_date, 'YYYY-MM-DD') AS end_date, s.org_unit_id,
            to_char(CASE WHEN a.first_day <= $4 THEN a.first_day END, 'YYYY-MM-DD') AS first_day,
            to_char(CASE WHEN a.first_joined_day <= $4 THEN a.first_joined_day END, 'YYYY-MM-DD')
              AS first_joined_day,
            ${lastDay} AS last_day
     FROM scope s
     LEFT JOIN person_activity a ON a.organisation_id = $1 AND a.person_id = s.id`,
    [...scopeParameters(population), until],
  );
  return rows.map((row) => ({
    id: row.id,
    listed: row.listed,
    startDate: row.start_date,
    endDate: row.end_date,
    firstActiveDay: row.first_day,
    lastActiveDay: row.last_day,
    firstJoinedDay: row.first_joined_day,
    orgUnitId: row.org_unit_id,
    recordKey: Number(row.record_key),
  }));
}

export async function loadUnitNames(
  dataSource: DataSource,
  organisationId: string,
): Promise<Map<string, string>> {
  const rows: { id: string; name: string }[] = await dataSource.query(
    'SELECT id, name FROM org_units WHERE organisation_id = $1',
    [organisationId],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * The last day anyone of the organisation was active: imported history lies in the past, so ranges end
 * there. Never after tomorrow (UTC), so a far-future date stored before the time window existed cannot
 * make a default range that reaches it.
 */
export async function loadLastActiveDay(
  dataSource: DataSource,
  organisationId: string,
  now: Date,
): Promise<string | null> {
  const [row]: { day: string | null }[] = await dataSource.query(
    `SELECT to_char(LEAST(max(last_day), $2::date), 'YYYY-MM-DD') AS day
     FROM person_activity WHERE organisation_id = $1 HAVING count(last_day) > 0`,
    [organisationId, latestReportDay(now)],
  );
  return row?.day ?? null;
}
