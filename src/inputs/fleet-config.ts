/**
 * The fleet file named by the `config` input: `defaults:` and `apps:`, keyed by the action's
 * input names, in YAML (anchors and merge keys share schedules between apps). The whole file
 * is checked before any request; each error names the file, the line, the app and the key.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import { quote } from '../core/input-error.js';
import {
  type AppConfig,
  type ConfigProblem,
  type ConfigValue,
  configError,
  configErrors,
  type FleetConfig,
  TOKEN_ENV_KEY,
} from './fleet-file.js';

/** Keys an app or `defaults:` may not set: the token comes from `api-key-env`, and these belong to the step. */
const STEP_ONLY = new Set([
  'api-key',
  'config',
  'apps',
  'shard',
  'parallel',
  'github-token',
  'keepalive',
  'heartbeat-url',
  // A fleet sends one notification for all its apps, set on the step.
  'notify-url',
  'notify-on',
  // One history for the step, as one notification.
  'history',
]);
/** A file with more aliases than this is refused unread: a fleet of hundreds of apps needs one or two each. */
export const MAX_ALIASES = 10_000;
/** Merge keys may nest this deep (a merge of a merge of …); deeper is refused, and so is a merge of itself. */
export const MAX_MERGE_DEPTH = 16;

/** Work that must stop: the file is refused whole at the line where the limit was passed. */
class WalkLimit extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(detail);
  }
}

function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const value = node.value;
  if (value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return null;
}

/** A merge key (`<<`): the YAML library marks it with a symbol of its own. */
function isMergeKey(node: unknown): boolean {
  return isScalar(node) && (typeof node.value === 'symbol' || node.value === '<<');
}

