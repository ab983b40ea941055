/** One clock: the simulators, the harness, the benchmark and the tests never read the machine's clock by themselves. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { projectRoot } from '../simulator/project.js';

/** Date's now, a Date made without arguments, and Date called bare: each is the machine's clock. */
const WALL_CLOCK_READ = /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|(?<![.\w])Date\s*\(\s*\)/;
/** The places that read it on purpose, each saying why on its own line. */
const MARKER = '// wall clock:';
const ALLOWED = ['bench/benchmarks.ts', 'simulator/clock.ts'];

function sources(folder: string): string[] {
  return readdirSync(path.join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js|mjs)$/.test(f))
    .map((f) => path.join(folder, f));
}

it('reads the wall clock only where a line says why, in the two places that serve real runs', () => {
  const reads: string[] = [];
  const marked: string[] = [];
  for (const file of ['simulator', 'test', 'bench', 'scripts'].flatMap(sources)) {
    readFileSync(path.join(projectRoot, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!WALL_CLOCK_READ.test(line)) return;
        (line.includes(MARKER) ? marked : reads).push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(reads).toEqual([]);
  expect(marked.map((m) => m.split(':')[0]).sort()).toEqual(ALLOWED);
});

it('finds a read of the clock in a line of code', () => {
  // Put together here, so that this file itself holds no read of the clock.
  for (const line of ['const t = Date.now', 'x = new Date', 'String(Date'].map((code) => `${code}())`))
    expect(WALL_CLOCK_READ.test(line)).toBe(true);
  for (const line of ["new Date('2026-11-30')", 'new Date(ms)', 'Date.parse(text)', 'clock.now()'])
    expect(WALL_CLOCK_READ.test(line)).toBe(false);
});
