import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@uptake/persistence';
import { AccessTokensService } from './access-tokens.service';
import { ORGANISATION_ROLES, PUBLIC_ROUTE } from './auth.decorators';
import { requestToken } from './bearer';
import type { AuthenticatedRequest } from './principal';

/**
 * Global guard, deny by default: every route needs a valid session or API token unless marked @Public,
 * and every route under /organisations/:organisationId needs a declared role there. Non-members get 404
 * so that ids of other tenants' organisations are indistinguishable from ids that do not exist.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = requestToken(request);
    if (!token)
      throw new UnauthorizedException('Sign in, or send an API token as "Authorization: Bearer <token>"');
    const principal = await this.tokens.authenticate(token);
    if (!principal) throw new UnauthorizedException('The session or token is unknown, expired or revoked');
    request.principal = principal;

    const organisationId = request.params?.['organisationId'];
    if (typeof organisationId !== 'string') return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ORGANISATION_ROLES, targets);
    const role = principal.roles.get(organisationId);
    if (!role) throw new NotFoundException(`Organisation ${organisationId} not found`);
    if (!allowed) throw new ForbiddenException('This route has no role policy');
    if (!allowed.includes(role)) {
      throw new ForbiddenException(
        `This needs one of the roles ${allowed.join(', ')} in the organisation; yours is ${role}`,
      );
    }
    return true;
  }
}
