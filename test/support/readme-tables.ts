/**
 * README's inputs and outputs tables, rendered from action.yml, so that the README cannot say
 * anything of an input that action.yml does not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../simulator/project.js';

export const README = path.join(projectRoot, 'README.md');

interface ActionMetadata {
  inputs: Record<string, { description: string; default?: unknown }>;
  outputs: Record<string, { description: string }>;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function tables(): { inputs: string; outputs: string } {
  const action = parse(readFileSync(path.join(projectRoot, 'action.yml'), 'utf8')) as ActionMetadata;
  const inputs = [
    '| input | default | description |',
    '|---|---|---|',
    ...Object.entries(action.inputs).map(([name, input]) => {
      const value = input.default === undefined ? '' : String(input.default);
      return `| \`${name}\` | ${value === '' ? "`''`" : `\`${value}\``} | ${cell(input.description)} |`;
    }),
  ].join('\n');
  const outputs = [
    '| output | description |',
    '|---|---|',
    ...Object.entries(action.outputs).map(
      ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
    ),
  ].join('\n');
  return { inputs, outputs };
}

/** README with each table between its markers rendered anew. */
export function renderReadme(readme: string): string {
  const { inputs, outputs } = tables();
  let out = readme;
  for (const [name, table] of [
    ['inputs', inputs],
    ['outputs', outputs],
  ] as const) {
    const start = `<!-- ${name} from action.yml: npm test checks it; UPDATE_DOCS=1 npm test writes it -->`;
    const end = `<!-- end of ${name} -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${name} markers`);
    out = `${out.slice(0, from + start.length)}\n${table}\n${out.slice(to)}`;
  }
  return out;
}
