#!/usr/bin/env node
// Compiles one server entry point (API, worker, launcher) into a single runnable CommonJS file, so production
// starts run plain `node dist/.../main.js` instead of compiling TypeScript at every start (scripts/run-ts.cjs).
// Usage: node scripts/build-server.mjs <entry.ts> <outdir>     e.g. apps/api/src/main.ts dist/apps/api
//
// - esbuild bundles the workspace code (the @uptake/* tsconfig paths of tsconfig.base.json are resolved into
//   the bundle); node_modules stay external and are loaded from node_modules at run time as before.
// - esbuild does not emit decorator metadata, which NestJS dependency injection and TypeORM columns need:
//   every .ts file is first compiled by SWC with the options @swc-node/register derives from
//   tsconfig.node.json (what run-ts.cjs uses), so the bundle behaves as the TypeScript run did.
// - `__dirname` / `__filename` are rewritten to the source file's location, so code that finds the workspace
//   relative to its own file (WORKSPACE_ROOT in libs/config, connector template fixtures) still finds it.
//   The bundle therefore runs inside this workspace (next to node_modules and dist/apps/dashboard).
import * as esbuild from 'esbuild';
import { transformFile } from '@swc/core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * SWC options equal to those @swc-node/register builds from tsconfig.node.json: target es2022 (so
 * useDefineForClassFields, as TypeScript defaults it for that target), legacy decorators with metadata,
 * class names kept. ES modules out, so that esbuild links the imports (and drops unused code) itself.
 */
const SWC_OPTIONS = {
  swcrc: false,
  configFile: false,
  sourceMaps: 'inline',
  module: { type: 'es6' },
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
  },
};

/** `__dirname` / `__filename` as identifiers (not `x.__dirname`, not part of a longer name). */
const DIRNAME = /(?<![\w$.])__dirname(?![\w$])/g;
const FILENAME = /(?<![\w$.])__filename(?![\w$])/g;

/**
 * Replaces the bundle's own location by the source file's, as an expression relative to the bundle (the
 * workspace may be moved; its layout may not). JSON.stringify quotes the relative path for JavaScript.
 */
export function pinSourceLocation(code, sourceFile, outdir) {
  const fromBundle = (target) => path.relative(outdir, target).split(path.sep).join('/');
  const dir = `require("node:path").join(__dirname, ${JSON.stringify(fromBundle(path.dirname(sourceFile)))})`;
  const file = `require("node:path").join(__dirname, ${JSON.stringify(fromBundle(sourceFile))})`;
  return code.replace(FILENAME, file).replace(DIRNAME, dir);
}

/** esbuild plugin: TypeScript through SWC (decorator metadata), then the source location pinned. */
function swcTypeScript(outdir) {
  return {
    name: 'uptake-swc',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const { code } = await transformFile(args.path, { ...SWC_OPTIONS, filename: args.path });
        return {
          contents: pinSourceLocation(code, args.path, outdir),
          loader: 'js',
          resolveDir: path.dirname(args.path),
        };
      });
    },
  };
}

/** Bundles entry (relative to the workspace) into outdir/main.js with a source map; returns the output file. */
export async function buildServer(entry, outdir) {
  const absoluteOutdir = path.resolve(ROOT, outdir);
  const outfile = path.join(absoluteOutdir, 'main.js');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [path.resolve(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    sourcemap: true,
    // The map points at the TypeScript files in this workspace; their text need not be copied into it.
    sourcesContent: false,
    // Class names stay as written: TypeORM repository tokens and migration names (their timestamps) use them.
    keepNames: true,
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.node.json'),
    plugins: [swcTypeScript(absoluteOutdir)],
    logLevel: 'warning',
    write: false,
  });
  fs.mkdirSync(absoluteOutdir, { recursive: true });
  for (const output of result.outputFiles) {
    replaceFile(output.path, output.path === outfile ? asciiOnly(output.text) : output.contents);
  }
  const bytes = result.outputFiles.find((output) => output.path === outfile)?.contents.length ?? 0;
  console.log(`built ${path.relative(ROOT, outfile)} (${(bytes / 1024).toFixed(0)} KiB) from ${entry}`);
  return outfile;
}

/**
 * The bundle with every non-ASCII character replaced by `?`. esbuild escapes non-ASCII characters in code
 * (strings, templates, regular expressions, identifiers: its default ASCII charset) but not in the comments
 * it keeps (JSDoc on class fields), and a single `≤` there makes V8 hold the whole ~1 MB source as a
 * two-byte string: 2 MB of the worker's heap instead of 1 MB, for as long as the process runs (V8 keeps the
 * source for lazy compilation). One `?` per UTF-16 unit keeps every column, so the source map still fits.
 */
export function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, '?');
}

/**
 * Writes beside the file, then renames over it: a launcher or test starting a child during a rebuild reads
 * either the old bundle or the new one, never half of one.
 */
function replaceFile(file, contents) {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, contents);
  fs.renameSync(partial, file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outdir] = process.argv.slice(2);
  if (!entry || !outdir) {
    console.error('usage: node scripts/build-server.mjs <entry.ts> <outdir>');
    process.exit(2);
  }
  buildServer(entry, outdir).catch((error) => {
    // esbuild has already printed its diagnostics.
    if (!error?.errors) console.error(error);
    process.exit(1);
  });
}
