import { RowReader, rowProblemReason, type OrgUnitRecord, type PersonRecord } from '@uptake/connector-sdk';
import { exportDay, exportFlag, yammerId } from './export-values';
import { yammerUserKey } from '../shared/viva-engage/yammer-identity';

/** The Users.csv columns read; name, job_title, api_url and the rest are never read. */
export const USER_FIELDS = [
  'id',
  'email',
  'location',
  'department',
  'joined_at',
  'deleted_at',
  'suspended_at',
  'guest',
] as const;
export type UserField = (typeof USER_FIELDS)[number];
export const REQUIRED_USER_FIELDS: readonly UserField[] = ['id', 'email'];

/** Users an export may name (Users.csv and the senders of Messages.csv): the id -> e-mail map is held in memory. */
export const MAX_PEOPLE = 2_000_000;
/** Departments (org units) one export may name. */
export const MAX_DEPARTMENTS = 20_000;

/** A Users.csv row: the identity it gives a user id, and the directory entry it can become. */
export interface UserRow {
  id: string;
  email: string | null;
  guest: boolean;
  location: string | null;
  department: string | null;
  startDate: string | null;
  endDate: string | null;
}

export function readUserRow(
  values: Partial<Record<UserField, unknown>>,
): { user: UserRow } | { field: UserField; reason: string } {
  const reader = new RowReader<UserField>(values);
  const id = yammerId(reader, 'id', { required: true });
  const email = reader.person('email');
  const guest = exportFlag(reader, 'guest');
  const location = reader.text('location', { max: 200 });
  const department = reader.text('department', { max: 200 });
  const startDate = exportDay(reader, 'joined_at');
  const deletedDay = exportDay(reader, 'deleted_at');
  const suspendedDay = exportDay(reader, 'suspended_at');
  if (reader.problems.length > 0) return rowProblemReason(reader.problems);
  return {
    user: {
      id: id as string,
      email,
      guest,
      location,
      department,
      startDate,
      endDate: deletedDay ?? suspendedDay,
    },
  };
}

/** The org unit of a department name; its id is the name, so every user of "Finance" shares one unit. */
export function departmentUnit(name: string): OrgUnitRecord {
  return { externalId: `viva-engage-department:${name}`, name, kind: 'department', parentExternalId: null };
}

/** A user as a directory entry (Users.csv as the directory: `directory: 'users-csv'`). */
export function directoryPerson(user: UserRow, key: string): PersonRecord {
  return {
    externalId: key,
    orgUnitExternalId: user.department === null ? null : departmentUnit(user.department).externalId,
    legacyCompanyExternalId: null,
    managerExternalId: null,
    level: null,
    location: user.location,
    // The day the person joined the network (the export knows no hire date) and the day they were deleted
    // or suspended.
    startDate: user.startDate,
    endDate: user.endDate,
  };
}

/**
 * Identity keys of the export's users: the e-mail address Users.csv gives a user id, else the first
 * sender_email Messages.csv gives it, else `yammer:<id>`. Resolved per user id over the whole export before
 * any activity is read, so one person has one key in every message whatever the rows carry.
 */
export class EngagePeople {
  private readonly emails = new Map<string, string | null>();
  private fallbacks: Set<string> | null = null;

  constructor(private readonly displayName: string) {}

  /** A user id with its Users.csv address (null without one). */
  addUser(userId: string, email: string | null): void {
    if (this.emails.get(userId)) return;
    this.remember(userId, email);
  }

  /** A sender as Messages.csv names them: its address fills in a user Users.csv gave none. */
  addSender(userId: string, email: string | null): void {
    if (this.emails.get(userId)) return;
    if (email === null && this.emails.has(userId)) return;
    this.remember(userId, email);
  }

  /**
   * Whether the export describes this user (a Users.csv row or a sender): only such users are mention targets
   * and inferred members. Another id (a participant or mention of someone the export does not list, e.g. in a
   * daily export) is skipped rather than given a second key (`yammer:<id>`) besides their address.
   */
  knows(userId: string): boolean {
    return this.emails.has(userId);
  }

  identity(userId: string): string {
    return this.emails.get(userId) ?? yammerUserKey(userId);
  }

  /** Users identified by their Yammer id (no address anywhere in the export). */
  fallbackCount(): number {
    if (this.fallbacks === null) {
      this.fallbacks = new Set([...this.emails].filter(([, email]) => email === null).map(([id]) => id));
    }
    return this.fallbacks.size;
  }

  private remember(userId: string, email: string | null): void {
    if (!this.emails.has(userId) && this.emails.size >= MAX_PEOPLE) {
      throw new Error(
        `${this.displayName} names more than ${MAX_PEOPLE.toLocaleString('en')} users, the most one export ` +
          'may hold',
      );
    }
    this.emails.set(userId, email);
    this.fallbacks = null;
  }
}
