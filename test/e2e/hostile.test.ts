/**
 * A hostile world, through the packaged action: servers that dribble or never stop, answers
 * that try to steer the log or the summary, error bodies that carry the token, receivers that
 * echo the webhook's key, and a proxy between the action and everything it talks to.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../../simulator/app-server.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import {
  type Closable,
  startConnectProxy,
  startHeaderDribbler,
  startHugeAnswer,
} from '../../simulator/hostile-servers.js';
import { tlsFiles } from '../../simulator/project.js';
import { everythingShown, runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';
import { MAX_ANSWER_BYTES, worstCaseMs } from '../../src/adapters/heroku-api.js';
import { NOTIFY_BUDGET_MS } from '../../src/adapters/notify.js';

const TOKEN = 'hrku-hostile-0123456789abcdefABCDEF';
const AT = '2026-11-30T15:00:00Z';
/** Starting node and writing reports, on top of the bounds under test. */
const STARTUP_ALLOWANCE_MS = 5_000;

const closables: Closable[] = [];
let sim: HerokuSimulator;
let site: AppServer;
beforeAll(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
  site = await startAppServer();
});
afterAll(async () => {
  await Promise.all([sim.close(), site.close(), ...closables.map((c) => c.close())]);
});

async function hostile<T extends Closable>(server: Promise<T>): Promise<T> {
  const started = await server;
  closables.push(started);
  return started;
}

function inputs(extra: Record<string, string>) {
  return { app: 'shop-app', 'api-key': TOKEN, schedule: SEED_SCHEDULE, 'api-url': sim.url, ...extra };
}

/** Every 8-character piece of the token: none may show, not even at the edge of a cut. */
function tokenPieces(): string[] {
  return Array.from({ length: TOKEN.length - 7 }, (_, i) => TOKEN.slice(i, i + 8));
}

describe('one deadline per request, whole', () => {
  it.concurrent('cuts an API server that sends its headers a byte at a time', async () => {
    const dribbler = await hostile(startHeaderDribbler());
    const options = { timeoutMs: 1000, attempts: 2 };
    const run = await runAction({
      inputs: inputs({
        'api-url': dribbler.url,
        'api-timeout-ms': String(options.timeoutMs),
        'api-attempts': String(options.attempts),
      }),
      at: AT,
    });
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error')[0].message).toContain('ETIMEDOUT');
    expect(run.ms).toBeLessThan(worstCaseMs(options) + STARTUP_ALLOWANCE_MS);
  });

  it.concurrent('never holds a run that scaled for a webhook that does not answer', async () => {
    const api = await hostile(startSimulator({ tokens: [TOKEN] }));
    api.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const hook = await hostile(startAppServer());
    hook.behave({ kind: 'hang' });
    const run = await runAction({
      inputs: inputs({ 'api-url': api.url, 'notify-url': hook.url, 'notify-on': 'always' }),
      at: AT,
    });
    expect(run.code).toBe(0);
    expect(api.quantities('shop-app')).toEqual({ web: 3 });
    expect(run.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('the notification to the webhook failed (ETIMEDOUT'),
    });
    expect(run.ms).toBeLessThan(NOTIFY_BUDGET_MS + STARTUP_ALLOWANCE_MS);
  });
});

describe('bounded memory', () => {
  it.concurrent('stops reading a 200 MB answer at the cap, with peak memory under 100 MB', async () => {
    const huge = await hostile(startHugeAnswer(200 * 1024 * 1024));
    const run = await runAction({
      inputs: inputs({ 'api-url': huge.url }),
      at: AT,
      measureMemory: true,
    });
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error')[0].message).toContain(
      `larger than ${MAX_ANSWER_BYTES} bytes`,
    );
    expect(run.maxRssKiB).toBeLessThan(100 * 1024);
  });

  it.concurrent('stops reading an answer that never ends', async () => {
    const endless = await hostile(startHugeAnswer(Number.POSITIVE_INFINITY));
    const run = await runAction({ inputs: inputs({ 'api-url': endless.url }), at: AT });
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error')[0].message).toContain('larger than');
  });
});

