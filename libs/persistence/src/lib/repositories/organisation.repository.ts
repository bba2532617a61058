import type { DataSource } from 'typeorm';

/** An organisation as the organisation switcher lists it. */
export interface OrganisationSummaryRow {
  id: string;
  name: string;
  slug: string;
  minGroupSize: number;
  perturbation: boolean;
  /** People who have not left. */
  people: number;
}

/** Organisations. */
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** These organisations by name, with their head counts. */
  async summaries(organisationIds: readonly string[]): Promise<OrganisationSummaryRow[]> {
    const rows: (Omit<OrganisationSummaryRow, 'people'> & { people: string })[] = await this.dataSource.query(
      `SELECT o.id, o.name, o.slug, o.min_group_size AS "minGroupSize", o.perturbation,
              (SELECT count(*) FROM people p WHERE p.organisation_id = o.id AND p.end_date IS NULL) AS people
       FROM organisations o WHERE o.id = ANY($1::uuid[]) ORDER BY o.name`,
      [organisationIds],
    );
    return rows.map((row) => ({ ...row, people: Number(row.people) }));
  }

  /** The key identities are pseudonymised with (the organisation must exist). */
  async pseudonymKey(organisationId: string): Promise<Buffer> {
    const [{ pseudonym_key: key }]: { pseudonym_key: Buffer }[] = await this.dataSource.query(
      'SELECT pseudonym_key FROM organisations WHERE id = $1',
      [organisationId],
    );
    return key;
  }
}
