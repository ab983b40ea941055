/**
 * The malformed-input corpus (test/data/bad-inputs.json): every case against the input reader
 * in-process, and the first case of each input through the packaged action, which must fail
 * with one error annotation and make no request of any kind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../../simulator/app-server.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import { projectRoot } from '../../simulator/project.js';
import { actionDefaults, runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';
import { InputError } from '../../src/core/input-error.js';
import { readSettings, readStepSettings } from '../../src/inputs/inputs.js';

interface BadInput {
  name: string;
  inputs: Record<string, string>;
  input: string;
  contains: string[];
}

const corpus = JSON.parse(
  readFileSync(path.join(projectRoot, 'test', 'data', 'bad-inputs.json'), 'utf8'),
) as {
  cases: BadInput[];
};
const TOKEN = 'hrku-corpus-secret-5150';
const HEALTH_URL = 'http://127.0.0.1:9/health';

/** One case of each input that the corpus gets wrong: the kinds of mistake, through dist/. */
const sample = corpus.cases.filter((c, i) => corpus.cases.findIndex((d) => d.input === c.input) === i);

function readerFor(badInput: BadInput, healthUrl: string) {
  const inputs: Record<string, string> = {
    ...actionDefaults(),
    app: 'shop-app',
    'api-key': TOKEN,
    schedule: SEED_SCHEDULE,
    'health-url': healthUrl,
    ...badInput.inputs,
  };
  return (name: string) => inputs[name] ?? '';
}

describe('malformed inputs, read in-process', () => {
  it('has at least 80 cases, each with a name of its own', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.cases.map((c) => c.name)).size).toBe(corpus.cases.length);
  });

  it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', (_name, badInput) => {
    const reader = readerFor(badInput, HEALTH_URL);
    // As a run reads them: the step's inputs, then the app's.
    const read = () => readSettings(reader, {}) && readStepSettings(reader);
    expect(read).toThrow(InputError);
    expect(read).toThrow(`Input "${badInput.input}"`);
    for (const fragment of badInput.contains) expect(read).toThrow(fragment);
  });
});

describe('malformed inputs, through the packaged action', () => {
  let sim: HerokuSimulator;
  let site: AppServer;

  beforeAll(async () => {
    sim = await startSimulator({ tokens: [TOKEN] });
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    site = await startAppServer();
  });
  afterAll(async () => {
    await sim.close();
    await site.close();
  });

  it('samples one case of every input the corpus covers', () => {
    expect(new Set(sample.map((c) => c.input))).toEqual(new Set(corpus.cases.map((c) => c.input)));
  });

  it.each(sample.map((c) => [c.name, c] as const))('%s', async (_name, badInput) => {
    const apiRequestsBefore = sim.count();
    const probeRequestsBefore = site.requests.length;
    const read = readerFor(badInput, `${site.url}/health`);
    const inputs = Object.fromEntries(Object.keys(actionDefaults()).map((name) => [name, read(name)]));
    const result = await runAction({
      inputs: { ...inputs, 'api-url': badInput.inputs['api-url'] ?? sim.url },
      at: '2026-11-30T12:00:00Z',
    });
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(result.code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain(`Input "${badInput.input}"`);
    for (const fragment of badInput.contains) expect(errors[0].message).toContain(fragment);
    expect(sim.count()).toBe(apiRequestsBefore);
    expect(site.requests).toHaveLength(probeRequestsBefore);
  });
});
