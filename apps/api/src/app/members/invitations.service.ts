import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import type {
  AcceptedInvitationView,
  InvitationPreview,
  InvitationStatus,
  InvitationView,
  InviteMember,
} from '@uptake/contracts';
import {
  Invitation,
  InvitationRepository,
  Membership,
  MembershipRepository,
  Organisation,
  User,
  type Role,
} from '@uptake/persistence';
import { hashPassword, hashToken, MIN_PASSWORD_LENGTH, newToken } from '@uptake/security';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { MailerService } from '../mail/mailer.service';
import { invitationMail } from './invitation-mail';

/** One answer for unknown, used, revoked and expired links: the link tells nothing more. */
const INVALID_LINK =
  'This invitation link is not valid: it was used, revoked or has expired. Ask for a new one.';
const PROOF_NEEDED =
  'An account with this e-mail exists: sign in as that account, or give its password, to accept';

export interface AcceptedInvitation {
  view: AcceptedInvitationView;
  userId: string;
  /** The caller was already signed in as the invitee (no new session needed). */
  signedIn: boolean;
}

/**
 * Members join an organisation only through an invitation sent to their address: the admin chooses the
 * address and the role, never a password, and learns nothing about whether an account exists. Whoever
 * opens the one-time link proves the address; for an existing account they must also prove the account.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly mailer: MailerService,
    private readonly invitations: InvitationRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async invite(organisationId: string, input: InviteMember, principal: Principal): Promise<InvitationView> {
    const email = input.email.trim().toLowerCase();
    const { token, hash } = newToken('upi');
    const expiresAt = new Date(Date.now() + this.config.auth.invitationTtlDays * 86_400_000);
    const { invitation, organisation } = await this.dataSource.transaction(async (manager) => {
      // The admin sees the organisation's members anyway, so this answer discloses nothing new.
      if (await this.memberships.hasMemberWithEmail(organisationId, email, manager)) {
        throw new ConflictException(`${email} is already a member`);
      }
      // Inviting again replaces the open invitation (a new link; the old one stops working).
      await manager.update(
        Invitation,
        { organisationId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      const saved = await manager.save(Invitation, {
        organisationId,
        email,
        role: input.role,
        tokenHash: hash,
        invitedBy: principal.userId,
        expiresAt,
      });
      return {
        invitation: saved,
        organisation: await manager.findOneByOrFail(Organisation, { id: organisationId }),
      };
    });
    const link = `${this.config.publicUrl}/invitation#token=${token}`;
    try {
      await this.mailer.send(
        invitationMail({ to: email, organisation: organisation.name, role: input.role, link, expiresAt }),
      );
    } catch (error) {
      await this.dataSource.getRepository(Invitation).update(invitation.id, { revokedAt: new Date() });
      this.logger.error(
        `invitation e-mail not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw new ServiceUnavailableException('The invitation e-mail could not be sent; try again later');
    }
    await this.audit.record({
      action: 'member.invited',
      organisationId,
      principal,
      targetType: 'invitation',
      targetId: invitation.id,
      details: { email, role: input.role },
    });
    return toDto(invitation);
  }

  async list(organisationId: string, limit: number): Promise<InvitationView[]> {
    const rows = await this.dataSource
      .getRepository(Invitation)
      .find({ where: { organisationId }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map(toDto);
  }

  async revoke(organisationId: string, invitationId: string, principal: Principal): Promise<void> {
    const result = await this.dataSource
      .getRepository(Invitation)
      .update(
        { id: invitationId, organisationId, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
    if ((result.affected ?? 0) === 0)
      throw new NotFoundException(`No open invitation ${invitationId} in this organisation`);
    await this.audit.record({
      action: 'invitation.revoked',
      organisationId,
      principal,
      targetType: 'invitation',
      targetId: invitationId,
    });
  }

  /** What the invitation page shows before accepting. */
  async preview(token: string, caller: Principal | undefined): Promise<InvitationPreview> {
    const invitation = await this.openInvitation(this.dataSource.manager, token, false);
    const [organisation, user] = await Promise.all([
      this.dataSource.getRepository(Organisation).findOneByOrFail({ id: invitation.organisationId }),
      this.dataSource.getRepository(User).findOneBy({ email: invitation.email }),
    ]);
    return {
      organisationName: organisation.name,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      accountExists: Boolean(user),
      signedInAsInvitee: Boolean(user && isSessionOf(caller, user.id)),
    };
  }

  /**
   * Accepts once. A new address gets its account with the password chosen now; an existing account must be
   * the caller's session or be proven by its password (behind the sign-in throttle).
   */
  async accept(
    token: string,
    password: string | undefined,
    caller: Principal | undefined,
    ip: string,
  ): Promise<AcceptedInvitation> {
    const accepted = await this.dataSource.transaction(async (manager) => {
      const invitation = await this.openInvitation(manager, token, true);
      const { user, newAccount } = await this.invitee(manager, invitation.email, password, caller, ip);
      await this.memberships.addUnlessMember(
        { organisationId: invitation.organisationId, userId: user.id, role: invitation.role },
        manager,
      );
      await manager.update(Invitation, invitation.id, { acceptedAt: new Date(), acceptedBy: user.id });
      const membership = await manager.findOneByOrFail(Membership, {
        organisationId: invitation.organisationId,
        userId: user.id,
      });
      const organisation = await manager.findOneByOrFail(Organisation, { id: invitation.organisationId });
      return { invitation, user, newAccount, role: membership.role, organisation };
    });
    const { invitation, user, newAccount, role, organisation } = accepted;
    await this.audit.record({
      action: 'member.joined',
      organisationId: invitation.organisationId,
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
      details: { invitationId: invitation.id, role, newAccount },
      ip,
    });
    return {
      view: {
        organisationId: organisation.id,
        organisationName: organisation.name,
        role,
        email: user.email,
        newAccount,
      },
      userId: user.id,
      signedIn: isSessionOf(caller, user.id),
    };
  }

  private async invitee(
    manager: EntityManager,
    email: string,
    password: string | undefined,
    caller: Principal | undefined,
    ip: string,
  ): Promise<{ user: User; newAccount: boolean }> {
    const existing = await manager.findOneBy(User, { email });
    if (existing) {
      if (isSessionOf(caller, existing.id) && !existing.disabledAt)
        return { user: existing, newAccount: false };
      const proven =
        password === undefined ? undefined : await this.auth.verifyCredentials(email, password, ip);
      if (!proven) throw new UnauthorizedException(PROOF_NEEDED);
      return { user: proven, newAccount: false };
    }
    if (password === undefined || password.length < MIN_PASSWORD_LENGTH) {
      throw new BadRequestException(
        `password: choose a password of at least ${MIN_PASSWORD_LENGTH} characters for your new account`,
      );
    }
    const user = await manager.save(User, { email, passwordHash: await hashPassword(password) });
    return { user, newAccount: true };
  }

  private async openInvitation(manager: EntityManager, token: string, lock: boolean): Promise<Invitation> {
    const invitation = await this.invitations.findOpen(hashToken(token), lock, manager);
    if (!invitation) throw new NotFoundException(INVALID_LINK);
    return invitation;
  }
}

function isSessionOf(caller: Principal | undefined, userId: string): boolean {
  return caller?.kind === 'session' && caller.userId === userId;
}

function status(invitation: Invitation): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
}

function toDto(invitation: Invitation): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role as Role,
    status: status(invitation),
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
