import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { ExportFormat } from '@uptake/contracts';
import { OrganisationContext } from '../../shell/organisation-context';

/** A query value as pages hold them: unset values are left out of the link. */
export type DownloadQuery = Readonly<Record<string, string | number | null | undefined>>;

export interface DownloadLink {
  format: ExportFormat;
  label: string;
  href: string;
}

/** What each format is called in the menu. */
function formatLabel(format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return $localize`:@@shared.downloadMenu.format.csv:CSV (spreadsheet)`;
    case 'xlsx':
      return $localize`:@@shared.downloadMenu.format.xlsx:Excel workbook (XLSX)`;
    case 'pdf':
      return $localize`:@@shared.downloadMenu.format.pdf:PDF document`;
    case 'pptx':
      return $localize`:@@shared.downloadMenu.format.pptx:PowerPoint slides (PPTX)`;
  }
}

/**
 * The export URL of a report: same origin, the organisation's exports route, the page's query (unset values
 * left out; the menu's own format and locale win over any in the query).
 */
export function exportUrl(
  organisationId: string,
  report: string,
  query: DownloadQuery,
  format: ExportFormat,
  locale: 'en' | 'nl',
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '' || key === 'format' || key === 'locale')
      continue;
    search.set(key, String(value));
  }
  search.set('format', format);
  if (locale !== 'en') search.set('locale', locale);
  const path = report.split('/').map(encodeURIComponent).join('/');
  return `/api/organisations/${encodeURIComponent(organisationId)}/exports/${path}?${search}`;
}

/**
 * A "Download" menu of a report's exports: one link per format to GET …/exports/:report, which the browser
 * saves (the API answers with an attachment; the session cookie goes along on a same-origin link). The
 * labels of the files follow the page's language.
 *
 * ```html
 * <up-download-menu [report]="'adoption'" [query]="queryParams" [formats]="['csv', 'xlsx']" />
 * <up-download-menu [report]="'community/' + groupId" [query]="queryParams" />
 * <up-download-menu [report]="'overview'" [query]="filters" [formats]="['pdf', 'pptx']" />
 * ```
 * - `report`: the export's name after `exports/` (adoption, goals, business-case, community/<groupId>, …).
 * - `query`: the report's query (from, to, orgUnitId, groupId, …); undefined and empty values are left out.
 * - `formats`: which formats to offer (default CSV and XLSX).
 * Renders nothing until the organisation is known.
 */
@Component({
  selector: 'up-download-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './download-menu.component.html',
  styleUrl: './download-menu.component.css',
})
export class DownloadMenuComponent {
  private readonly context = inject(OrganisationContext);
  private readonly locale: 'en' | 'nl' = inject(LOCALE_ID).toLowerCase().startsWith('nl') ? 'nl' : 'en';

  readonly report = input.required<string>();
  readonly query = input<DownloadQuery>({});
  readonly formats = input<readonly ExportFormat[]>(['csv', 'xlsx']);

  /**
   * Closes the menu once a format is chosen. A method rather than `menu.open = false` in the template: an
   * expression whose value is false makes Angular cancel the click, and with it the download.
   */
  protected close(menu: HTMLDetailsElement): void {
    menu.open = false;
  }

  protected readonly links = computed((): DownloadLink[] => {
    const organisation = this.context.organisation();
    if (!organisation) return [];
    return this.formats().map((format) => ({
      format,
      label: formatLabel(format),
      href: exportUrl(organisation.id, this.report(), this.query(), format, this.locale),
    }));
  });
}
