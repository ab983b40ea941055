import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { projectRoot } from '../simulator/project.js';

it('npm run bench -- --quick measures and writes its report', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'bench-smoke-')), 'benchmarks.md');
  execFileSync('npm', ['run', 'bench', '--', '--quick', '--out', out], { cwd: projectRoot, stdio: 'pipe' });
  const report = readFileSync(out, 'utf8');
  expect(report).toMatch(/\| floor: node -e 0 \| \d+ \(\d+–\d+\) \|/);
  expect(report).toMatch(
    /\| this action, steady state \| \d+ \(\d+–\d+\) \| \d+ \(\d+–\d+\) \| [\d.]+ \([\d.]+–[\d.]+\) \| 1 \|/,
  );
  expect(report).toMatch(/\| this action, scaling \| .* \| 2 \|/);
  expect(report).toMatch(
    /\| edge-triggered \(07:00, 22:00, 03:00 jobs\) \| \d+ \| \d+ \| [\d.]+ of \d+ \| never \/ never \|/,
  );
  for (const every of [5, 10, 15, 30]) expect(report).toContain(`| this action every ${every} min |`);
}, 240_000);
