// Completeness check of the Dutch translations against the messages `nx run dashboard:extract-i18n` extracted:
// fails when a source id has no Dutch text, when a Dutch id is not in the source (stale), when an id is
// translated twice, or when a translation's placeholders differ from the source's.
// Usage: node i18n-check.mjs <messages.json> <folder of the Dutch .ts files>
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';

/** Bounds: a source or translation file larger than this is not ours. */
const MAX_FILE_BYTES = 2_000_000;

function readBounded(path) {
  const text = readFileSync(path, 'utf8');
  if (text.length > MAX_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
  return text;
}

/** The string a property's value spells: a literal, a template without substitutions, or a + of those. */
function literalText(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left === null || right === null ? null : left + right;
  }
  return null;
}

/** Every `'id': 'text'` of the object literals a translation file exports, with where it is. */
function translationsIn(path) {
  const source = ts.createSourceFile(path, readBounded(path), ts.ScriptTarget.Latest, true);
  const entries = [];
  const problems = [];
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const key = ts.isIdentifier(node.name) ? node.name.text : literalText(node.name);
      const value = literalText(node.initializer);
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const where = `${basename(path)}:${line + 1}`;
      if (key === null || value === null) problems.push(`${where}: id and text must be plain strings`);
      else entries.push({ key, value, where });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { entries, problems };
}

/**
 * The placeholders of a message, sorted: each {$INTERPOLATION}, {$START_TAG_STRONG} … as often as it occurs,
 * and once each the ICU variables ({VAR_PLURAL, …) and the placeholders inside ICU cases ({INTERPOLATION}),
 * which a translation's case may leave out ("=1 {één}").
 */
export function placeholdersOf(message) {
  const named = message.match(/\{\$[A-Za-z0-9_]+\}/g) ?? [];
  const icuVariables = (message.match(/\{\s*VAR_[A-Z0-9_]+\s*,/g) ?? []).map(
    (m) => m.replace(/[\s,]/g, '') + '}',
  );
  const inIcu = message.match(/\{[A-Z][A-Z0-9_]*\}/g) ?? [];
  return [...named, ...new Set([...icuVariables, ...inIcu])].sort();
}

function check(messagesPath, folder) {
  const source = JSON.parse(readBounded(messagesPath)).translations ?? {};
  const files = readdirSync(folder).filter(
    (name) => name.endsWith('.ts') && name !== 'index.ts' && !name.endsWith('.spec.ts'),
  );
  const index = readBounded(join(folder, 'index.ts'));
  const problems = [];
  const dutch = new Map();
  for (const file of files) {
    if (!index.includes(`from './${file.slice(0, -3)}'`)) problems.push(`${file}: not imported in index.ts`);
    const found = translationsIn(join(folder, file));
    problems.push(...found.problems);
    for (const entry of found.entries) {
      const earlier = dutch.get(entry.key);
      if (earlier)
        problems.push(`${entry.where}: "${entry.key}" is translated twice (also ${earlier.where})`);
      else dutch.set(entry.key, entry);
    }
  }
  for (const [id, text] of Object.entries(source)) {
    const translation = dutch.get(id);
    if (!translation) {
      problems.push(`missing: "${id}" (${JSON.stringify(text)}) has no Dutch text`);
      continue;
    }
    const want = placeholdersOf(text).join(' ');
    const got = placeholdersOf(translation.value).join(' ');
    if (want !== got)
      problems.push(`${translation.where}: "${id}" has placeholders [${got}], the source has [${want}]`);
  }
  for (const [id, entry] of dutch) {
    if (!(id in source)) problems.push(`${entry.where}: stale: "${id}" is no longer in the source`);
  }
  return { problems, messages: Object.keys(source).length, translations: dutch.size };
}

const [messagesPath, folder] = process.argv.slice(2);
if (!messagesPath || !folder) {
  console.error('usage: node i18n-check.mjs <messages.json> <folder of the Dutch .ts files>');
  process.exit(2);
}
const { problems, messages, translations } = check(messagesPath, folder);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(
    `i18n-check: ${problems.length} problem(s) in ${translations} Dutch texts for ${messages} messages`,
  );
  process.exit(1);
}
console.log(`i18n-check: ${messages} messages, all translated into Dutch with matching placeholders`);
