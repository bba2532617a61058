import {
  type FieldProblem,
  type OrgUnitRecord,
  type PersonRecord,
  quoteValue,
  type RecordProblem,
  rowProblemReason,
  RowReader,
} from '@uptake/connector-sdk';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '@uptake/contracts';

/** The documented columns of a directory (HR) export. */
export const DIRECTORY_FIELDS = [
  'person_id',
  'org_unit_id',
  'org_unit_name',
  'parent_org_unit_id',
  'org_unit_kind',
  'manager_id',
  'level',
  'location',
  'start_date',
  'end_date',
  'legacy_company',
] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];
export const REQUIRED_DIRECTORY_FIELDS: readonly DirectoryField[] = ['person_id'];

export type DirectoryRowInput = Partial<Record<DirectoryField, unknown>>;

const DEFAULT_UNIT_KIND: OrgUnitKind = 'department';
const UNIT_KINDS_OF_ROWS = ORG_UNIT_KINDS.filter((kind) => kind !== 'legacy_company');

/** Org unit id of a pre-merger company: `legacy:` and a slug of its name ("Büro Nord AG" -> legacy:buro-nord-ag). */
export function legacyCompanyId(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `legacy:${slug}` : null;
}

export type PersonRowResult =
  { ok: true; person: PersonRecord } | { ok: false; problems: FieldProblem<DirectoryField>[] };

/** HR systems (SAP among them) write "no end date" as 9999-12-31; any other far date is quarantined. */
const OPEN_END = '9999-12-31';

function openEnd(endDate: string | null): string | null {
  return endDate === OPEN_END ? null : endDate;
}

/**
 * Validates and normalises one person of a directory row. `knownUnits` are the org units the read
 * yielded: a person whose unit could not be yielded keeps their row with no unit (see
 * `OrgUnitCatalogue`), rather than losing them from the adoption denominator.
 */
export function parsePersonRow(row: DirectoryRowInput, knownUnits: ReadonlySet<string>): PersonRowResult {
  const read = new RowReader<DirectoryField>(row);
  const personId = read.person('person_id', { required: true });
  const managerId = read.person('manager_id');
  const level = read.integer('level', { min: 1, max: 20 });
  const location = read.text('location', { max: 200 });
  const startDate = read.date('start_date');
  const endDate = openEnd(read.date('end_date'));
  // Unit columns are checked (and reported once per unit) by OrgUnitCatalogue, not once per person.
  const units = new RowReader<DirectoryField>(row);
  const unitId = units.text('org_unit_id', { max: 512 });
  const legacyName = units.text('legacy_company', { max: 200 });
  if (personId && managerId === personId) read.fail('manager_id', ' is the same as person_id');
  if (startDate && endDate && endDate < startDate) {
    read.fail('end_date', `: ${quoteValue(endDate)} is before start_date ${quoteValue(startDate)}`);
  }
  if (read.problems.length > 0 || !personId) return { ok: false, problems: read.problems };
  const legacyId = legacyName ? legacyCompanyId(legacyName) : null;
  return {
    ok: true,
    person: {
      externalId: personId,
      orgUnitExternalId: unitId && knownUnits.has(unitId) ? unitId : null,
      legacyCompanyExternalId: legacyId && knownUnits.has(legacyId) ? legacyId : null,
      managerExternalId: managerId,
      level,
      location,
      startDate,
      endDate,
    },
  };
}

/** A unit as collected so far: each attribute is taken from the first row that gives a valid value. */
interface CollectedUnit {
  externalId: string;
  name: string | null;
  kind: OrgUnitKind | null;
  parentExternalId: string | null;
  /** The row that gave the parent (or first named the unit): where problems with the link are reported. */
  line: number;
}

/**
 * The org units of a directory file, collected row by row (memory bounded by the number of units, not
 * people). A unit exists once a row names it in org_unit_id; its name, kind and parent come from the
 * first row giving a valid value for each (exports often repeat them on every person, or only on some).
 * Bad values are reported once per unit and field, and ignored: the unit and its people are kept.
 */
export class OrgUnitCatalogue {
  private readonly units = new Map<string, CollectedUnit>();
  /** What was already reported (unit + field, legacy company name): once per unit, not once per person. */
  private readonly reported = new Set<string>();
  private readonly problems: RecordProblem[] = [];

  constructor(private readonly fileName: string) {}

