import 'reflect-metadata';
import { ConfigError, loadConfig } from '@uptake/config';
import { embeddedPostgresUrl } from '@uptake/infra-embedded';
import { createDataSource, ensureMember, Organisation } from '@uptake/persistence';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@uptake/security';
import { parseArgs } from 'node:util';

/**
 * Creates the first admin of an organisation (and the organisation itself when --name is given):
 *   npm run admin:create -- --email you@example.com --organisation acme --name "Acme Ltd"
 * Without DATABASE_URL it connects to the embedded database of a running `npm start`.
 * The password comes from UPTAKE_ADMIN_PASSWORD (so it stays out of shell history) or --password.
 */
const USAGE =
  'usage: npm run admin:create -- --email <e-mail> --organisation <slug> [--name "<organisation name>"] [--password <password>]\n' +
  `       (or UPTAKE_ADMIN_PASSWORD=<password>; at least ${MIN_PASSWORD_LENGTH} characters)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      organisation: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  });
  const password = values.password ?? process.env['UPTAKE_ADMIN_PASSWORD'];
  const problems = [
    ...(values.email && /^[^@\s]+@[^@\s]+$/.test(values.email)
      ? []
      : ['--email: an e-mail address is required']),
    ...(values.organisation ? [] : ['--organisation: the organisation slug is required']),
    ...(password && password.length >= MIN_PASSWORD_LENGTH
      ? []
      : [`--password / UPTAKE_ADMIN_PASSWORD: at least ${MIN_PASSWORD_LENGTH} characters are required`]),
  ];
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const config = loadConfig();
  // Without DATABASE_URL: the embedded database of a product started with `npm start` (it must be running).
  const databaseUrl = config.database.url ?? embeddedPostgresUrl(config.database.embeddedPort);
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    let organisation = await dataSource.getRepository(Organisation).findOneBy({ slug: values.organisation });
    if (!organisation) {
      if (!values.name)
        throw new UsageError(
          `--organisation: no organisation '${values.organisation}'; add --name to create it`,
        );
      organisation = await dataSource
        .getRepository(Organisation)
        .save({ slug: values.organisation, name: values.name, minGroupSize: config.minGroupSize });
      console.log(`created organisation ${organisation.slug} (${organisation.id})`);
    }
    const { user, created } = await ensureMember(dataSource, {
      email: values.email as string,
      passwordHash: () => hashPassword(password as string),
      organisationId: organisation.id,
      role: 'admin',
    });
    console.log(
      `${user.email} is admin of ${organisation.slug}` +
        (created ? ' (new account)' : ' (existing account, password unchanged)'),
    );
  } finally {
    await dataSource.destroy();
  }
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
  else console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof UsageError || error instanceof ConfigError ? 2 : 1);
});
