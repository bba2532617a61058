export interface OrganisationSummary {
  id: string;
  name: string;
  slug: string;
  /** k: aggregates over fewer distinct people than this are never shown. */
  minGroupSize: number;
  /** Counts are perturbed by the cell-key method (at most ±2 people); false: exact figures. */
  perturbation: boolean;
  people: number;
}