  addRow(line: number, row: DirectoryRowInput): void {
    this.addLegacyCompany(line, row);
    const read = new RowReader<DirectoryField>(row);
    const id = read.text('org_unit_id', { max: 512 });
    if (id === null) {
      this.reportOnce(line, read.problems, `org_unit_id:${String(row.org_unit_id).slice(0, 600)}`);
      return;
    }
    let unit = this.units.get(id);
    if (!unit) {
      unit = { externalId: id, name: null, kind: null, parentExternalId: null, line };
      this.units.set(id, unit);
    }
    if (unit.name === null) unit.name = read.text('org_unit_name', { max: 200 });
    if (unit.kind === null) unit.kind = read.oneOf('org_unit_kind', UNIT_KINDS_OF_ROWS);
    if (unit.parentExternalId === null) {
      const parent = read.text('parent_org_unit_id', { max: 512 });
      if (parent === id) read.fail('parent_org_unit_id', `: ${quoteValue(parent)} is the unit itself`);
      else if (parent !== null) {
        unit.parentExternalId = parent;
        unit.line = line;
      }
    }
    for (const problem of read.problems) this.reportOnce(line, [problem], `${id}\u0000${problem.field}`);
  }

  /**
   * The units parents-first (as the pipeline needs), and the problems found. A unit whose parent is not
   * defined in the file, or whose parents form a cycle, is kept at the top with the link reported.
   */
  resolve(): { units: OrgUnitRecord[]; problems: RecordProblem[] } {
    const problems = [...this.problems];
    for (const unit of this.units.values()) {
      if (unit.parentExternalId !== null && !this.units.has(unit.parentExternalId)) {
        problems.push(
          this.problem(
            unit.line,
            'parent_org_unit_id',
            unknownParentReason(unit, 'is not the org_unit_id of any row'),
          ),
        );
        unit.parentExternalId = null;
      }
    }
    const depths = new Map<string, number>();
    for (const unit of this.units.values()) this.depthOf(unit, depths, problems);
    const units = [...this.units.values()]
      .sort((a, b) => (depths.get(a.externalId) ?? 0) - (depths.get(b.externalId) ?? 0))
      .map((unit): OrgUnitRecord => ({
        externalId: unit.externalId,
        name: unit.name ?? unit.externalId.slice(0, 200),
        kind: unit.kind ?? DEFAULT_UNIT_KIND,
        parentExternalId: unit.parentExternalId,
      }));
    problems.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0));
    return { units, problems };
  }

  /** Walks up to a root or a unit of known depth; breaks a cycle at the unit that closes it. */
  private depthOf(start: CollectedUnit, depths: Map<string, number>, problems: RecordProblem[]): void {
    const path: CollectedUnit[] = [];
    const onPath = new Set<string>();
    let unit: CollectedUnit | undefined = start;
    while (unit && !depths.has(unit.externalId)) {
      if (onPath.has(unit.externalId)) {
        // `last` points back into the path: drop its parent link.
        const last = path[path.length - 1];
        problems.push(
          this.problem(
            last.line,
            'parent_org_unit_id',
            unknownParentReason(last, 'makes the hierarchy a cycle'),
          ),
        );
        last.parentExternalId = null;
        break;
      }
      path.push(unit);
      onPath.add(unit.externalId);
      unit = unit.parentExternalId === null ? undefined : this.units.get(unit.parentExternalId);
    }
    let depth = unit && depths.has(unit.externalId) ? (depths.get(unit.externalId) as number) : -1;
    for (const step of path.reverse()) {
      depth = step.parentExternalId === null ? 0 : depth + 1;
      depths.set(step.externalId, depth);
    }
  }

  /** A pre-merger company is a root unit of kind legacy_company, named by the legacy_company column. */
  private addLegacyCompany(line: number, row: DirectoryRowInput): void {
    const read = new RowReader<DirectoryField>(row);
    const name = read.text('legacy_company', { max: 200 });
    const id = name === null ? null : legacyCompanyId(name);
    if (name !== null && id === null) {
      read.fail('legacy_company', `: ${quoteValue(name)} has no letters or digits to make an id from`);
    }
    if (read.problems.length > 0) {
      this.reportOnce(line, read.problems, `legacy_company:${String(row.legacy_company).slice(0, 600)}`);
    } else if (name !== null && id !== null && !this.units.has(id)) {
      this.units.set(id, { externalId: id, name, kind: 'legacy_company', parentExternalId: null, line });
    }
  }

  private reportOnce(line: number, fieldProblems: FieldProblem<DirectoryField>[], key: string): void {
    if (fieldProblems.length === 0 || this.reported.has(key)) return;
    this.reported.add(key);
    this.report(line, fieldProblems);
  }

  private report(line: number, fieldProblems: FieldProblem<DirectoryField>[]): void {
    const { field, reason } = rowProblemReason(fieldProblems);
    this.problems.push(this.problem(line, field, reason));
  }

  private problem(line: number, field: DirectoryField, reason: string): RecordProblem {
    return { location: { file: this.fileName, line, field }, reason };
  }
}

function unknownParentReason(unit: CollectedUnit, what: string): string {
  return (
    `parent_org_unit_id: ${quoteValue(unit.parentExternalId)} ${what}; ` +
    `unit ${quoteValue(unit.externalId)} is kept without a parent`
  );
}
