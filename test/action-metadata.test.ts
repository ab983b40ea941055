import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { projectRoot } from '../simulator/project.js';
import { OUTPUT_NAMES } from '../src/core/run-report.js';
import { INPUT_NAMES } from '../src/fleet.js';
import { README, renderReadme } from './support/readme-tables.js';

interface ActionYml {
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
}

const action = parse(readFileSync(path.join(projectRoot, 'action.yml'), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(JSON.parse(readFileSync(path.join(projectRoot, 'dist', 'package.json'), 'utf8'))).toEqual({
      type: 'module',
    });
  });

  it('declares exactly the inputs the fleet file may name', () => {
    expect(new Set(Object.keys(action.inputs))).toEqual(new Set(INPUT_NAMES));
  });

  it('declares exactly the outputs the code may write', () => {
    expect(new Set(Object.keys(action.outputs))).toEqual(new Set(OUTPUT_NAMES));
  });

  it('describes every input and output', () => {
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)]) {
      expect(entry.description).toMatch(/\S/);
    }
  });

  it('requires no input, giving every one a string default (app is checked in the code, as a fleet needs none)', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, input.required]).toEqual([name, false]);
      expect([name, typeof input.default]).toEqual([name, 'string']);
    }
  });

  it('has branding', () => {
    expect(action.branding.icon).toMatch(/\S/);
    expect(action.branding.color).toMatch(/\S/);
  });
});

it("README's inputs and outputs tables are action.yml's", () => {
  const readme = readFileSync(README, 'utf8');
  const expected = renderReadme(readme);
  if (process.env.UPDATE_DOCS === '1') writeFileSync(README, expected);
  expect(readFileSync(README, 'utf8')).toBe(expected);
});
