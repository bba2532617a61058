/**
 * Aggregated interactions (replies, mentions, reactions) from one person to another over a period.
 * Ids are pseudonymous. Several rows for the same (actor, target) pair are summed.
 */
export interface Interaction {
  actor: string;
  target: string;
  /** Number of interactions in the period; must be a finite number >= 0 (0 means "none"). */
  count: number;
}

export interface PersonAttributes {
  /** Org unit (department) id; null when unknown. */
  unit: string | null;
  /** Hierarchy level, 1 = top; null when unknown. */
  level: number | null;
  /** Company the person came from before a merger; null when unknown (or never merged). */
  legacyCompany: string | null;
  /** First activity on the network, YYYY-MM-DD; null when the person has not adopted. */
  adoptedOn: string | null;
}

/** Attributes keyed by pseudonymous person id. People absent from the map have all attributes unknown. */
export type PeopleAttributes = ReadonlyMap<string, PersonAttributes>;