describe('no outside text steers the log or the summary', () => {
  const payload = [
    'bad params',
    '::stop-commands::pwned',
    '::error::injected error',
    '##[set-output name=reason;]hijacked',
    '\u001b[31mred\u001b[0m',
    '```',
    '![x](https://evil.test/x.png) [click](https://evil.test)',
  ].join('\n');

  it('keeps an API error message from starting a command, colouring the log or closing a block', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    sim.inject({
      method: 'GET',
      fault: { kind: 'status', status: 422, body: { id: 'invalid_params', message: payload } },
    });
    const run = await runAction({ inputs: inputs({}), at: AT });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => /^\s*::(stop-commands|error::injected)/.test(l))).toEqual([]);
    expect(run.stdout).not.toContain('##[');
    expect(run.stdout).not.toContain('\u001b');
    expect(run.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
    expect(run.summary).not.toContain('```');
    expect(run.summary).not.toMatch(/!\[x\]\(|\[click\]\(/);
    expect(run.summary).toContain('\\[click\\]');
  });

  it('refuses a formation whose process type is not a plausible name, and changes nothing', async () => {
    sim.addApp('shop-app', [
      { type: 'web', quantity: 1 },
      { type: 'worker\n::error::x', quantity: 0 },
    ]);
    const patches = sim.count('PATCH');
    const run = await runAction({ inputs: inputs({}), at: AT });
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error')[0].message).toContain(
      'cannot be a process type name',
    );
    expect(sim.count('PATCH')).toBe(patches);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::error::x'))).toEqual([]);
  });

  it('refuses a formation that lists a process type twice', async () => {
    sim.addApp('shop-app', [
      { type: 'web', quantity: 1 },
      { type: 'web', quantity: 5 },
    ]);
    const run = await runAction({ inputs: inputs({}), at: AT });
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error')[0].message).toContain('appears twice');
  });
});

describe('no secret leaks, not even a part of one', () => {
  it('scrubs the token before cutting an error body, so no piece of it survives the cut', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    // The token starts at character 190 of a body that is cut at 200.
    const body = `${'x'.repeat(189)} ${TOKEN} trailing text`;
    sim.inject({ method: 'GET', fault: { kind: 'respond', status: 400, body } });
    const run = await runAction({ inputs: inputs({}), at: AT });
    expect(run.code).toBe(1);
    const shown = everythingShown(run);
    for (const piece of tokenPieces()) expect(shown).not.toContain(piece);
    expect(shown).not.toContain(TOKEN.slice(0, 6));
  });

  it('never quotes what a webhook receiver answers, which can echo the key in its path', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const hook = await hostile(startAppServer());
    hook.behave({ kind: 'ok', status: 404, body: 'No such hook: /services/T0SECRETKEY/B0SECRETKEY' });
    const run = await runAction({
      inputs: inputs({ 'notify-url': `${hook.url}/services/T0SECRETKEY/B0SECRETKEY`, 'notify-on': 'always' }),
      at: AT,
    });
    expect(run.code).toBe(0);
    expect(everythingShown(run)).not.toContain('SECRETKEY');
    expect(run.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('failed (HTTP 404, then HTTP 404'),
    });
  });
});

describe('proxies, one HTTP stack', () => {
  it('sends the API requests through HTTPS_PROXY, over TLS to a named host', async () => {
    const tlsApi = await hostile(
      startSimulator({
        tokens: [TOKEN],
        tls: { key: readFileSync(tlsFiles.key, 'utf8'), cert: readFileSync(tlsFiles.cert, 'utf8') },
      }),
    );
    tlsApi.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const proxy = await hostile(startConnectProxy(tlsApi.url));
    const run = await runAction({
      inputs: inputs({ 'api-url': 'https://api.heroku.test' }),
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tlsFiles.cert },
      at: AT,
    });
    expect(run.code).toBe(0);
    expect(tlsApi.quantities('shop-app')).toEqual({ web: 3 });
    expect(proxy.targets).toEqual(['api.heroku.test:443', 'api.heroku.test:443']);
  });

  it('sends the probe and the webhook through HTTP_PROXY', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const hook = await hostile(startAppServer());
    const proxy = await hostile(startConnectProxy(site.url));
    const toHook = await hostile(startConnectProxy(hook.url));
    // Loopback is never proxied, so the targets are named hosts that only the proxies can reach.
    const probeRun = await runAction({
      inputs: inputs({ 'health-url': 'http://app.example.test/health' }),
      env: { HTTP_PROXY: proxy.url },
      at: AT,
    });
    expect(probeRun.code).toBe(0);
    expect(probeRun.outputs.health).toBe('healthy');
    expect(proxy.targets).toContain('app.example.test:80');
    const hookRun = await runAction({
      inputs: inputs({ 'notify-url': 'http://hooks.example.test/hook', 'notify-on': 'always' }),
      env: { HTTP_PROXY: toHook.url },
      at: AT,
    });
    expect(hookRun.code).toBe(0);
    expect(toHook.targets).toContain('hooks.example.test:80');
    expect(hook.requests.map((r) => r.path)).toEqual(['/hook']);
  });
});
