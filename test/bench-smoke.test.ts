import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { runBenchmarks } from '../bench/benchmarks.js';

it('the quick benchmark measures and writes its report', async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'bench-smoke-')), 'benchmarks.md');
  const written = await runBenchmarks({ quick: true, outFile: out });
  const report = readFileSync(out, 'utf8');
  expect(report).toBe(written);
  expect(report).toMatch(/\| floor: node -e 0 \| \d+ \(\d+–\d+\) \|/);
  expect(report).toMatch(
    /\| this action, steady state \| \d+ \(\d+–\d+\) \| \d+ \(\d+–\d+\) \| [\d.]+ \([\d.]+–[\d.]+\) \| 1 \|/,
  );
  expect(report).toMatch(/\| this action, scaling \| .* \| 2 \|/);
  for (const scenario of ['quiet', 'typical', 'bad']) expect(report).toContain(`### ${scenario}\n`);
  expect(report).toMatch(
    /\| edge-triggered \(07:00, 22:00, 03:00 jobs\) \| \d+ \| [\d.]+ of 84 \| never \/ never \| \d+ of \d+ \| \d+ \| \$[\d.]+ \/ \$[\d.]+ \| −?\$[\d.]+ \/ −?\$[\d.]+ \|/,
  );
  expect(report).toMatch(/\| derived \+ monitor dispatch \| \d+ \| [\d.]+ of 84 \| [\d.]+ \/ [\d.]+ \|/);
  for (const label of [
    '1 rule',
    '10 rules',
    '100 rules',
    '1000 rules',
    '1 process type',
    '100 process types',
  ])
    expect(report).toMatch(new RegExp(`\\| ${label} \\| \\d+ \\| \\d+ \\| [\\d.]+× \\|`));
  expect(report).toMatch(/refuses it \(exit 1\) and peaks at\n[\d.]+ MiB/);
  for (const cron of ['*/5', '5-59/10', '7-59/15', '7-59/30']) expect(report).toContain(`(\`${cron}\`) |`);
  expect(report).toMatch(/\| one app \| \d+ \| \d+ \| [\d.]+× \|/);
  expect(report).toMatch(/\| a fleet of 10 \| \d+ \| \d+ \| [\d.]+× \|/);
  expect(report).toMatch(/\| 5 \| \d+ \| [\d.]+ \| \d+ \| \d+ \|/);
  expect(report).toContain('## 4. Traffic: scaling on load against scaling on the clock');
  expect(report).toMatch(
    /\| \*\*schedule \+ load\*\*, recommended cron \+ monitor \| \$[\d.,]+ \| \d+ \| \d+k \| \d+ \| \$[\d.]+ \| −?\$[\d.,]+ \| \+\$[\d.,]+, \+\d+ \|/,
  );
  expect(report).toMatch(/Prediction closes (-|−?\d+%) of the gap in minutes over target/);
  expect(report).toContain('| the suggested schedule alone, re-derived each week (+ probe + monitor) |');
  expect(report).toMatch(
    /\| oracle \(knows each minute\) \| \$[\d.,]+ \| \d+ \| \d+k \| 0 \| \$0\.00 \| \$[\d.,]+ \| — \|/,
  );
}, 240_000);
