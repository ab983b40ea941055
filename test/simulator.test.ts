import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ACCEPT_V3,
  type HerokuSimulator,
  MAX_BODY_BYTES,
  startSimulator,
} from '../simulator/heroku-simulator.js';
import { herokuSchema, linkSchema, validate } from '../simulator/json-schema.js';

let sim: HerokuSimulator;

beforeEach(async () => {
  sim = await startSimulator({ tokens: ['good-token'] });
  sim.addApp('my-app', [
    { type: 'web', quantity: 1 },
    { type: 'worker', quantity: 0, size: 'Basic' },
  ]);
});
afterEach(() => sim.close());

async function call(
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      Accept: ACCEPT_V3,
      Authorization: 'Bearer good-token',
      'Content-Type': 'application/json',
      ...init.headers,
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('the Heroku API simulator', () => {
  it('lists the formation in the published shape, with Request-Id and RateLimit-Remaining', async () => {
    const res = await call('GET', '/apps/my-app/formation');
    expect(res.status).toBe(200);
    expect(validate(herokuSchema(), linkSchema('formation', 'List', 'targetSchema'), res.body)).toEqual([]);
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.headers.get('ratelimit-remaining'))).toBe(4499);
  });

  it('answers formation Info by type or id, in the published shape', async () => {
    const byType = await call('GET', '/apps/my-app/formation/worker');
    expect(byType.status).toBe(200);
    expect(validate(herokuSchema(), linkSchema('formation', 'Info', 'targetSchema'), byType.body)).toEqual(
      [],
    );
    expect(byType.body).toMatchObject({
      type: 'worker',
      quantity: 0,
      size: 'Basic',
      dyno_size: { name: 'Basic' },
    });
    const byId = await call('GET', `/apps/my-app/formation/${(byType.body as { id: string }).id}`);
    expect(byId.body).toEqual(byType.body);
    expect((await call('GET', '/apps/my-app/formation/clock')).status).toBe(404);
  });

  it('answers App Info in the published shape', async () => {
    const res = await call('GET', '/apps/my-app');
    expect(res.status).toBe(200);
    expect(validate(herokuSchema(), linkSchema('app', 'Info', 'targetSchema'), res.body)).toEqual([]);
    expect(res.body).toMatchObject({ name: 'my-app', generation: { name: 'cedar' } });
  });

  it('accepts Basic auth with the token as password, refuses a bad or missing token', async () => {
    const basic = Buffer.from('me@example.com:good-token').toString('base64');
    expect(
      (await call('GET', '/apps/my-app/formation', { headers: { Authorization: `Basic ${basic}` } })).status,
    ).toBe(200);
    const bad = await call('GET', '/apps/my-app/formation', { headers: { Authorization: 'Bearer nope' } });
    expect(bad).toMatchObject({ status: 401, body: { id: 'unauthorized' } });
    const none = await call('GET', '/apps/my-app/formation', { headers: { Authorization: '' } });
    expect(none.status).toBe(401);
  });

  it('requires the versioned Accept header', async () => {
    const res = await call('GET', '/apps/my-app/formation', { headers: { Accept: 'application/json' } });
    expect(res).toMatchObject({ status: 400, body: { id: 'bad_request' } });
  });

  it('names unknown apps and process types not_found', async () => {
    expect(await call('GET', '/apps/nope/formation')).toMatchObject({
      status: 404,
      body: { id: 'not_found' },
    });
    const res = await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'clock', quantity: 1 }] },
    });
    expect(res).toMatchObject({ status: 404, body: { id: 'not_found' } });
  });

  it('batch-updates with dyno_size or the deprecated size, and answers in the published shape', async () => {
    const res = await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'web', quantity: 3, dyno_size: { name: 'standard-2x' } }] },
    });
    expect(res.status).toBe(200);
    expect(
      validate(herokuSchema(), linkSchema('formation', 'Batch Update', 'targetSchema'), res.body),
    ).toEqual([]);
    expect(sim.quantities('my-app')).toEqual({ web: 3, worker: 0 });
    expect(sim.sizes('my-app').web).toBe('Standard-2X');
    await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'web', quantity: 2, size: 'Performance-M' }] },
    });
    expect(sim.sizes('my-app').web).toBe('Performance-M');
    const single = await call('PATCH', '/apps/my-app/formation/web', { body: { quantity: 4 } });
    expect(validate(herokuSchema(), linkSchema('formation', 'Update', 'targetSchema'), single.body)).toEqual(
      [],
    );
    expect(sim.quantities('my-app').web).toBe(4);
  });

  it('refuses requests that break the schema, and records why', async () => {
    const res = await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'web', quantity: 'three' }] },
    });
    expect(res).toMatchObject({ status: 422, body: { id: 'invalid_params' } });
    const extra = await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'web', qty: 3 }] },
    });
    expect(extra.status).toBe(422);
    expect(sim.requests.flatMap((r) => r.violations)).toEqual([
      expect.stringContaining('expected integer, got string'),
      expect.stringContaining('unexpected property qty'),
    ]);
    expect((await call('PATCH', '/apps/my-app/formation', { body: 'not json' })).status).toBe(400);
  });

  it('serves a quantity sent as digits, as Heroku does for the official CLI, but records it as off-schema', async () => {
    const res = await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'web', quantity: '2' }] },
    });
    expect(res.status).toBe(200);
    expect(sim.quantities('my-app').web).toBe(2);
    expect(sim.requests[0].violations).toEqual(['$.updates[0].quantity: expected integer, got string']);
  });

  it('enforces Heroku scaling limits', async () => {
    const basic = await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'worker', quantity: 2 }] },
    });
    expect(basic.body).toEqual({
      id: 'invalid_params',
      message: 'Cannot update to more than 1 Basic size dynos per process type.',
    });
    const perf = await call('PATCH', '/apps/my-app/formation', {
      body: { updates: [{ type: 'web', quantity: 11, dyno_size: { name: 'Performance-L' } }] },
    });
    expect(perf.status).toBe(422);
    expect(
      (await call('PATCH', '/apps/my-app/formation', { body: { updates: [{ type: 'web', quantity: 101 }] } }))
        .status,
    ).toBe(422);
    expect(sim.quantities('my-app')).toEqual({ web: 1, worker: 0 });
  });

  it('refuses oversized bodies', async () => {
    const res = await call('PATCH', '/apps/my-app/formation', {
      body: `{"x":"${'a'.repeat(MAX_BODY_BYTES)}"}`,
    });
    expect(res.status).toBe(413);
  });

  it('pages lists with Next-Range', async () => {
    const paged = await startSimulator({ tokens: ['good-token'], pageSize: 1 });
    paged.addApp('my-app', [
      { type: 'web', quantity: 1 },
      { type: 'worker', quantity: 1 },
    ]);
    try {
      const first = await fetch(`${paged.url}/apps/my-app/formation`, {
        headers: { Accept: ACCEPT_V3, Authorization: 'Bearer good-token' },
      });
      expect(first.status).toBe(206);
      const next = first.headers.get('next-range') as string;
      expect(next).toMatch(/^id \]/);
      const second = await fetch(`${paged.url}/apps/my-app/formation`, {
        headers: { Accept: ACCEPT_V3, Authorization: 'Bearer good-token', Range: next },
      });
      expect(second.status).toBe(200);
      const types = [
        ...((await first.json()) as { type: string }[]),
        ...((await second.json()) as { type: string }[]),
      ];
      expect(types.map((t) => t.type).sort()).toEqual(['web', 'worker']);
    } finally {
      await paged.close();
    }
  });

  it('answers 429 rate_limit when the bucket is empty', async () => {
    sim.setRateLimitRemaining(0);
    expect(await call('GET', '/apps/my-app/formation')).toMatchObject({
      status: 429,
      body: { id: 'rate_limit' },
    });
  });
});
