/** The layers of src/ and the direction of their imports, as docs/architecture.md describes them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { projectRoot } from '../simulator/project.js';

/** Top first: a file may import only from its own layer or the layers after it. */
const LAYERS = ['top', 'inputs', 'render', 'adapters', 'core', 'text'] as const;

function layerOf(file: string): number {
  const folder = file.includes('/') ? file.split('/')[0] : 'top';
  const index = LAYERS.indexOf(folder as (typeof LAYERS)[number]);
  if (index < 0) throw new Error(`${file} is in no layer`);
  return index;
}

const src = path.join(projectRoot, 'src');
const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

/** Each file's own imports, as paths inside src/ (`render/summary.ts`) or package names. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(src, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, spec]) =>
    spec.startsWith('.')
      ? path.relative(src, path.resolve(path.dirname(path.join(src, file)), spec)).replace(/\.js$/, '.ts')
      : spec,
  );
}

it('imports point only downwards, from the entry to the text leaves', () => {
  const upward: string[] = [];
  for (const file of files) {
    for (const target of importsOf(file).filter((t) => t.endsWith('.ts'))) {
      if (layerOf(target) < layerOf(file)) upward.push(`${file} → ${target}`);
    }
  }
  expect(files.length).toBeGreaterThan(30);
  expect(upward).toEqual([]);
});

it('writes through one effects module: no other file writes with @actions/core, and main only reads inputs', () => {
  const users = files.filter((f) => importsOf(f).includes('@actions/core'));
  expect(users.sort()).toEqual(['effects.ts', 'main.ts']);
  const main = readFileSync(path.join(src, 'main.ts'), 'utf8');
  expect([...main.matchAll(/\bcore\.(\w+)/g)].map((m) => m[1]).filter((name) => name !== 'getInput')).toEqual(
    [],
  );
});

it('keeps the renderers pure: render/ formats the report and imports no adapter or writer', () => {
  const impure = files
    .filter((f) => f.startsWith('render/'))
    .flatMap((f) => importsOf(f).map((t) => `${f} → ${t}`))
    .filter((edge) => !/→ (core|text|render)\//.test(edge));
  expect(impure).toEqual([]);
});
