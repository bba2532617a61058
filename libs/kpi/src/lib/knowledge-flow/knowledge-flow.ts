import type {
  KnowledgeFlowCell,
  KnowledgeFlowMonth,
  KnowledgeFlowReport,
  KnowledgeFlowUnit,
} from '@uptake/contracts';
import { periodsBetween } from '../core/periods';
import { compareIds } from '../network/compare';
import { hideLinkedParts } from '../core/protected-parts';
import { publishMagnitude, withheld, type DisclosureRule } from '../disclosure/cell-key';
import { suppressionReason } from '../disclosure/suppression';
import type { BoundaryTally, FlowCellRow, FlowShareRow, FlowUnitRow, ThreadTally } from './flow-rows';

/** Units listed (and the matrix's rows and columns): the most active ones; the rest are left out. */
export const KNOWLEDGE_FLOW_UNIT_CAP = 200;
/** Hidden expertise: answering at least this many times as many of others' threads as the unit starts… */
export const HIDDEN_EXPERTISE_RATIO = 2;
/** …with at least this many answers, so a unit that answered 2 threads and asked 1 is not an expert. */
export const HIDDEN_EXPERTISE_MIN_ANSWERS = 10;

/** A thread count as published: withheld when it rests on 1..k-1 people, else (perturbed) magnitude. */
export function publishThreads(tally: ThreadTally, rule: DisclosureRule): number | null {
  if (withheld(tally.people.count, rule)) return null;
  return Math.round(publishMagnitude(tally.threads, tally.top, tally.people, rule));
}

/**
 * The share of comparable threads crossing a boundary, from true counts. Crossing and same-side threads add
 * up to the comparable ones, so publishing the share discloses both parts: it is withheld when either part
 * rests on 1..k-1 authors or 1..k-1 responders (an empty part is fine: it discloses nobody). Null when no
 * thread is comparable (a 0 would claim "nothing crosses").
 */
export function boundaryShare(tally: BoundaryTally, rule: DisclosureRule): number | null {
  if (tally.comparable === 0) return null;
  const people = [tally.crossingAuthors, tally.crossingResponders, tally.sameAuthors, tally.sameResponders];
  if (people.some((count) => withheld(count, rule))) return null;
  return tally.crossing / tally.comparable;
}

interface Shares {
  answeredThreads: number | null;
  crossDepartmentShare: number | null;
  crossCompanyShare: number | null;
  hidden: boolean;
}

/** The answered threads of a share row and their two shares; `hidden` when anything non-empty is withheld. */
function sharesOf(row: FlowShareRow | undefined, rule: DisclosureRule): Shares {
  if (!row || row.answered.threads === 0) {
    return { answeredThreads: 0, crossDepartmentShare: null, crossCompanyShare: null, hidden: false };
  }
  const answeredThreads = withheld(row.responders, rule) ? null : publishThreads(row.answered, rule);
  const crossDepartmentShare = boundaryShare(row.department, rule);
  const crossCompanyShare = boundaryShare(row.company, rule);
  const hidden =
    answeredThreads === null ||
    (row.department.comparable > 0 && crossDepartmentShare === null) ||
    (row.company.comparable > 0 && crossCompanyShare === null);
  return { answeredThreads, crossDepartmentShare, crossCompanyShare, hidden };
}

/** The units kept: the most threads started plus answered, then by id; at most KNOWLEDGE_FLOW_UNIT_CAP. */
export function keptUnits(units: readonly FlowUnitRow[], cap = KNOWLEDGE_FLOW_UNIT_CAP): FlowUnitRow[] {
  const volume = (unit: FlowUnitRow) => unit.started.threads + unit.answersToOthers.threads;
  return [...units].sort((a, b) => volume(b) - volume(a) || compareIds(a.unit, b.unit)).slice(0, cap);
}

/**
 * Which cells of the matrix to withhold. A cell is withheld when its authors or its responders are 1..k-1
 * people. The matrix has published totals, so one withheld cell could be recovered by subtraction: the
 * report's answered threads (all cells), a unit's `answeredByOthers` (its row, other known units) and
 * `answersToOthers` (its column, other known units); complementary suppression runs on all of these at once
 * (`hideLinkedParts`). A cell's people count there is the smaller of its two sides (the side that makes it
 * withheld). Cells of units beyond the cap are never listed, so they count as withheld. Summing people over
 * cells overstates the distinct people of several withheld cells when the same people sit in several of
 * them; the cell-key perturbation of magnitudes (when on) covers that remainder.
 */
