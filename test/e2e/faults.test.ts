/** API faults, concurrency and the rate limit, through the packaged action against the simulator. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import { runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';
import { worstCaseMs } from '../../src/adapters/heroku-api.js';
import { FAULT_CASES, FAULT_RUN } from '../data/faults.js';

const TOKEN = 'hrku-fault-secret-2718';
/** Starting node and writing reports, on top of the API's own bound. */
const STARTUP_ALLOWANCE_MS = 10_000;

const started: HerokuSimulator[] = [];
afterAll(async () => {
  await Promise.all(started.map((sim) => sim.close()));
});

/** A simulator of each test's own, so that the fault cases can run side by side. */
async function simulator(pageSize?: number): Promise<HerokuSimulator> {
  const sim = await startSimulator({ tokens: [TOKEN], pageSize });
  started.push(sim);
  sim.addApp('shop-app', [
    { type: 'web', quantity: FAULT_RUN.start },
    { type: 'worker', quantity: 0 },
  ]);
  return sim;
}

function inputs(apiUrl: string) {
  return {
    app: 'shop-app',
    'api-key': TOKEN,
    'api-url': apiUrl,
    schedule: SEED_SCHEDULE,
    'api-attempts': String(FAULT_RUN.attempts),
    'api-timeout-ms': String(FAULT_RUN.timeoutMs),
  };
}

describe('API faults', () => {
  // Most of a fault run is waiting (timeouts, backoff), so the cases wait side by side.
  it.concurrent.each(FAULT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, fault) => {
    const api = await simulator(fault.pageSize);
    for (const rule of fault.inject) api.inject(rule);
    const result = await runAction({
      inputs: inputs(fault.refused ? 'http://127.0.0.1:9' : api.url),
      at: FAULT_RUN.at,
    });
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(result.code).toBe(fault.expect.exit);
    expect(api.count('GET')).toBe(fault.expect.gets);
    expect(api.count('PATCH')).toBe(fault.expect.patches);
    expect(api.quantities('shop-app').web).toBe(fault.expect.web);
    const recovered = fault.expect.exit === 0;
    expect(errors).toEqual(recovered ? [] : [expect.stringContaining(fault.expect.message as string)]);
    expect(result.outputs.changed).toBe(String(recovered));
    // One quantity, the same way for a failure: the results output has null where this is empty.
    expect(result.outputs.quantity).toBe(recovered ? String(FAULT_RUN.planned) : '');
    expect(JSON.parse(result.outputs.results)['shop-app'].quantity).toBe(
      recovered ? FAULT_RUN.planned : null,
    );
    const bound = 2 * worstCaseMs({ timeoutMs: FAULT_RUN.timeoutMs, attempts: FAULT_RUN.attempts });
    expect(result.ms).toBeLessThan(bound + STARTUP_ALLOWANCE_MS);
  });
});

describe('concurrency and limits', () => {
  it('two runs at once end in the planned formation, with no error', async () => {
    const api = await simulator();
    const [first, second] = await Promise.all([
      runAction({ inputs: inputs(api.url), at: FAULT_RUN.at }),
      runAction({ inputs: inputs(api.url), at: FAULT_RUN.at }),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(api.quantities('shop-app')).toEqual({ web: 3, worker: 0 });
    expect([...first.annotations, ...second.annotations].filter((a) => a.level === 'error')).toEqual([]);
  });

  it('warns when RateLimit-Remaining runs low', async () => {
    const api = await simulator();
    api.setRateLimitRemaining(50);
    const result = await runAction({ inputs: inputs(api.url), at: FAULT_RUN.at });
    expect(result.code).toBe(0);
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(/^only 4\d Heroku API calls are left for this account/),
    });
  });

  it('does not warn with plenty left', async () => {
    const api = await simulator();
    const result = await runAction({ inputs: inputs(api.url), at: FAULT_RUN.at });
    expect(result.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  });
});
