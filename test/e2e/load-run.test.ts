/**
 * Scaling on load, through the packaged action: the app serves its figures in each format (and
 * broken ones), and the run scales between the schedule's floor and max on them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  BROKEN,
  flowerQueues,
  hireFireInfo,
  prometheusText,
  sidekiqStats,
} from '../../simulator/metrics-formats.js';
import { everythingShown, runAction } from '../../simulator/run-action.js';
import { appWorld } from '../support/app-world.js';
import { runner } from '../support/history-runner.js';

const TOKEN = 'hrku-load-secret-8080';
const HIREFIRE_TOKEN = 'hf-7d1c0ffee5ecret';
const BEARER = 'Bearer sidekiq-web-0badc0de';
/** Monday 12:00 UTC, inside the weekday window. */
const NOON = '2026-11-30T12:00:00Z';
const LONG_AGO = '2026-11-29T00:00:00Z';
const SCHEDULE = 'Mon-Fri 07:00-22:00 web=3 worker=2\nweb=1\nworker=1';

const world = appWorld(TOKEN);
beforeEach(() => {
  world.sim.apps.clear();
  world.site.routes.clear();
  world.site.requests.length = 0;
  world.cache.entries.length = 0;
});

const hireFirePath = `/hirefire/${HIREFIRE_TOKEN}/info`;

function addShop(worker: number, web = 3, updatedAt = LONG_AGO) {
  world.sim.addApp('shop-app', [
    { type: 'web', quantity: web, updatedAt: LONG_AGO },
    { type: 'worker', quantity: worker, updatedAt },
  ]);
}

async function run(inputs: Record<string, string>, at = NOON, env: Record<string, string> = {}) {
  const result = await runAction({
    inputs: {
      app: 'shop-app',
      'api-key': TOKEN,
      'api-url': world.sim.url,
      schedule: SCHEDULE,
      max: 'web=6 worker=8',
      'metrics-url': `${world.site.url}${hireFirePath}`,
      history: 'false',
      ...inputs,
    },
    env,
    at,
  });
  const shown = everythingShown(result);
  for (const secret of [HIREFIRE_TOKEN, 'sidekiq-web-0badc0de']) expect(shown).not.toContain(secret);
  return { ...result, formation: world.sim.quantities('shop-app') };
}

const warnings = (r: { annotations: { level: string; message: string }[] }) =>
  r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('each format and each rule kind', () => {
  it("HireFire's info JSON, per N: 900 jobs at 250 a dyno is 4 workers", async () => {
    addShop(1);
    world.site.route(hireFirePath, hireFireInfo({ worker: 900 }));
    const r = await run({ load: 'worker: worker per 250', predict: 'true' });
    expect(r.code).toBe(0);
    expect(r.formation).toEqual({ web: 3, worker: 4 });
    // predict without a history: no effect, said once.
    expect(r.summary.split('predict has no effect yet: the step keeps no history')).toHaveLength(2);
    expect(r.annotations).toContainEqual({
      level: 'notice',
      message: expect.stringContaining('predict has no effect yet'),
    });
    expect(r.outputs.metrics).toBe('{"worker":900}');
    expect(JSON.parse(r.outputs.results)['shop-app'].metrics).toEqual({ worker: 900 });
    expect(r.summary).toContain('worker 1 → 4 (load: worker 900 per 250)');
    expect(r.summary).toContain('### Load (figures from the metrics URL, read as HireFire info JSON)');
    expect(warnings(r)).toEqual([]);
    expect(world.site.requests).toHaveLength(1);
  });

  it('Prometheus text, LOW..HIGH with a step, on web: the reason output is load', async () => {
    addShop(1);
    world.site.route(
      '/metrics',
      prometheusText([
        { name: 'request_queue_ms', labels: { quantile: '0.5' }, value: 40 },
        { name: 'request_queue_ms', labels: { quantile: '0.95' }, value: 350 },
      ]),
    );
    const r = await run({
      'metrics-url': `${world.site.url}/metrics`,
      load: 'web: request_queue_ms{quantile="0.95"} 50..300 step 2',
    });
    expect(r.formation.web).toBe(5);
    expect(r.outputs).toMatchObject({ reason: 'load', quantity: '5', changed: 'true' });
    expect(r.outputs.metrics).toBe('{"request_queue_ms{quantile=\\"0.95\\"}":350}');
    expect(r.summary).toContain('read as Prometheus text');
  });

  it("Sidekiq's /stats behind a header, by dotted path: low latency removes one worker", async () => {
    addShop(4);
    world.site.route('/sidekiq/stats', {
      ...sidekiqStats({ enqueued: 3, defaultLatency: 2 }),
      requires: { name: 'Authorization', value: BEARER },
    });
    const r = await run({
      'metrics-url': `${world.site.url}/sidekiq/stats`,
      'metrics-header': `Authorization: ${BEARER}`,
      load: 'worker: sidekiq.default_latency 10..60',
    });
    expect(r.formation.worker).toBe(3);
    expect(r.outputs.metrics).toBe('{"sidekiq.default_latency":2}');
    expect(world.site.requests[0].headers.authorization).toBe(BEARER);
  });

  it("Flower's queue lengths by array index", async () => {
    addShop(1);
    world.site.route('/api/queues/length', flowerQueues({ celery: 45 }));
    const r = await run({
      'metrics-url': `${world.site.url}/api/queues/length`,
      load: 'worker: active_queues.0.messages per 10',
    });
    expect(r.formation.worker).toBe(5);
  });
});

