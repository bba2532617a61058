import {
  organisationSettingsChangeSchema,
  organisationSettingsPatchSchema,
  organisationSettingsSchema,
  organisationSummarySchema,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';

/** Nest needs classes for parameters and OpenAPI; each is its contract schema and nothing else. */
export class OrganisationSummaryDto extends createZodDto(organisationSummarySchema) {}
export class OrganisationSettingsDto extends createZodDto(organisationSettingsSchema) {}
export class UpdateOrganisationSettingsDto extends createZodDto(organisationSettingsPatchSchema) {}
export class OrganisationSettingsChangeDto extends createZodDto(organisationSettingsChangeSchema) {}
