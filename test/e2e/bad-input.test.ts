/** The malformed-input corpus (test/data/bad-inputs.json), each case through the packaged action. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../support/app-server.js';
import { type HerokuSimulator, startSimulator } from '../support/heroku-simulator.js';
import { projectRoot } from '../support/project.js';
import { runAction } from '../support/run-action.js';
import { SEED_SCHEDULE } from '../support/seed-schedule.js';

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

describe('malformed inputs', () => {
  it('has at least 80 cases, each with a name of its own', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.cases.map((c) => c.name)).size).toBe(corpus.cases.length);
  });

  it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', async (_name, badInput) => {
    const apiRequestsBefore = sim.count();
    const probeRequestsBefore = site.requests.length;
    const result = await runAction({
      inputs: {
        app: 'shop-app',
        'api-key': TOKEN,
        'api-url': sim.url,
        schedule: SEED_SCHEDULE,
        'health-url': `${site.url}/health`,
        ...badInput.inputs,
      },
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