describe('no reading, no scale-in', () => {
  it.each([
    ['an HTTP 500', BROKEN.serverError, 'the metrics URL answered HTTP 500'],
    ['a login page', BROKEN.loginPage, 'an HTML page, not metrics'],
    ['cut-off JSON', BROKEN.cutJson, 'not valid JSON'],
    ['a figure that is a string', BROKEN.stringValue, 'is not a number'],
    ['an answer past 256 KiB', BROKEN.huge, 'larger than 256 KiB'],
    ['a reset connection', BROKEN.reset, 'the request failed (ECONNRESET)'],
  ])('%s keeps worker at 4, with one warning, and the run passes', async (_name, behaviour, said) => {
    addShop(4);
    world.site.route(hireFirePath, behaviour);
    const r = await run({ load: 'worker: worker per 250' });
    expect(r.code).toBe(0);
    expect(r.formation.worker).toBe(4);
    expect(warnings(r)).toEqual([expect.stringContaining(`shop-app: no reading of worker: it `)]);
    expect(warnings(r)[0]).toContain(said);
    expect(r.outputs.metrics).toBe('{"worker":null}');
  });

  it('a metric the answer lacks, below the floor, still goes to the floor', async () => {
    addShop(0);
    world.site.route(hireFirePath, hireFireInfo({ urgent: 3 }));
    const r = await run({ load: 'worker: worker per 250' });
    expect(r.formation.worker).toBe(2);
    expect(warnings(r)).toEqual([
      expect.stringContaining('no reading of worker: it is not in the HireFire answer'),
    ]);
  });
});

