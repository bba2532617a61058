import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import {
  AccessToken,
  ActivitySource,
  AlertRule,
  BusinessGoal,
  RolloutPhase,
  RolloutPlan,
  createDataSource,
  Group,
  Intervention,
  Invitation,
  Membership,
  Organisation,
  type Role,
  ROLES,
  SyncRun,
  User,
} from '@uptake/persistence';
import { newToken } from '@uptake/security';
import { testConfig, uniqueSuffix } from '@uptake/testing';
import type { Test } from 'supertest';
import type { DataSource } from 'typeorm';
import { createApi } from '../app/create-api';

export interface TestApi {
  app: INestApplication;
  openApi: OpenAPIObject;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const config = testConfig(overrides);
  const { app, openApi } = await createApi(config);
  await app.init();
  const dataSource = await createDataSource(config.database.url).initialize();
  return {
    app,
    openApi,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await app.close();
    },
  };
}

/** An organisation with one session (bearer token) per role, a source and a sync run. */
export interface TestTenant {
  organisation: Organisation;
  tokens: Record<Role, string>;
  users: Record<Role, User>;
  source: ActivitySource;
  syncRun: SyncRun;
  apiToken: AccessToken;
  goal: BusinessGoal;
  plan: RolloutPlan;
  phase: RolloutPhase;
  invitation: Invitation;
  /** A community (a channel of the source) with no activity yet. */
  community: Group;
  /** An intervention aimed at the community, in March 2026. */
  intervention: Intervention;
  /** The admin's alert rule (gate changes of every plan, by e-mail). */
  alertRule: AlertRule;
}

/** Password hash of "test-password-123" would cost argon2 time per user; these users sign in by token only. */
const UNUSABLE_PASSWORD_HASH = '!';

/**
 * `perturbation: false` keeps the hand-computed KPI expectations exact; the privacy suite creates tenants with
 * the product's default (perturbation on).
 */
export async function createTenant(
  dataSource: DataSource,
  label: string,
  options: { perturbation?: boolean } = {},
): Promise<TestTenant> {
  const organisation = await dataSource
    .getRepository(Organisation)
    .save({ name: label, slug: `${label}-${uniqueSuffix()}`, perturbation: options.perturbation ?? false });
  const tokens = {} as Record<Role, string>;
  const users = {} as Record<Role, User>;
  for (const role of ROLES) {
    const user = await dataSource
      .getRepository(User)
      .save({ email: `${role}.${uniqueSuffix()}@${label}.test`, passwordHash: UNUSABLE_PASSWORD_HASH });
    await dataSource
      .getRepository(Membership)
      .save({ organisationId: organisation.id, userId: user.id, role });
    const { token, hash } = newToken('ups');
    await dataSource.getRepository(AccessToken).save({
      kind: 'session',
      tokenHash: hash,
      userId: user.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    tokens[role] = token;
    users[role] = user;
  }
  const source = await dataSource
    .getRepository(ActivitySource)
    .save({ organisationId: organisation.id, name: 'test source', connectorType: 'demo' });
  const syncRun = await dataSource
    .getRepository(SyncRun)
    .save({ organisationId: organisation.id, sourceId: source.id, status: 'succeeded' });
  const apiToken = await dataSource.getRepository(AccessToken).save({
    kind: 'api',
    tokenHash: newToken('upt').hash,
    organisationId: organisation.id,
    role: 'connector_maintainer',
    name: 'test token',
  });
  const goal = await dataSource.getRepository(BusinessGoal).save({
    organisationId: organisation.id,
    name: 'test goal',
    kpi: 'adoption_rate',
    baseline: 0,
    target: 0.5,
  });
  const plan = await dataSource
    .getRepository(RolloutPlan)
    .save({ organisationId: organisation.id, name: 'test plan' });
  const phase = await dataSource.getRepository(RolloutPhase).save({
    organisationId: organisation.id,
    planId: plan.id,
    position: 0,
    name: 'Pilot',
    target: { orgUnitIds: [], groupIds: [], pseudonyms: [], rules: [] },
    comparison: { kind: 'rest-of-organisation' },
    gateCriteria: [],
  });
  const invitation = await dataSource.getRepository(Invitation).save({
    organisationId: organisation.id,
    email: `invited.${uniqueSuffix()}@${label}.test`,
    role: 'executive',
    tokenHash: newToken('upi').hash,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const community = await dataSource.getRepository(Group).save({
    organisationId: organisation.id,
    sourceId: source.id,
    externalId: 'c-general',
    name: 'General',
    kind: 'channel',
  });
  const intervention = await dataSource.getRepository(Intervention).save({
    organisationId: organisation.id,
    day: '2026-03-09',
    kind: 'training',
    title: 'test training',
    target: { orgUnitIds: [], groupIds: [community.id] },
  });
  const alertRule = await dataSource.getRepository(AlertRule).save({
    organisationId: organisation.id,
    userId: users.admin.id,
    name: 'test rule',
    kind: 'gate_status_changed',
    condition: { kind: 'gate_status_changed', planId: null },
    channels: ['email'],
    enabled: true,
    mutedUntil: null,
    state: {},
  });
  return {
    organisation,
    tokens,
    users,
    source,
    syncRun,
    apiToken,
    goal,
    plan,
    phase,
    invitation,
    community,
    intervention,
    alertRule,
  };
}

export function bearer(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  roles: Role[] | undefined;
  hasBody: boolean;
}

/** Every operation of the OpenAPI document (the source of truth for the access-control and fuzz suites). */
export function operations(openApi: OpenAPIObject): Operation[] {
  return Object.entries(openApi.paths).flatMap(([path, item]) =>
    (['get', 'post', 'patch', 'put', 'delete'] as const)
      .filter((method) => item[method])
      .map((method) => ({
        method,
        path,
        roles: (item[method] as unknown as Record<string, unknown>)['x-required-roles'] as Role[] | undefined,
        hasBody: Boolean(item[method]?.requestBody),
      })),
  );
}

/** Fills `{param}` placeholders. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no test value for path parameter ${name} in ${path}`);
    return encodeURIComponent(values[name]);
  });
}

export function pathValues(tenant: TestTenant): Record<string, string> {
  return {
    organisationId: tenant.organisation.id,
    organisationSlug: tenant.organisation.slug,
    sourceId: tenant.source.id,
    syncRunId: tenant.syncRun.id,
    userId: tenant.users.executive.id,
    tokenId: tenant.apiToken.id,
    goalId: tenant.goal.id,
    planId: tenant.plan.id,
    phaseId: tenant.phase.id,
    invitationId: tenant.invitation.id,
    groupId: tenant.community.id,
    interventionId: tenant.intervention.id,
    ruleId: tenant.alertRule.id,
    channel: 'slack',
  };
}

/**
 * What the dashboard adds to a request its session cookie authenticates: this server's own Origin and
 * X-Uptake-Request: 1 (CSRF proof). The server must be listening (`app.listen(0, '127.0.0.1')`): only then
 * does supertest know its origin when the request is built.
 */
export function fromDashboard(test: Test): Test {
  const origin = new URL(test.url).origin;
  if (!/:\d+$/.test(origin)) throw new Error('fromDashboard needs a listening server: call app.listen first');
  return test.set('Origin', origin).set('X-Uptake-Request', '1');
}
