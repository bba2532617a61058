export interface OrganisationSummary {
  id: string;
  name: string;
  slug: string;
  /** k: aggregates over fewer distinct people than this are never shown. */
  minGroupSize: number;
  people: number;
}
