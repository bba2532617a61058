import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import type { SsoSettings, SsoSettingsInputParsed } from '@uptake/contracts';
import { AccessToken, Organisation, OrganisationSso, SsoRepository } from '@uptake/persistence';
import { decryptSecret, encryptSecret } from '@uptake/security';
import { IsNull, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { OidcClients, type OidcClientSettings } from './oidc-client';

/** The callback every provider redirects to (one for all organisations: the state says which). */
export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

/** The setting fields compared for the audit entry (the secret is reported as changed, never shown). */
const AUDITED_FIELDS = [
  'issuer',
  'clientId',
  'scopes',
  'defaultRole',
  'roleClaim',
  'roleMapping',
  'allowedEmailDomains',
  'localPasswords',
] as const;

/** An organisation's SSO settings: stored with the client secret encrypted, shown without it. */
@Injectable()
export class SsoSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly sso: SsoRepository,
    private readonly clients: OidcClients,
    private readonly audit: AuditService,
  ) {}

  /** The redirect URI to register at the provider. Built from PUBLIC_URL, never from a request's Host. */
  redirectUri(): string {
    return `${this.config.publicUrl}${SSO_CALLBACK_PATH}`;
  }

  async get(organisationId: string): Promise<SsoSettings> {
    const stored = await this.dataSource.getRepository(OrganisationSso).findOneBy({ organisationId });
    if (!stored) throw new NotFoundException('Single sign-on is not set up for this organisation');
    return this.view(stored);
  }

  /** Creates or replaces the settings; a left-out client secret keeps the stored one. */
  async put(
    organisationId: string,
    input: SsoSettingsInputParsed,
    principal: Principal,
  ): Promise<SsoSettings> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(OrganisationSso);
      const before = await repository.findOne({
        where: { organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!before && input.clientSecret === undefined)
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: ['clientSecret is required when single sign-on is set up for the first time'],
        });
      const { clientSecret, ...settings } = input;
      await repository.save({
        organisationId,
        ...settings,
        ...(clientSecret === undefined
          ? {}
          : { clientSecret: encryptSecret(this.config.secretKey, clientSecret) }),
        updatedBy: principal.userId,
      });
      const changed = AUDITED_FIELDS.filter(
        (field) => !before || JSON.stringify(before[field]) !== JSON.stringify(settings[field]),
      );
      await this.audit.record(
        {
          action: 'sso.settings_changed',
          organisationId,
          principal,
          details: { created: !before, changed, clientSecretChanged: clientSecret !== undefined },
        },
        manager,
      );
      if (before) this.clients.forget(before.issuer);
      return repository.findOneByOrFail({ organisationId });
    });
    this.clients.forget(saved.issuer);
    return this.view(saved);
  }

  /**
   * Removes the settings and ends the sessions its provider signed in (they act only in this organisation).
   * Idempotent: nothing set up is a 204 too. Identities stay, so setting the same provider up again finds
   * the same accounts.
   */
  async remove(organisationId: string, principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(OrganisationSso).delete({ organisationId });
      if (!result.affected) return;
      const revoked = await manager
        .getRepository(AccessToken)
        .update({ kind: 'session', organisationId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record(
        {
          action: 'sso.settings_removed',
          organisationId,
          principal,
          details: { sessionsEnded: revoked.affected ?? 0 },
        },
        manager,
      );
    });
  }

  /** The settings with the decrypted client secret, for a sign-in; undefined when not set up. */
  async clientOf(
    organisationId: string,
  ): Promise<{ settings: OrganisationSso; client: OidcClientSettings } | undefined> {
    const stored = await this.sso.withSecret(organisationId);
    if (!stored) return undefined;
    const clientSecret = decryptSecret(this.config.secretKey, stored.clientSecret).toString('utf8');
    return { settings: stored, client: { issuer: stored.issuer, clientId: stored.clientId, clientSecret } };
  }

  private async view(stored: OrganisationSso): Promise<SsoSettings> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneByOrFail({ id: stored.organisationId });
    return {
      organisationId: stored.organisationId,
      issuer: stored.issuer,
      clientId: stored.clientId,
      clientSecretSet: true,
      scopes: stored.scopes,
      defaultRole: stored.defaultRole,
      roleClaim: stored.roleClaim,
      roleMapping: stored.roleMapping,
      allowedEmailDomains: stored.allowedEmailDomains,
      localPasswords: stored.localPasswords,
      redirectUri: this.redirectUri(),
      signInUrl: `${this.config.publicUrl}/api/auth/sso/${organisation.slug}/start`,
      updatedAt: stored.updatedAt.toISOString(),
    };
  }
}
