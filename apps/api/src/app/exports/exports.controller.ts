import { applyDecorators, Controller, Get, Header, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  DOCUMENT_FORMATS,
  EXPORT_FORMATS,
  EXPORT_MEDIA_TYPES,
  MAX_EXPORT_ROWS,
  TABLE_FORMATS,
  TABLE_REPORTS,
  type ExportFormat,
} from '@uptake/contracts';
import type { Role } from '@uptake/persistence';
import type { Request } from 'express';
import { CurrentPrincipal, KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UUID } from '../common/params';
import {
  BestCasesExportQueryDto,
  BusinessCaseExportQueryDto,
  CommunitiesExportQueryDto,
  CommunityDetailExportQueryDto,
  ComparisonExportQueryDto,
  EvaluationsExportQueryDto,
  DiffusionExportQueryDto,
  FirstPostExportQueryDto,
  GoalsExportQueryDto,
  KpiExportQueryDto,
  NetworkPeopleExportQueryDto,
  OverviewExportQueryDto,
  PeopleExportQueryDto,
  RetentionExportQueryDto,
} from './exports.dtos';
import { ExportsService, type ExportFile, type ExportRequest } from './exports.service';
import { KpisService } from '../kpis/kpis.service';
import { GoalsService } from '../goals/goals.service';
import { BusinessCaseService } from '../business-case/business-case.service';
import { RolloutsService } from '../rollouts/rollouts.service';
import { RendersDocuments } from '../common/render-slot';

const TABLE_DESCRIPTION =
  "The report's own query (the same checks as its JSON endpoint) plus format, table and locale. CSV (RFC 4180, UTF-8 " +
  'with BOM) holds the main table or `table`; XLSX a sheet per table. First the header lines: report, organisation, ' +
  'period, filters, k, generated at. Figures are exactly those of the JSON report: a figure withheld below k is an ' +
  `empty cell whose reason is in the "<column> note" column beside it (and a cell comment in XLSX). At most ` +
  `${MAX_EXPORT_ROWS.toLocaleString('en')} rows a table, with a last line saying so when cut. Audited as report.exported.`;

const DOCUMENT_DESCRIPTION =
  'A title page or slide (organisation, period, filters, k, generated at), the headline (adoption vs its target, with ' +
  'the adoption chart), the business goals with status and value, the rollout phases with their gate status, and a ' +
  'page or slide per goal (at most 20). Every figure is one the JSON reports publish; withheld ones say so. ' +
  'Audited as report.exported.';

/** The media types without parameters, as OpenAPI lists them. */
const mediaType = (format: ExportFormat) => EXPORT_MEDIA_TYPES[format].split(';')[0];

/** An export route: its path, roles (those of the report's JSON endpoint), the formats and their media types. */
function ExportRoute(
  path: string,
  roles: readonly Role[],
  formats: readonly ExportFormat[],
  summary: string,
) {
  return applyDecorators(
    Get(path),
    OrganisationRoles(...roles),
    Header('Cache-Control', 'no-store'),
    ApiOperation({
      summary,
      description: [
        ...(formats.includes('csv') ? [TABLE_DESCRIPTION] : []),
        ...(formats.includes('pdf') ? [DOCUMENT_DESCRIPTION] : []),
      ].join(' PDF and PPTX: '),
    }),
    ApiProduces(...formats.map(mediaType)),
    ApiOkResponse({
      description: 'The file, as an attachment named uptake-<report>-<yyyy-mm-dd>.<format>',
      content: Object.fromEntries(
        formats.map((format) => [
          mediaType(format),
          { schema: format === 'csv' ? { type: 'string' } : { type: 'string', format: 'binary' } },
        ]),
      ),
    }),
    ApiBadRequestResponse({
      description: "Unknown format, table or locale; or the report's own query refused",
    }),
  );
}

