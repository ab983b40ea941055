import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type Fault, type HerokuSimulator, startSimulator } from '../simulator/heroku-simulator.js';
import { HerokuApi, HerokuApiError, worstCaseMs } from '../src/adapters/heroku-api.js';

let sim: HerokuSimulator;
let api: HerokuApi;
let waits: number[];

function client(overrides: { token?: string; timeoutMs?: number; attempts?: number } = {}) {
  return new HerokuApi({
    baseUrl: sim.url,
    token: overrides.token ?? 'good-token',
    timeoutMs: overrides.timeoutMs ?? 2000,
    attempts: overrides.attempts ?? 4,
    onRetry: ({ waitMs }) => {
      waits.push(waitMs);
    },
  });
}

beforeEach(async () => {
  waits = [];
  sim = await startSimulator({ tokens: ['good-token'] });
  sim.addApp('my-app', [
    { type: 'web', quantity: 1 },
    { type: 'worker', quantity: 2, size: 'Standard-2X' },
  ]);
  api = client();
});
afterEach(async () => {
  await sim.close();
});

async function failure(promise: Promise<unknown>): Promise<HerokuApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HerokuApiError);
    return error as HerokuApiError;
  }
  throw new Error('expected the call to fail');
}

describe('the Platform API client', () => {
  it('lists the formation with Bearer auth and the v3 Accept header', async () => {
    const formation = await api.listFormation('my-app');
    expect(formation.map((p) => [p.type, p.quantity, p.size])).toEqual(
      expect.arrayContaining([
        ['web', 1, 'Standard-1X'],
        ['worker', 2, 'Standard-2X'],
      ]),
    );
    expect(sim.requests).toEqual([
      expect.objectContaining({ method: 'GET', auth: 'bearer', status: 200, violations: [] }),
    ]);
  });

  it('sends one batch update with dyno_size only when the size changes', async () => {
    await api.updateFormation('my-app', [
      { type: 'web', quantity: 3 },
      { type: 'worker', quantity: 1, size: 'Performance-M' },
    ]);
    expect(sim.requests[0].body).toEqual({
      updates: [
        { type: 'web', quantity: 3 },
        { type: 'worker', quantity: 1, dyno_size: { name: 'Performance-M' } },
      ],
    });
    expect(sim.requests[0].violations).toEqual([]);
    expect(sim.quantities('my-app')).toEqual({ web: 3, worker: 1 });
  });

  it('follows Next-Range across pages', async () => {
    const paged = await startSimulator({ tokens: ['good-token'], pageSize: 1 });
    paged.addApp('my-app', [
      { type: 'web', quantity: 1 },
      { type: 'worker', quantity: 1 },
      { type: 'clock', quantity: 1 },
    ]);
    const pagedApi = new HerokuApi({ baseUrl: paged.url, token: 'good-token', timeoutMs: 2000, attempts: 1 });
    try {
      expect((await pagedApi.listFormation('my-app')).map((p) => p.type).sort()).toEqual([
        'clock',
        'web',
        'worker',
      ]);
      expect(paged.requests.map((r) => r.status)).toEqual([206, 206, 200]);
    } finally {
      await paged.close();
    }
  });

  it.each<[string, Fault]>([
    ['503', { kind: 'status', status: 503 }],
    ['500', { kind: 'status', status: 500 }],
    ['a reset', { kind: 'reset' }],
    ['a truncated body', { kind: 'truncate' }],
    ['a body that is not JSON', { kind: 'not-json' }],
  ])('recovers from one %s', async (_name, fault) => {
    sim.inject({ fault });
    const formation = await api.listFormation('my-app');
    expect(formation).toHaveLength(2);
    expect(sim.count('GET')).toBe(2);
    expect(waits).toEqual([500]);
  });

  it('honours Retry-After on 429', async () => {
    sim.inject({
      fault: {
        kind: 'status',
        status: 429,
        body: { id: 'rate_limit', message: 'Your account reached the API rate limit.' },
        headers: { 'Retry-After': '2' },
      },
    });
    await api.listFormation('my-app');
    expect(waits).toEqual([2000]);
  });

  it('backs off exponentially and gives up after the attempts, naming the cause', async () => {
    sim.inject({
      times: 10,
      fault: { kind: 'status', status: 502, body: { id: 'bad_gateway', message: 'Bad gateway' } },
    });
    const error = await failure(api.listFormation('my-app'));
    expect(waits).toEqual([500, 1000, 2000]);
    expect(sim.count()).toBe(4);
    expect(error.message).toMatch(
      /Heroku API error \(502 bad_gateway: Bad gateway\) \(Request-Id: [0-9a-f-]+\) \(gave up after 4 attempts\)/,
    );
  });

  it('cuts a hanging request at the timeout', async () => {
    const quick = client({ timeoutMs: 300, attempts: 2 });
    sim.inject({ times: 2, fault: { kind: 'hang' } });
    const started = performance.now();
    const error = await failure(quick.listFormation('my-app'));
    expect(error.message).toContain('ETIMEDOUT');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('fails fast on a refused connection', async () => {
    const dead = new HerokuApi({
      baseUrl: 'http://127.0.0.1:9',
      token: 't',
      timeoutMs: 1000,
      attempts: 2,
    });
    const error = await failure(dead.listFormation('my-app'));
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('does not retry other 4xx and explains 401 and 404', async () => {
    const bad = client({ token: 'wrong' });
    const unauthorized = await failure(bad.listFormation('my-app'));
    expect(unauthorized.message).toMatch(
      /^Heroku rejected the API token as invalid or expired \(401 unauthorized: /,
    );
    const missing = await failure(api.listFormation('no-such-app'));
    expect(missing.message).toMatch(
      /^app "no-such-app" was not found, or the token's account cannot see it \(404 not_found/,
    );
    expect(missing.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(sim.count()).toBe(2);
    expect(waits).toEqual([]);
  });

  it('refuses a 200 with an unexpected shape without retrying', async () => {
    sim.inject({ fault: { kind: 'respond', status: 200, body: [{ type: 'web', quantity: 'many' }] } });
    const error = await failure(api.listFormation('my-app'));
    expect(error.message).toContain(
      'unexpected response from the Heroku API (200): formation item web has no whole quantity',
    );
    expect(sim.count()).toBe(1);
  });

  it('tracks the lowest RateLimit-Remaining', async () => {
    sim.setRateLimitRemaining(42);
    await api.listFormation('my-app');
    expect(api.rateLimitRemaining).toBe(41);
  });

  it('bounds a request, retries and waits included', () => {
    expect(worstCaseMs({ timeoutMs: 15000, attempts: 4 })).toBe(4 * 15000 + 3 * 30000);
  });
});
