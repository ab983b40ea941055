import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../simulator/project.js';
import { actionDefaults } from '../simulator/run-action.js';

const actionYml = readFileSync(path.join(projectRoot, 'action.yml'), 'utf8');
const sources = readdirSync(path.join(projectRoot, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(path.join(projectRoot, 'src', f), 'utf8'))
  .join('\n');

function section(name: string): string {
  const start = actionYml.indexOf(`\n${name}:\n`);
  const rest = actionYml.slice(start + name.length + 3);
  return rest.slice(0, rest.search(/\n\S/));
}

function declared(name: string): string[] {
  return [...section(name).matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]);
}

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(actionYml).toMatch(/\nruns:\n {2}using: node24\n {2}main: dist\/index\.js\n/);
    expect(JSON.parse(readFileSync(path.join(projectRoot, 'dist', 'package.json'), 'utf8'))).toEqual({
      type: 'module',
    });
  });

  it('declares every input the code reads, and reads every input it declares', () => {
    const read = new Set([...sources.matchAll(/(?:read|getInput)\('([\w-]+)'\)/g)].map((m) => m[1]));
    expect(new Set(declared('inputs'))).toEqual(read);
  });

  it('declares every output the code writes', () => {
    const written = new Set([...sources.matchAll(/output\('([\w-]+)'/g)].map((m) => m[1]));
    expect(new Set(declared('outputs'))).toEqual(written);
  });

  it('describes every input and output', () => {
    for (const name of ['inputs', 'outputs']) {
      const entries = section(name).split(/\n(?= {2}[\w-]+:\n)/);
      for (const entry of entries) expect(entry).toMatch(/\n {4}description: \S/);
    }
  });

  it('gives string defaults only to optional inputs', () => {
    const defaults = actionDefaults();
    expect(defaults.app).toBe('');
    expect(section('inputs')).toMatch(/ {2}app:\n {4}description: [^\n]+\n {4}required: true/);
    expect(defaults['dry-run']).toBe('false');
    expect(defaults.timezone).toBe('UTC');
  });

  it('has branding', () => {
    expect(actionYml).toMatch(/\nbranding:\n {2}icon: \S+\n {2}color: \S+/);
  });
});
