/**
 * A small JSON hyper-schema (draft-04) checker for the parts of Heroku's published
 * schema that formation requests and responses use: $ref, type, properties, required,
 * additionalProperties, pattern, items, anyOf, format uuid / date-time.
 */
import { readFileSync } from 'node:fs';
import { schemaFile } from './project.js';

export type JsonSchema = Record<string, unknown>;

let cached: JsonSchema | undefined;
/** The schema excerpt kept in the project (simulator/schema/); a missing or broken file is a loud error. */
export function herokuSchema(): JsonSchema {
  if (cached) return cached;
  try {
    cached = JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonSchema;
  } catch (error) {
    throw new Error(
      `the simulator cannot read its schema excerpt ${schemaFile}: ${(error as Error).message}`,
    );
  }
  return cached;
}

export function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = (node as Record<string, unknown>)[
      decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')
    ];
    if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return node as JsonSchema;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

/** Every way `value` fails `schema`, as `path: problem` lines; empty when it conforms. */
export function validate(root: JsonSchema, schema: JsonSchema, value: unknown, at = '$'): string[] {
  if (typeof schema.$ref === 'string') return validate(root, resolveRef(root, schema.$ref), value, at);
  const errors: string[] = [];
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as JsonSchema[];
    if (!options.some((option) => validate(root, option, value, at).length === 0)) {
      errors.push(`${at}: matches none of anyOf`);
    }
  }
  if (Array.isArray(schema.type)) {
    const actual = typeOf(value);
    const allowed = schema.type as string[];
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
      return [...errors, `${at}: expected ${allowed.join('|')}, got ${actual}`];
    }
  }
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) {
      errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
    const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
    if (format && !format.test(value))
      errors.push(`${at}: ${JSON.stringify(value)} is not a ${schema.format}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      errors.push(...validate(root, schema.items as JsonSchema, item, `${at}[${i}]`));
    });
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in record)) errors.push(`${at}: missing required ${name}`);
    }
    for (const [name, child] of Object.entries(record)) {
      if (properties[name]) errors.push(...validate(root, properties[name], child, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${name}`);
    }
  }
  return errors;
}

/** The request schema of a link, found by its title under a definition. */
export function linkSchema(definition: string, title: string, part: 'schema' | 'targetSchema'): JsonSchema {
  const root = herokuSchema();
  const links = (resolveRef(root, `#/definitions/${definition}`).links ?? []) as JsonSchema[];
  const link = links.find((l) => l.title === title);
  if (!link?.[part]) throw new Error(`no ${part} for ${definition} ${title}`);
  return link[part] as JsonSchema;
}