/** The file as the response: its media type and a download name (an attachment, never shown inline). */
function attachment(file: ExportFile): StreamableFile {
  return new StreamableFile(file.body, {
    type: file.mediaType,
    disposition: `attachment; filename="${file.filename}"`,
    length: file.body.length,
  });
}

/**
 * Downloads of every report the dashboard shows. Each route guards like the report's JSON endpoint (the same
 * roles; person-level reports for admins only) and loads the report from the same service.
 */
@ApiTags('exports')
@Controller('organisations/:organisationId/exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly kpis: KpisService,
    private readonly goals: GoalsService,
    private readonly businessCase: BusinessCaseService,
    private readonly rollouts: RolloutsService,
  ) {}

  @ExportRoute('overview', KPI_READERS, DOCUMENT_FORMATS, 'The executive overview as a PDF or a slide deck')
  @RendersDocuments()
  async overview(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: OverviewExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return attachment(await this.exports.document('overview', { organisationId, principal, request, query }));
  }

  @ExportRoute(
    'business-case',
    KPI_READERS,
    EXPORT_FORMATS,
    'The business case as tables (CSV, XLSX) or a steering-committee document (PDF, PPTX)',
  )
  @RendersDocuments()
  async businessCaseExport(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: BusinessCaseExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    const input = { organisationId, principal, request, query };
    if (query.format === 'pdf' || query.format === 'pptx') {
      return attachment(await this.exports.document('business-case', input));
    }
    return attachment(
      await this.exports.tables('business-case', input, () =>
        this.businessCase.report(organisationId, { planId: query.planId }),
      ),
    );
  }

  @ExportRoute('goals', KPI_READERS, TABLE_FORMATS, 'Business goals with progress and value')
  async goalsExport(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: GoalsExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('goals', { organisationId, principal, request, query }, async () => ({
      goals: await this.goals.list(organisationId),
    }));
  }

  @ExportRoute('adoption', KPI_READERS, TABLE_FORMATS, 'The adoption report as tables')
  adoption(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('adoption', { organisationId, principal, request, query }, () =>
      this.kpis.adoption(organisationId, query),
    );
  }

  @ExportRoute('participation', KPI_READERS, TABLE_FORMATS, 'The participation report as tables')
  participation(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('participation', { organisationId, principal, request, query }, () =>
      this.kpis.participation(organisationId, query),
    );
  }

  @ExportRoute('engagement', KPI_READERS, TABLE_FORMATS, 'The engagement report as tables')
  engagement(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('engagement', { organisationId, principal, request, query }, () =>
      this.kpis.engagement(organisationId, query),
    );
  }

  @ExportRoute('retention', KPI_READERS, TABLE_FORMATS, 'The retention report as tables')
  retention(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: RetentionExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('retention', { organisationId, principal, request, query }, () =>
      this.kpis.retention(organisationId, query),
    );
  }

  @ExportRoute(
    'network',
    KPI_READERS,
    TABLE_FORMATS,
    'The network report (aggregated to org units) as tables',
  )
  network(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('network', { organisationId, principal, request, query }, () =>
      this.kpis.network(organisationId, query),
    );
  }

  @ExportRoute('network-people', ['admin'], TABLE_FORMATS, 'Brokers and champions by pseudonym: admins only')
  networkPeople(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: NetworkPeopleExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('network-people', { organisationId, principal, request, query }, () =>
      this.kpis.networkPeople(organisationId, query, query.top),
    );
  }

  @ExportRoute('diffusion', KPI_READERS, TABLE_FORMATS, 'The diffusion report as tables')
  diffusion(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: DiffusionExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('diffusion', { organisationId, principal, request, query }, () =>
      this.kpis.diffusion(organisationId, query),
    );
  }

  @ExportRoute('people', ['admin'], TABLE_FORMATS, 'Per person activity by pseudonym: admins only')
  people(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: PeopleExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('people', { organisationId, principal, request, query }, () =>
      this.kpis.people(organisationId, query),
    );
  }

  @ExportRoute('communities', KPI_READERS, TABLE_FORMATS, 'The community health report as tables')
  communities(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: CommunitiesExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('communities', { organisationId, principal, request, query }, () =>
      this.kpis.communities(organisationId, query),
    );
  }

  @ExportRoute('community/:groupId', KPI_READERS, TABLE_FORMATS, "One community's detail as tables")
  async community(
    @Param('organisationId', UUID) organisationId: string,
    @Param('groupId', UUID) groupId: string,
    @Query() query: CommunityDetailExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return attachment(
      await this.exports.tables(
        'community',
        { organisationId, principal, request, query },
        () => this.kpis.community(organisationId, groupId, query),
        (detail) => detail.community.name,
      ),
    );
  }

  @ExportRoute('best-cases', KPI_READERS, TABLE_FORMATS, 'The best cases as tables')
  bestCases(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: BestCasesExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('best-cases', { organisationId, principal, request, query }, () =>
      this.kpis.bestCases(organisationId, query),
    );
  }

  @ExportRoute('personas', KPI_READERS, TABLE_FORMATS, 'Behaviour personas and habits as tables')
  personas(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('personas', { organisationId, principal, request, query }, () =>
      this.kpis.personas(organisationId, query),
    );
  }

  @ExportRoute('lifecycle', KPI_READERS, TABLE_FORMATS, 'The weekly lifecycle as a table')
  lifecycle(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('lifecycle', { organisationId, principal, request, query }, () =>
      this.kpis.lifecycle(organisationId, query),
    );
  }

  @ExportRoute('first-post', KPI_READERS, TABLE_FORMATS, '"Found nobody, stopped" as tables')
  firstPost(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: FirstPostExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('first-post', { organisationId, principal, request, query }, () =>
      this.kpis.firstPost(organisationId, query),
    );
  }

  @ExportRoute('knowledge-flow', KPI_READERS, TABLE_FORMATS, 'The knowledge flow as tables')
  knowledgeFlow(
    @Param('organisationId', UUID) organisationId: string,
    @Query() query: KpiExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('knowledge-flow', { organisationId, principal, request, query }, () =>
      this.kpis.knowledgeFlow(organisationId, query),
    );
  }

  @ExportRoute(
    'rollouts/:planId/phases/:phaseId/comparison',
    KPI_READERS,
    TABLE_FORMATS,
    "A rollout phase's people vs its comparison group on every gate KPI, as tables",
  )
  phaseComparison(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Param('phaseId', UUID) phaseId: string,
    @Query() query: ComparisonExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('phase-comparison', { organisationId, principal, request, query }, () =>
      this.rollouts.comparison(organisationId, planId, phaseId, query),
    );
  }

  @ExportRoute(
    'rollouts/:planId/phases/:phaseId/evaluations',
    KPI_READERS,
    TABLE_FORMATS,
    "A rollout phase's gate evaluations and their criteria, newest first, as tables",
  )
  evaluations(
    @Param('organisationId', UUID) organisationId: string,
    @Param('planId', UUID) planId: string,
    @Param('phaseId', UUID) phaseId: string,
    @Query() query: EvaluationsExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    return this.table('evaluations', { organisationId, principal, request, query }, async () => ({
      evaluations: await this.rollouts.evaluations(organisationId, planId, phaseId, query.limit),
    }));
  }

  /**
   * Any other name: a 400 listing the reports (not a 404, which would read as "no such organisation"). Left
   * out of OpenAPI: it serves no file.
   */
  @Get(':report')
  @OrganisationRoles(...KPI_READERS)
  @ApiExcludeEndpoint()
  unknownReport(@Param('report') report: string): never {
    throw this.exports.unknownReport(report);
  }

  private async table<R extends object>(
    report: (typeof TABLE_REPORTS)[number],
    input: ExportRequest,
    load: () => Promise<R>,
  ): Promise<StreamableFile> {
    return attachment(await this.exports.tables(report, input, load));
  }
}