/** The edit distance between two short names, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** The allowed key a typo most likely meant, when one is close. */
function closest(key: string, allowed: ReadonlySet<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/**
 * One walk of the file. Each mapping is read once (a shared anchor merged into a hundred apps is
 * not read a hundred times), aliases are counted, and merges may nest only so deep, so the work
 * is linear in the file whatever its anchors do.
 */
class Walk {
  readonly problems: ConfigProblem[] = [];
  private readonly read = new Map<YAMLMap, Map<string, ConfigValue>>();
  private readonly reading = new Set<YAMLMap>();
  private aliases = 0;
  private readonly reported = new Set<string>();

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly allowed: ReadonlySet<string>,
  ) {}

  lineOf(node: unknown): number {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : 1;
  }

  problem(problem: ConfigProblem): void {
    // A shared anchor's mistake is told once, at its own line, not once for each app merging it.
    const id = `${problem.line}\u0000${problem.key ?? ''}\u0000${problem.detail}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.problems.push(problem);
  }

  /** The node an alias stands for (`*name`), followed as a YAML reader would; any other node as it is. */
  resolve(node: unknown): unknown {
    let current = node;
    for (let hops = 0; isAlias(current); hops++) {
      this.aliases++;
      if (this.aliases > MAX_ALIASES || hops > MAX_MERGE_DEPTH)
        throw new WalkLimit(
          this.lineOf(current),
          `more than ${MAX_ALIASES} aliases (*name) are used; refused unread`,
        );
      current = current.resolve(this.doc);
    }
    return current;
  }

  /**
   * The keys of a mapping with their text values and lines; merge keys (`<<: *shared`) are
   * resolved, a key of the mapping itself overriding a merged one.
   */
  map(map: YAMLMap, app: string | undefined, depth = 0): Map<string, ConfigValue> {
    const done = this.read.get(map);
    if (done) return done;
    this.reading.add(map);
    const values = new Map<string, ConfigValue>();
    const merged = new Map<string, ConfigValue>();
    for (const pair of map.items) {
      const line = this.lineOf(pair.key);
      if (isMergeKey(pair.key)) {
        const value = this.resolve(pair.value);
        const targets = isSeq(value) ? value.items : [value];
        for (const target of targets) {
          const source = this.resolve(target);
          if (!isMap(source)) {
            this.problem({ line, detail: 'a merge key (<<) must name a mapping', app });
            continue;
          }
          if (this.reading.has(source))
            throw new WalkLimit(line, 'a merge key (<<) includes the mapping it is in; refused');
          if (depth >= MAX_MERGE_DEPTH)
            throw new WalkLimit(line, `merge keys (<<) nest more than ${MAX_MERGE_DEPTH} deep; refused`);
          for (const [k, v] of this.map(source, app, depth + 1)) if (!merged.has(k)) merged.set(k, v);
        }
        continue;
      }
      const key = scalarText(this.resolve(pair.key));
      if (key === null) {
        this.problem({ line, detail: 'a key must be plain text', app });
        continue;
      }
      const earlier = values.get(key);
      if (earlier) {
        this.problem({
          line,
          detail: `given twice, at lines ${earlier.line} and ${line}; keep one`,
          app,
          key,
        });
        continue;
      }
      if (!this.allowed.has(key)) {
        const meant = STEP_ONLY.has(key) ? null : closest(key, this.allowed);
        const hint = STEP_ONLY.has(key)
          ? 'it is set on the step, not per app'
          : `not an input of this action${meant ? `; did you mean ${quote(meant)}?` : ''}`;
        this.problem({ line, detail: `unknown key (${hint})`, app, key });
        continue;
      }
      const text = scalarText(this.resolve(pair.value));
      if (text === null) {
        this.problem({
          line: this.lineOf(pair.value) || line,
          detail: 'expected a single value (text, a number or true/false)',
          app,
          key,
        });
        continue;
      }
      values.set(key, { value: text, line });
    }
    for (const [k, v] of merged) if (!values.has(k)) values.set(k, v);
    this.reading.delete(map);
    this.read.set(map, values);
    return values;
  }
}

function isEmpty(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/**
 * Reads the fleet file. `inputs` are the action's input names; an app may set any of them but
 * the step-only ones, and `api-key-env`. Every mistake the file has is told at once.
 */
export function parseFleetConfig(text: string, file: string, inputs: readonly string[]): FleetConfig {
  const lines = new LineCounter();
  // Keys given twice are found while walking, so that the message can name the key, the app and both lines.
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: false,
    merge: true,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) {
    throw configErrors(
      file,
      doc.errors.map((error) => ({
        line: lines.linePos(error.pos[0]).line,
        detail: `not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const allowed = new Set([...inputs.filter((i) => !STEP_ONLY.has(i) && i !== 'app'), TOKEN_ENV_KEY]);
  const walk = new Walk(doc, lines, allowed);
  try {
    return readRoot(walk, doc, file);
  } catch (error) {
    if (error instanceof WalkLimit) throw configError(file, error.line, error.message);
    throw error;
  }
}

function readRoot(walk: Walk, doc: Document, file: string): FleetConfig {
  const root = walk.resolve(doc.contents);
  if (!isMap(root)) throw configError(file, 1, 'expected a mapping with `defaults:` and `apps:`');
  let defaults = new Map<string, ConfigValue>();
  let apps: AppConfig[] | null = null;
  const seen = new Map<string, number>();
  for (const pair of root.items) {
    const key = scalarText(walk.resolve(pair.key));
    const line = walk.lineOf(pair.key);
    const value = walk.resolve(pair.value);
    if (key !== null && seen.has(key)) {
      walk.problem({
        line,
        detail: `${quote(key)} is given twice, at lines ${seen.get(key)} and ${line}; keep one`,
      });
      continue;
    }
    if (key !== null) seen.set(key, line);
    if (key === 'defaults') {
      if (isEmpty(value)) continue;
      if (!isMap(value))
        walk.problem({ line, detail: 'defaults must be a mapping of input names to values' });
      else defaults = walk.map(value, undefined);
    } else if (key === 'apps') {
      if (!isMap(value)) {
        walk.problem({ line, detail: 'apps must be a mapping of Heroku app names to their inputs' });
        continue;
      }
      apps = readApps(walk, value);
    } else {
      walk.problem({ line, detail: `unknown top-level key ${quote(key ?? '')}; expected defaults and apps` });
    }
  }
  if (!apps || apps.length === 0) {
    if (walk.problems.length === 0) walk.problem({ line: 1, detail: 'no apps: list them under `apps:`' });
    throw configErrors(file, walk.problems);
  }
  return { file, defaults, apps, problems: walk.problems };
}

function readApps(walk: Walk, map: YAMLMap): AppConfig[] {
  const apps: AppConfig[] = [];
  const lineOfApp = new Map<string, number>();
  for (const item of map.items) {
    const name = scalarText(walk.resolve(item.key)) ?? '';
    const line = walk.lineOf(item.key);
    const earlier = lineOfApp.get(name);
    if (earlier !== undefined) {
      walk.problem({ line, detail: `listed twice, at lines ${earlier} and ${line}; keep one`, app: name });
      continue;
    }
    lineOfApp.set(name, line);
    const value = walk.resolve(item.value);
    if (!isMap(value) && !isEmpty(value)) {
      walk.problem({ line, detail: 'an app must map input names to values', app: name });
      continue;
    }
    apps.push({ name, line, values: isMap(value) ? walk.map(value, name) : new Map() });
  }
  return apps;
}
