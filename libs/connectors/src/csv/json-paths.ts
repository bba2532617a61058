import { MAPPING_LIMITS } from './mapping-schema';

/**
 * Dotted paths into parsed JSON (`post.user`, `props.attachments.0.id`), and the keys of an object that no
 * path reads, for the run's "ignored on purpose" warning. Only own properties are followed.
 */

/** The value at `path`: a key holding the whole path (dots included) wins, then the dotted walk. */
export function valueAt(object: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(object, path)) return object[path];
  let value: unknown = object;
  for (const segment of path.split('.', MAPPING_LIMITS.pathSegments)) {
    if (Array.isArray(value)) {
      if (!/^\d{1,9}$/.test(segment)) return undefined;
      value = value[Number(segment)];
    } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment)) {
      value = (value as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return value;
}

/** Paths as a tree; `*` stands for any array entry. A leaf reads the whole value below it. */
interface PathNode {
  children: Map<string, PathNode>;
  leaf: boolean;
}

/**
 * A name part that may be data rather than a field name (an e-mail address, a user id, a date: objects keyed
 * by person), shown as `{…}` so a warning never carries an identity in clear.
 */
export function withheldIfData(name: string): string {
  return /@|\d{3,}/.test(name) || name.length > 60 ? '{…}' : name;
}

/** Ignored names a run reports at most, and object entries looked at per object (keeps the walk bounded). */
const MAX_IGNORED = 50;
const MAX_VISITS_PER_OBJECT = 1_000;

/** Collects the key paths of JSON objects that no mapped path reads (array entries written as `*`). */
export class IgnoredKeys {
  private readonly root: PathNode = { children: new Map(), leaf: false };
  private readonly names = new Set<string>();
  private truncated = false;

  /** @param paths every path the mapping reads; entries of arrays read row by row are under `array.*` */
  constructor(paths: Iterable<string>) {
    for (const path of paths) {
      let node = this.root;
      for (const segment of path.split('.')) {
        let child = node.children.get(segment);
        if (!child) {
          child = { children: new Map(), leaf: false };
          node.children.set(segment, child);
        }
        node = child;
      }
      node.leaf = true;
    }
  }

  /** Looks at one object. */
  add(object: Record<string, unknown>): void {
    let visits = 0;
    const walk = (value: unknown, node: PathNode, prefix: string, depth: number) => {
      if (node.leaf || depth >= MAPPING_LIMITS.pathSegments) return;
      const entries: [string, unknown][] = Array.isArray(value)
        ? value.slice(0, 3).map((entry, index) => [String(index), entry])
        : typeof value === 'object' && value !== null
          ? Object.entries(value)
          : [];
      for (const [key, child] of entries) {
        if (++visits > MAX_VISITS_PER_OBJECT) return;
        const next = node.children.get(key) ?? (Array.isArray(value) ? node.children.get('*') : undefined);
        const name = `${prefix}${Array.isArray(value) ? '*' : withheldIfData(key)}`;
        if (next) walk(child, next, `${name}.`, depth + 1);
        else this.note(name);
      }
    };
    walk(object, this.root, '', 0);
  }

  /** The names found, sorted, and how many there were (the list is bounded). */
  list(): { names: string[]; total: number; truncated: boolean } {
    return { names: [...this.names].sort(), total: this.names.size, truncated: this.truncated };
  }

  private note(name: string): void {
    if (this.names.has(name)) return;
    if (this.names.size >= MAX_IGNORED) this.truncated = true;
    else this.names.add(name);
  }
}
