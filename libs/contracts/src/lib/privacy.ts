/** Why an aggregate was withheld. */
export interface SuppressionReason {
  code: 'below-k';
  /** Distinct people behind the aggregate is fewer than this. */
  minGroupSize: number;
}