export function hiddenCellsOf(
  cells: readonly FlowCellRow[],
  listed: ReadonlySet<string>,
  rule: DisclosureRule,
): boolean[] {
  const sizes = cells.map((cell) => Math.min(cell.byAuthors.people.count, cell.responders.count));
  const isListed = (unit: string | null) => unit === null || listed.has(unit);
  const unlisted = cells.map((cell) => !isListed(cell.askerUnit) || !isListed(cell.responderUnit));
  const between = (cell: FlowCellRow) =>
    cell.askerUnit !== null && cell.responderUnit !== null && cell.askerUnit !== cell.responderUnit;
  const linesOf = (side: 'askerUnit' | 'responderUnit') => {
    const lines = new Map<string, number[]>();
    cells.forEach((cell, index) => {
      const unit = cell[side];
      if (unit !== null && between(cell)) lines.set(unit, [...(lines.get(unit) ?? []), index]);
    });
    return [...lines.values()];
  };
  // Rows and columns first: their withheld cells usually cover the grand total as well, which taken first
  // would hide the smallest cell anywhere in the matrix on top of them.
  const groups = [...linesOf('askerUnit'), ...linesOf('responderUnit'), cells.map((_, index) => index)];
  return hideLinkedParts(sizes, groups, rule, unlisted);
}

const nullsLast = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : compareIds(a, b);

/** A unit's figures; each withheld on its own people, the ratio and the flag when either side is. */
export function knowledgeFlowUnit(row: FlowUnitRow, name: string, rule: DisclosureRule): KnowledgeFlowUnit {
  const threadsStarted = publishThreads(row.started, rule);
  const answersToOthers = publishThreads(row.answersToOthers, rule);
  const answeredByOthers = publishThreads(row.answeredByOthers, rule);
  const both = threadsStarted !== null && answersToOthers !== null;
  const started = row.started.threads;
  const answers = row.answersToOthers.threads;
  const anyHidden = threadsStarted === null || answersToOthers === null || answeredByOthers === null;
  return {
    orgUnitId: row.unit,
    name,
    threadsStarted,
    answersToOthers,
    answeredByOthers,
    // From true counts; a unit that starts nothing has no ratio (it would be infinite) but can be an expert.
    expertiseRatio: both && started > 0 ? answers / started : null,
    hiddenExpertise: both
      ? answers >= HIDDEN_EXPERTISE_MIN_ANSWERS && answers >= HIDDEN_EXPERTISE_RATIO * started
      : null,
    ...(anyHidden ? { suppressed: suppressionReason(rule) } : {}),
  };
}

export interface KnowledgeFlowInput {
  cells: readonly FlowCellRow[];
  units: readonly FlowUnitRow[];
  /** The whole range (month null) and each month with answered threads. */
  shares: readonly FlowShareRow[];
  from: string;
  to: string;
}

/**
 * The knowledge flow of a population (threads its people started), as published: the unit × unit matrix of
 * first responses, what each unit asks and answers (hidden expertise), and the cross-department and
 * cross-company shares over the range and per calendar month.
 */
export function knowledgeFlow(
  input: KnowledgeFlowInput,
  unitNames: ReadonlyMap<string, string>,
  rule: DisclosureRule,
): Omit<KnowledgeFlowReport, 'scope' | 'leadership'> {
  const reason = suppressionReason(rule);
  const kept = keptUnits(input.units);
  const listed = new Set(kept.map((unit) => unit.unit));
  const hidden = hiddenCellsOf(input.cells, listed, rule);
  const isListed = (unit: string | null) => unit === null || listed.has(unit);
  const cells: KnowledgeFlowCell[] = [];
  let hiddenCells = 0;
  input.cells.forEach((cell, index) => {
    if (!isListed(cell.askerUnit) || !isListed(cell.responderUnit)) return;
    if (hidden[index]) {
      hiddenCells++;
      return;
    }
    cells.push({
      askerOrgUnitId: cell.askerUnit,
      responderOrgUnitId: cell.responderUnit,
      threads: publishThreads(cell.byAuthors, rule) ?? 0,
    });
  });
  cells.sort(
    (a, b) =>
      nullsLast(a.askerOrgUnitId, b.askerOrgUnitId) || nullsLast(a.responderOrgUnitId, b.responderOrgUnitId),
  );

  const units = kept.map((row) => knowledgeFlowUnit(row, unitNames.get(row.unit) ?? row.unit, rule));
  const total = sharesOf(
    input.shares.find((row) => row.month === null),
    rule,
  );
  const byMonth = periodsBetween(input.from, input.to, 'month').map((period): KnowledgeFlowMonth => {
    const month = `${period.start.slice(0, 7)}-01`;
    const { hidden: monthHidden, ...figures } = sharesOf(
      input.shares.find((row) => row.month === month),
      rule,
    );
    return { month, ...figures, ...(monthHidden ? { suppressed: reason } : {}) };
  });
  const anyHidden =
    total.hidden ||
    hiddenCells > 0 ||
    units.some((unit) => unit.suppressed) ||
    byMonth.some((month) => month.suppressed);
  return {
    answeredThreads: total.answeredThreads,
    crossDepartmentShare: total.crossDepartmentShare,
    crossCompanyShare: total.crossCompanyShare,
    units,
    cells,
    hiddenCells,
    byMonth,
    ...(anyHidden ? { suppressed: reason } : {}),
  };
}
