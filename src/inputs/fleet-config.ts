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
import { InputError, quote } from '../core/input-error.js';

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
]);
/** The one key that is not an input: the environment variable holding this app's token. */
export const TOKEN_ENV_KEY = 'api-key-env';

interface ConfigValue {
  value: string;
  line: number;
}

interface AppConfig {
  name: string;
  line: number;
  values: Map<string, ConfigValue>;
}

export interface FleetConfig {
  file: string;
  defaults: Map<string, ConfigValue>;
  apps: AppConfig[];
}

/** An error in the fleet file, named by file, line, app and key. */
export function configError(
  file: string,
  line: number,
  detail: string,
  app?: string,
  key?: string,
): InputError {
  const where = [`${file} line ${line}`, app ? `app ${quote(app)}` : '', key ? `key ${quote(key)}` : '']
    .filter((part) => part !== '')
    .join(', ');
  return new InputError('config', `${where}: ${detail}`);
}

function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const value = node.value;
  if (value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return null;
}

/**
 * The keys of a mapping with their text values and lines; merge keys (`<<: *shared`) are
 * resolved, a key of the mapping itself overriding a merged one.
 */
/** A merge key (`<<`): the YAML library marks it with a symbol of its own. */
function isMergeKey(node: unknown): boolean {
  return isScalar(node) && (typeof node.value === 'symbol' || node.value === '<<');
}

function readMap(
  map: YAMLMap,
  doc: Document,
  file: string,
  lineOf: (node: Node | null | undefined) => number,
  allowed: ReadonlySet<string>,
  app: string | undefined,
): Map<string, ConfigValue> {
  const values = new Map<string, ConfigValue>();
  const merged = new Map<string, ConfigValue>();
  for (const pair of map.items) {
    const line = lineOf(pair.key as Node);
    if (isMergeKey(pair.key)) {
      const targets = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const target of targets) {
        const source = isAlias(target) ? target.resolve(doc) : target;
        if (!isMap(source)) throw configError(file, line, 'a merge key (<<) must name a mapping', app);
        for (const [k, v] of readMap(source, doc, file, lineOf, allowed, app))
          if (!merged.has(k)) merged.set(k, v);
      }
      continue;
    }
    const key = scalarText(pair.key);
    if (key === null) throw configError(file, line, 'a key must be plain text', app);
    if (!allowed.has(key)) {
      const hint = STEP_ONLY.has(key) ? 'it is set on the step, not per app' : 'not an input of this action';
      throw configError(file, line, `unknown key (${hint})`, app, key);
    }
    const text = scalarText(pair.value);
    if (text === null)
      throw configError(
        file,
        lineOf(pair.value as Node) || line,
        'expected a single value (text, a number or true/false)',
        app,
        key,
      );
    values.set(key, { value: text, line });
  }
  for (const [k, v] of merged) if (!values.has(k)) values.set(k, v);
  return values;
}

/**
 * Reads the fleet file. `inputs` are the action's input names; an app may set any of them but
 * the step-only ones, and `api-key-env`.
 */
export function parseFleetConfig(text: string, file: string, inputs: readonly string[]): FleetConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: true, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const [first] = doc.errors;
  if (first) {
    const line = lines.linePos(first.pos[0]).line;
    const detail = /unique/i.test(first.message)
      ? 'a key appears twice (an app listed twice?)'
      : 'not valid YAML';
    throw configError(file, line, `${detail}: ${first.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!isMap(root)) throw configError(file, 1, 'expected a mapping with `defaults:` and `apps:`');
  const allowed = new Set([...inputs.filter((i) => !STEP_ONLY.has(i) && i !== 'app'), TOKEN_ENV_KEY]);
  let defaults = new Map<string, ConfigValue>();
  let apps: AppConfig[] | null = null;
  for (const pair of root.items) {
    const key = scalarText(pair.key);
    const line = lineOf(pair.key as Node);
    if (key === 'defaults') {
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
      if (!isMap(pair.value))
        throw configError(file, line, 'defaults must be a mapping of input names to values');
      defaults = readMap(pair.value, doc, file, lineOf, allowed, undefined);
    } else if (key === 'apps') {
      if (!isMap(pair.value))
        throw configError(file, line, 'apps must be a mapping of Heroku app names to their inputs');
      apps = pair.value.items.map((item) => {
        const name = scalarText(item.key) ?? '';
        const appLine = lineOf(item.key as Node);
        if (!isMap(item.value) && !(isScalar(item.value) && item.value.value === null)) {
          throw configError(file, appLine, 'an app must map input names to values', name);
        }
        const values = isMap(item.value) ? readMap(item.value, doc, file, lineOf, allowed, name) : new Map();
        return { name, line: appLine, values };
      });
    } else {
      throw configError(file, line, `unknown top-level key ${quote(key ?? '')}; expected defaults and apps`);
    }
  }
  if (!apps || apps.length === 0) throw configError(file, 1, 'no apps: list them under `apps:`');
  return { file, defaults, apps };
}
