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

it('imports point only downwards, from the entry to the text leaves', () => {
  const src = path.join(projectRoot, 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const upward: string[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(src, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import) '(\.[^']+)'/g)) {
      const target = path
        .relative(src, path.resolve(path.dirname(path.join(src, file)), spec))
        .replace(/\.js$/, '.ts');
      if (layerOf(target) < layerOf(file)) upward.push(`${file} → ${target}`);
    }
  }
  expect(files.length).toBeGreaterThan(30);
  expect(upward).toEqual([]);
});
