#!/usr/bin/env node
// Runs a TypeScript entry point of this workspace with SWC (decorator metadata, tsconfig path aliases).
// Usage: node scripts/run-ts.cjs <file.ts> [args...]
const path = require('node:path');

const root = path.resolve(__dirname, '..');
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.node.json');
require('@swc-node/register');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.cjs <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
