import {
  acceptedInvitationSchema,
  acceptInvitationSchema,
  apiTokenSchema,
  auditEventSchema,
  changeRoleSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
  invitationPreviewSchema,
  invitationSchema,
  invitationTokenSchema,
  inviteMemberSchema,
  memberSchema,
  type ApiTokenView,
  type AuditEventView,
  type Member,
  type Role,
} from '@uptake/contracts';
import type { AccessToken, AuditEvent, MemberRow } from '@uptake/persistence';
import { createZodDto } from 'nestjs-zod';

/** Nest needs classes for parameters and OpenAPI; each is its contract schema and nothing else. */
export class MemberDto extends createZodDto(memberSchema) {}
export class ChangeRoleDto extends createZodDto(changeRoleSchema) {}
export class CreateApiTokenDto extends createZodDto(createApiTokenSchema) {}
export class ApiTokenDto extends createZodDto(apiTokenSchema) {}
export class CreatedApiTokenDto extends createZodDto(createdApiTokenSchema) {}
export class AuditEventDto extends createZodDto(auditEventSchema) {}
export class InviteMemberDto extends createZodDto(inviteMemberSchema) {}
export class InvitationDto extends createZodDto(invitationSchema) {}
export class InvitationTokenDto extends createZodDto(invitationTokenSchema) {}
export class AcceptInvitationDto extends createZodDto(acceptInvitationSchema) {}
export class InvitationPreviewDto extends createZodDto(invitationPreviewSchema) {}
export class AcceptedInvitationDto extends createZodDto(acceptedInvitationSchema) {}

export function toMemberView(row: MemberRow): Member {
  return {
    userId: row.userId,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

/** API tokens always have a name and a role (a CHECK constraint of access_tokens). */
export function toApiTokenView(record: AccessToken): ApiTokenView {
  return {
    id: record.id,
    name: record.name as string,
    role: record.role as Role,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  };
}

export function toAuditEventView(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    organisationId: event.organisationId,
    action: event.action,
    actorUserId: event.actorUserId,
    actorTokenId: event.actorTokenId,
    targetType: event.targetType,
    targetId: event.targetId,
    details: event.details,
    ip: event.ip,
    occurredAt: event.occurredAt.toISOString(),
  };
}
