/** The fleet summary's budget: details, then one line an app, then a count of what was left out. */
import { expect, it } from '@jest/globals';
import { withinBudget } from '../src/render/summary.js';

const details = Array.from({ length: 10 }, (_, i) => ({
  full: `<details><summary>app-${i}</summary>\n\n${'x'.repeat(200)}\n</details>\n`,
  short: `- app-${i}`,
}));

it('keeps every detail that fits, and says nothing when all do', () => {
  const page = withinBudget('head', details, 100_000);
  expect(page.match(/<details>/g)).toHaveLength(10);
  expect(page).not.toContain('1 MiB');
});

it('shortens the last apps to a line each before it leaves any out', () => {
  const page = withinBudget('head', details, 1600);
  expect(Buffer.byteLength(page)).toBeLessThanOrEqual(1600);
  const full = page.match(/<details>/g)?.length ?? 0;
  expect(full).toBeGreaterThan(0);
  expect(page).toContain('- app-9');
  expect(page).toContain(`${10 - full} apps' detail shortened to one line to keep this page under`);
});

it('leaves detail out, with a count, when even one line an app does not fit', () => {
  const page = withinBudget('head', details, 560);
  expect(Buffer.byteLength(page)).toBeLessThanOrEqual(560);
  expect(page).toMatch(/\d+ apps' detail left out/);
});

it('cuts a table that alone passes the budget at a line, and says where the rest is', () => {
  const table = Array.from({ length: 100 }, (_, i) => `| app-${i} | scaled |`).join('\n');
  const page = withinBudget(table, details, 1200);
  expect(Buffer.byteLength(page)).toBeLessThanOrEqual(1200);
  expect(page).toMatch(/\| scaled \|\n\n_The table was cut here/);
  expect(page).toContain('`results` output');
});
