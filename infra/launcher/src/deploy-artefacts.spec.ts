import { CONFIG_VARIABLES, loadConfig, WORKER_NODE_FLAGS } from '@uptake/config';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/*
 * No container engine or cluster runs where the tests run, so the deployment artefacts (infra/docker,
 * infra/kubernetes) are checked for what can go wrong without one: every variable they set is one Uptake
 * reads and the set loads as a valid configuration, every role the image offers maps to a file the build
 * produces, probes point at the health endpoints, and each workload has resource requests.
 */
const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Manifest = { kind: string; metadata: { name: string }; spec?: Record<string, unknown> } & Record<
  string,
  unknown
>;
type Container = {
  name: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: { cpu?: string; memory?: string } };
};

function manifests(): Manifest[] {
  const kustomization = parse(read('infra/kubernetes/kustomization.yaml')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(read(`infra/kubernetes/${file}`)).map((document) => document.toJS() as Manifest),
  );
}

function containersOf(manifest: Manifest): Container[] {
  const template = (manifest.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)
    ?.template;
  return template?.spec?.containers ?? [];
}

/** The roles of the image's entry point and the file each runs (after the node flags it gives, if any). */
function entrypointRoles(): Map<string, string> {
  return new Map([...entrypointCommands()].map(([role, { file }]) => [role, file]));
}

/** Each role's `exec node [--flag ...] <file>` line of the image's entry point. */
function entrypointCommands(): Map<string, { flags: string[]; file: string }> {
  const script = read('infra/docker/uptake.sh');
  return new Map(
    [...script.matchAll(/^\s*([a-z-]+)\) exec node ((?:--\S+ )*)(\S+)/gm)].map((match) => [
      match[1],
      { flags: match[2].split(' ').filter(Boolean), file: match[3] },
    ]),
  );
}

describe('deployment artefacts', () => {
  const all = manifests();
  const byKind = (kind: string) => all.filter((manifest) => manifest.kind === kind);
  const configMap = byKind('ConfigMap')[0] as unknown as { data: Record<string, string> };
  const secret = byKind('Secret')[0] as unknown as { stringData: Record<string, string> };

  it('sets only variables Uptake reads, and together they load as a valid configuration', () => {
    const inline = all.flatMap(containersOf).flatMap((container) => container.env ?? []);
    const names = [
      ...Object.keys(configMap.data),
      ...Object.keys(secret.stringData),
      ...inline.map((variable) => variable.name),
    ];
    expect(names.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    const environment = {
      ...configMap.data,
      ...secret.stringData,
      ...Object.fromEntries(inline.map((variable) => [variable.name, variable.value])),
      // The example's placeholder is not a key; a real one is 32 bytes in base64.
      UPTAKE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(() => loadConfig(environment)).not.toThrow();
  });

  it('runs every workload with a role the image has, its configuration and resource requests', () => {
    const roles = entrypointRoles();
    expect([...roles.keys()].sort()).toEqual(['api', 'create-admin', 'migrate', 'worker']);
    const workloads = [...byKind('Deployment'), ...byKind('Job')];
    expect(workloads.map((workload) => workload.metadata.name).sort()).toEqual([
      'uptake-api',
      'uptake-migrate',
      'uptake-worker',
    ]);
    for (const container of workloads.flatMap(containersOf)) {
      expect(roles.has(container.args?.[0] ?? '')).toBe(true);
      expect(container.envFrom).toEqual([
        { configMapRef: { name: 'uptake-config' } },
        { secretRef: { name: 'uptake-secrets' } },
      ]);
      expect(container.resources?.requests?.cpu).toBeDefined();
      expect(container.resources?.requests?.memory).toBeDefined();
    }
  });

  it('probes the API and the workers on their live and ready endpoints', () => {
    const probes = Object.fromEntries(
      byKind('Deployment')
        .flatMap(containersOf)
        .map((container) => [
          container.name,
          [container.livenessProbe?.httpGet?.path, container.readinessProbe?.httpGet?.path],
        ]),
    );
    expect(probes).toEqual({
      api: ['/api/health/live', '/api/health/ready'],
      worker: ['/health/live', '/health/ready'],
    });
  });

  it('offers roles whose files the builds produce', () => {
    const dockerfile = read('infra/docker/Dockerfile');
    const built = new Set(
      ['api', 'worker'].map((project) => {
        const command = (
          JSON.parse(read(`apps/${project}/project.json`)) as {
            targets: { build: { options: { command: string } } };
          }
        ).targets.build.options.command;
        return `${command.split(' ').at(-1)}/main.js`;
      }),
    );
    for (const [, cli, outdir] of dockerfile.matchAll(/build-server\.mjs (\S+) (\S+)/g)) {
      expect(fs.existsSync(path.join(ROOT, cli))).toBe(true);
      built.add(`${outdir}/main.js`);
    }
    expect([...entrypointRoles().values()].filter((file) => !built.has(file))).toEqual([]);
  });

  it("starts the image's worker with the launcher's V8 flags, and no other role with flags", () => {
    const commands = entrypointCommands();
    expect(commands.get('worker')).toEqual({
      flags: [...WORKER_NODE_FLAGS],
      file: 'dist/apps/worker/main.js',
    });
    expect(WORKER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const role of ['api', 'migrate', 'create-admin']) expect(commands.get(role)?.flags).toEqual([]);
  });

  it('composes the whole stack: migrate first, then the API and two workers on the same image', () => {
    const compose = parse(read('infra/docker/compose.yml'), { merge: true }) as {
      services: Record<
        string,
        { command?: string[]; image?: string; depends_on?: Record<string, { condition: string }> } & {
          deploy?: { replicas: number };
        }
      >;
    };
    const { services } = compose;
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    const roles = entrypointRoles();
    for (const name of ['api', 'worker', 'migrate']) {
      expect(roles.has(services[name].command?.[0] ?? '')).toBe(true);
      expect(services[name].image).toBe('${UPTAKE_IMAGE:-uptake:latest}');
    }
    expect(services.worker.deploy?.replicas).toBe(2);
    expect(services.api.depends_on?.migrate.condition).toBe('service_completed_successfully');
    expect(services.worker.depends_on?.migrate.condition).toBe('service_completed_successfully');
  });
});