describe('with the fail-safe, the cooldown, a hand-set hold and a manual quantity', () => {
  it('a down app still goes to max on web while load scales worker', async () => {
    addShop(1, 3);
    world.site.route('/health', { kind: 'ok', status: 503 });
    world.site.route(hireFirePath, hireFireInfo({ worker: 600 }));
    const r = await run({ load: 'worker: worker per 250', 'health-url': `${world.site.url}/health` });
    expect(r.formation).toEqual({ web: 6, worker: 3 });
    expect(r.outputs.reason).toBe('failsafe');
  });

  it('a manual quantity wins and the figures are not asked for', async () => {
    addShop(1);
    world.site.route(hireFirePath, hireFireInfo({ worker: 9000 }));
    const r = await run({ load: 'worker: worker per 250', quantity: 'worker=2' });
    expect(r.formation.worker).toBe(2);
    expect(world.site.requests).toHaveLength(0);
    expect(r.outputs.metrics).toBe('');
  });

  it('a band waits for the cooldown before it takes a dyno away', async () => {
    // Changed at 06:58, before the window began at 07:00: not a hand-set hold, but recent.
    addShop(4, 3, '2026-11-30T06:58:00Z');
    world.site.route(hireFirePath, hireFireInfo({ worker: 1 }));
    const r = await run({ load: 'worker: worker 10..60' }, '2026-11-30T07:05:00Z');
    expect(r.formation.worker).toBe(4);
    expect(r.stdout).toContain('the formation changed 7 min ago; no scale-in within 10 min');
    const later = await run({ load: 'worker: worker 10..60' }, '2026-11-30T07:10:00Z');
    expect(later.formation.worker).toBe(3);
  });

  it("holds a hand's change, but not its own: the history tells them apart", async () => {
    const env = runner('*/10 * * * *');
    const withHistory = (inputs: Record<string, string>, at: string, id: number) =>
      run({ history: 'true', load: 'worker: worker 10..60', ...inputs }, at, {
        ...env,
        ...world.cache.env(),
        GITHUB_RUN_ID: String(id),
        GITHUB_RUN_ATTEMPT: '1',
      });
    addShop(3);
    world.site.route(hireFirePath, hireFireInfo({ worker: 95 }), hireFireInfo({ worker: 1 }));
    const out = await withHistory({}, '2026-11-30T10:00:00Z', 1);
    expect(out.formation.worker).toBe(4);
    // Half an hour later the queue is empty: its own scale-out is taken back one dyno.
    const back = await withHistory({}, '2026-11-30T10:30:00Z', 2);
    expect(back.formation.worker).toBe(3);
    expect(back.summary).toContain('worker 4 → 3 (load: worker 1 &lt; 10)');
    // Without the history the same change could be a hand's, so it is held.
    world.sim.apps.clear();
    addShop(3, 3, '2026-11-30T10:00:10Z');
    world.site.route(hireFirePath, hireFireInfo({ worker: 1 }));
    const held = await run({ load: 'worker: worker 10..60' }, '2026-11-30T10:30:00Z');
    expect(held.formation.worker).toBe(3);
    expect(held.stdout).toContain('was set by hand 29 min ago');
  });
});

describe('a fleet', () => {
  it('reads each app its own figures, with its own rules', async () => {
    world.sim.addApp('shop-app', [{ type: 'worker', quantity: 1, updatedAt: LONG_AGO }]);
    world.sim.addApp('blog-app', [{ type: 'web', quantity: 1, updatedAt: LONG_AGO }]);
    world.site.route(hireFirePath, hireFireInfo({ worker: 1000 }));
    world.site.route('/blog/metrics', prometheusText([{ name: 'queue_ms', value: 500 }]));
    const workspace = mkdtempSync(path.join(tmpdir(), 'load-fleet-'));
    mkdirSync(path.join(workspace, 'ops'));
    writeFileSync(
      path.join(workspace, 'ops', 'fleet.yml'),
      [
        'apps:',
        '  shop-app:',
        '    process: worker',
        '    schedule: worker=1',
        '    max: worker=5',
        `    metrics-url: ${world.site.url}${hireFirePath}`,
        '    load: "worker: worker per 300"',
        '  blog-app:',
        '    schedule: web=1',
        '    max: web=4',
        `    metrics-url: ${world.site.url}/blog/metrics`,
        '    load: "web: queue_ms 50..200 step 2"',
      ].join('\n'),
    );
    const r = await runAction({
      inputs: { 'api-key': TOKEN, 'api-url': world.sim.url, config: 'ops/fleet.yml', history: 'false' },
      env: { GITHUB_WORKSPACE: workspace },
      at: NOON,
    });
    expect(r.code).toBe(0);
    expect(world.sim.quantities('shop-app').worker).toBe(4);
    expect(world.sim.quantities('blog-app').web).toBe(3);
    expect(JSON.parse(r.outputs.metrics)).toEqual({
      'shop-app': { worker: 1000 },
      'blog-app': { queue_ms: 500 },
    });
    expect(everythingShown(r)).not.toContain(HIREFIRE_TOKEN);
  });
});
