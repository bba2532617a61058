import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COLOURS, cssVariableOf } from './theme';

const SOURCE = join(__dirname, '..', '..');
const STYLES = join(SOURCE, 'styles.css');

/** The custom properties of the :root block of styles.css. */
function rootVariables(): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(readFileSync(STYLES, 'utf8'))?.[1] ?? '';
  return new Map(
    [...root.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map(([, name, value]) => [name, value.trim()]),
  );
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// Hex, functional and the two named colours used before the theme; "&#123;" is an HTML entity, not a colour.
const COLOUR_LITERAL =
  /(?<!&)#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|:\s*(?:white|black)\b(?!-)|'(?:white|black)'/i;

describe('theme', () => {
  it('mirrors a custom property of styles.css with every chart colour', () => {
    const variables = rootVariables();
    const names = Object.keys(COLOURS) as (keyof typeof COLOURS)[];
    const mirrored = Object.fromEntries(names.map((name) => [name, variables.get(cssVariableOf(name))]));
    expect(mirrored).toEqual(COLOURS);
  });

  it('chooses the colours of styles.css only in its :root block', () => {
    const outsideRoot = readFileSync(STYLES, 'utf8').replace(/:root\s*\{[^}]*\}/, '');
    expect(outsideRoot).not.toMatch(COLOUR_LITERAL);
  });

  it('names the custom property of a colour', () => {
    expect(cssVariableOf('accent500')).toBe('--accent-500');
    expect(cssVariableOf('neutralMark')).toBe('--neutral-mark');
  });

  it('is where every colour comes from: no stylesheet, template or chart spells one out', () => {
    const offenders = filesUnder(SOURCE)
      .filter((path) => /\.(ts|css|html)$/.test(path) && !/\.(spec|testing)\.ts$/.test(path))
      .filter((path) => path !== STYLES && path !== join(__dirname, 'theme.ts'))
      .filter((path) => COLOUR_LITERAL.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SOURCE, path));
    expect(offenders).toEqual([]);
  });
});
