import type { AuditEventView } from '@uptake/contracts';

/** One row of the audit log, with the actor and target named when the page knows them. */
export interface AuditRow {
  id: string;
  occurredAt: string;
  action: string;
  actor: string;
  target: string | null;
  details: string | null;
}

/** Names the page can put on ids: members' e-mails and tokens' names. */
export interface AuditNames {
  users: ReadonlyMap<string, string>;
  tokens: ReadonlyMap<string, string>;
}

/**
 * An event as a row: the actor is a member's e-mail or an API token's name when still known, otherwise its id
 * (a removed member, a revoked token); `system` when neither (the worker, the launcher). Details are shown as
 * compact key=value pairs: they never hold secrets (the API records names, roles and counts).
 */
export function auditRow(event: AuditEventView, names: AuditNames): AuditRow {
  const actor = event.actorUserId
    ? (names.users.get(event.actorUserId) ??
      $localize`:@@admin.audit.actor.user:user ${shortId(event.actorUserId)}:id:`)
    : event.actorTokenId
      ? $localize`:@@admin.audit.actor.token:token ${names.tokens.get(event.actorTokenId) ?? shortId(event.actorTokenId)}:name:`
      : $localize`:@@admin.audit.actor.system:system`;
  const targetName =
    event.targetId &&
    (event.targetType === 'user'
      ? names.users.get(event.targetId)
      : event.targetType === 'api_token'
        ? names.tokens.get(event.targetId)
        : undefined);
  const target = event.targetType
    ? `${targetTypeName(event.targetType)} ${targetName ?? shortId(event.targetId ?? '')}`.trim()
    : null;
  const pairs = Object.entries(event.details).map(([key, value]) => `${key}=${formatDetail(value)}`);
  return {
    id: event.id,
    occurredAt: event.occurredAt,
    action: event.action,
    actor,
    target,
    details: pairs.length > 0 ? pairs.join(', ') : null,
  };
}

/** What a target is, in the page's language; a type this page does not know reads as the API names it. */
function targetTypeName(type: string): string {
  switch (type) {
    case 'user':
      return $localize`:@@admin.audit.target.user:user`;
    case 'api_token':
      return $localize`:@@admin.audit.target.apiToken:api token`;
    case 'invitation':
      return $localize`:@@admin.audit.target.invitation:invitation`;
    case 'organisation':
      return $localize`:@@admin.audit.target.organisation:organisation`;
    case 'source':
      return $localize`:@@admin.audit.target.source:source`;
    case 'sync_run':
      return $localize`:@@admin.audit.target.syncRun:sync run`;
    case 'rollout_plan':
      return $localize`:@@admin.audit.target.rolloutPlan:rollout plan`;
    case 'business_goal':
      return $localize`:@@admin.audit.target.businessGoal:business goal`;
    case 'intervention':
      return $localize`:@@admin.audit.target.intervention:intervention`;
    default:
      return type.replace(/_/g, ' ');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID by its first 8 characters (enough to tell rows apart; the full id is in the API's answer). */
function shortId(id: string): string {
  return UUID.test(id) ? `${id.slice(0, 8)}…` : id;
}

function formatDetail(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
