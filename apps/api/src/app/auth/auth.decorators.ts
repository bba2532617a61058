import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Role } from '@uptake/persistence';
import type { AuthenticatedRequest, Principal } from './principal';

export const PUBLIC_ROUTE = 'uptake:public';
export const ORGANISATION_ROLES = 'uptake:organisation-roles';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'admin',
  change_manager: 'change manager',
  executive: 'executive',
  connector_maintainer: 'connector maintainer',
};

/** No authentication needed (health, login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Any signed-in user or API token; what it returns is limited to the caller's organisations. */
export const Authenticated = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the token is unknown, expired or revoked' }),
  );

/**
 * The route acts inside the organisation of its `:organisationId` parameter and needs one of these roles
 * there. Callers who are not members get 404 (as if the organisation did not exist); members whose role
 * is not listed get 403. The roles appear in OpenAPI as `x-required-roles`.
 */
export const OrganisationRoles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ORGANISATION_ROLES, roles),
    Authenticated(),
    ApiExtension('x-required-roles', roles),
    ApiForbiddenResponse({
      description: `Needs one of these roles in the organisation: ${roles.map((r) => ROLE_LABELS[r]).join(', ')}`,
    }),
    ApiNotFoundResponse({ description: 'No such organisation for this caller (or no such resource in it)' }),
  );

/** Roles that may read aggregated KPIs. Executives see aggregates only, never person-level data. */
export const KPI_READERS: Role[] = ['admin', 'change_manager', 'executive'];
/** Roles that manage data sources and sync runs. */
export const SOURCE_MANAGERS: Role[] = ['admin', 'connector_maintainer'];

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new UnauthorizedException();
    return principal;
  },
);
