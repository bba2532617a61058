import Module from 'node:module';

/**
 * TypeORM's DriverFactory (and three other files) `require` every database driver it supports at load time:
 * MySQL, SQL Server, Oracle, SAP HANA, Spanner, MongoDB, CockroachDB, the SQLite family and the mobile ones,
 * about 1.2 MB of JavaScript that a Postgres-only process never runs but holds in its heap (3–4 MB of RSS, the
 * margin by which the worker misses its 120 MB idle budget). `usePostgresDriverOnly()` makes those requires
 * answer a stand-in whose every export is a class that throws on construction: DriverFactory's `switch` only
 * constructs the driver of the configured type (`postgres`), and the other files only test `instanceof
 * MssqlParameter`, which a stand-in class answers with false as the real one would for Postgres parameters.
 *
 * It must run before anything loads `typeorm`: import this module first in a process entry point
 * (`import '@uptake/persistence/postgres-only'` as the first line of apps/api and apps/worker main.ts). Only
 * requires made from TypeORM's own files outside those drivers are answered this way; a driver's files loading
 * each other, and every other package, load as usual.
 */

/** TypeORM's driver folders Uptake never uses (it runs on PostgreSQL only: libs/persistence data-source.ts). */
const UNUSED_DRIVERS = [
  'aurora-mysql',
  'aurora-postgres',
  'better-sqlite3',
  'capacitor',
  'cockroachdb',
  'cordova',
  'expo',
  'mongodb',
  'mysql',
  'nativescript',
  'oracle',
  'react-native',
  'sap',
  'spanner',
  'sqljs',
  'sqlserver',
  'sqlite-abstract',
];
const UNUSED_DRIVER_FILE = new RegExp(
  `[\\\\/]typeorm[\\\\/]driver[\\\\/](?:${UNUSED_DRIVERS.join('|')})[\\\\/]`,
);
const TYPEORM_FILE = /[\\/]node_modules[\\/]typeorm[\\/]/;

/** The requires answered by a stand-in so far (for the test and for a start-up log line). */
export const skippedDriverModules: string[] = [];

/** A module whose every named export is a class that cannot be constructed (one class per name). */
function standIn(file: string): object {
  const classes = new Map<string, unknown>();
  return new Proxy(
    {},
    {
      get(_target, name) {
        if (name === '__esModule') return true;
        if (typeof name !== 'string') return undefined;
        const exported = name;
        if (!classes.has(exported)) {
          classes.set(
            exported,
            class UnsupportedDriver {
              constructor() {
                throw new Error(
                  `${exported} (${file}) is not loaded: Uptake runs TypeORM on PostgreSQL only`,
                );
              }
            },
          );
        }
        return classes.get(exported);
      },
    },
  );
}

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
type Resolve = (request: string, parent: unknown, isMain: boolean) => string;
const loader = Module as unknown as { _load: Load; _resolveFilename: Resolve };

let installed = false;

/** Installs the stand-in for TypeORM's unused drivers (once per process; later calls do nothing). */
export function usePostgresDriverOnly(): void {
  if (installed) return;
  installed = true;
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    const from = parent?.filename;
    if (request.startsWith('.') && from && TYPEORM_FILE.test(from) && !UNUSED_DRIVER_FILE.test(from)) {
      const file = loader._resolveFilename(request, parent, isMain);
      if (UNUSED_DRIVER_FILE.test(file)) {
        skippedDriverModules.push(file);
        return standIn(file);
      }
    }
    return load.call(this, request, parent, isMain);
  };
}

usePostgresDriverOnly();
