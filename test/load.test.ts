/** Load rules, the figures they read in each format, and the policy that scales on them. */
import { describe, expect, it } from '@jest/globals';
import { startAppServer } from '../simulator/app-server.js';
import { readMetrics } from '../src/adapters/metrics.js';
import type { ProcessFormation } from '../src/core/formation.js';
import { assessHealth } from '../src/core/health.js';
import { parseLoadRules, readFigures } from '../src/core/load.js';
import { decide, type OwnChange, type PolicySettings } from '../src/core/policy.js';
import { parseSchedule } from '../src/core/schedule.js';

const MIN = 60_000;

describe('the load input', () => {
  it('reads both kinds of rule, with labels, comments and blank lines', () => {
    const { rules, problems } = parseLoadRules(
      [
        '# queues',
        'worker: sidekiq.default_latency 10..60   # seconds',
        '',
        'web: request_queue_ms{quantile="0.95", path="/a b"} 50..300 step 2',
        'urgent: worker per 250',
        'mailer: rq_jobs{queue="mail",state="queued"} per 12.5',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      expect.objectContaining({
        kind: 'band',
        type: 'worker',
        metric: 'sidekiq.default_latency',
        low: 10,
        high: 60,
        step: 1,
        line: 2,
      }),
      expect.objectContaining({
        kind: 'band',
        type: 'web',
        metric: 'request_queue_ms{quantile="0.95", path="/a b"}',
        low: 50,
        high: 300,
        step: 2,
      }),
      expect.objectContaining({ kind: 'per', type: 'urgent', metric: 'worker', per: 250 }),
      expect.objectContaining({ kind: 'per', type: 'mailer', per: 12.5 }),
    ]);
  });

  it('tells every mistake at once, each at its line', () => {
    const { problems } = parseLoadRules(
      [
        'worker: latency 60..10',
        'web: q per -1',
        'worker: q 1..2',
        'clock q 1..2',
        'job: q 1..2 step 0',
      ].join('\n'),
    );
    expect(problems.map((p) => [p.line?.number, p.message])).toEqual([
      [1, expect.stringContaining('LOW not below HIGH')],
      [2, expect.stringContaining('per N" with N a positive number')],
      [4, expect.stringContaining('has no process type')],
      [5, expect.stringContaining('"step N" with N a whole number from 1 to 100')],
    ]);
    // Line 3 is a second rule for worker only once line 1 stands.
    expect(parseLoadRules('worker: a 1..2\nworker: b 1..2').problems[0].message).toContain(
      'a second rule for worker (the first is on line 1)',
    );
  });
});

const RULES = ['worker', 'sidekiq.default_latency', 'rq_jobs{queue="default",state="queued"}'];

describe('the figures, by format', () => {
  it("reads HireFire's info JSON by name", () => {
    const r = readFigures('[{"name":"worker","value":42},{"name":"urgent","value":0}]', 'application/json', [
      'worker',
      'urgent',
      'mailer',
    ]);
    expect(r.format).toBe('hirefire');
    expect(r.readings.get('worker')).toEqual({ ok: true, value: 42 });
    expect(r.readings.get('urgent')).toEqual({ ok: true, value: 0 });
    expect(r.readings.get('mailer')).toEqual({ ok: false, problem: 'is not in the HireFire answer' });
  });

  it('reads any other JSON by dotted path, array indexes included', () => {
    const body = JSON.stringify({
      sidekiq: { default_latency: 95.25, enqueued: 'x' },
      active_queues: [{ messages: 7 }],
    });
    const r = readFigures(body, 'application/json', [
      'sidekiq.default_latency',
      'sidekiq.enqueued',
      'active_queues.0.messages',
      'sidekiq.__proto__',
    ]);
    expect(r.format).toBe('json');
    expect(r.readings.get('sidekiq.default_latency')).toEqual({ ok: true, value: 95.25 });
    expect(r.readings.get('sidekiq.enqueued')).toEqual({ ok: false, problem: 'is not a number' });
    expect(r.readings.get('active_queues.0.messages')).toEqual({ ok: true, value: 7 });
    expect(r.readings.get('sidekiq.__proto__')?.ok).toBe(false);
  });

  it('reads Prometheus text by selector; the labels given must match', () => {
    const body = [
      '# HELP rq_jobs RQ jobs by state',
      '# TYPE rq_jobs gauge',
      'rq_jobs{queue="default",state="queued"} 130 1700000000000',
      'rq_jobs{queue="default",state="started"} 4',
      'rq_jobs{queue="mail",state="queued"} 2e1',
      'worker 3',
      'broken_line{',
    ].join('\n');
    const r = readFigures(body, 'text/plain; version=0.0.4', [
      ...RULES,
      'rq_jobs{queue="mail"}',
      'rq_jobs',
      'broken_line',
    ]);
    expect(r.format).toBe('prometheus');
    expect(r.readings.get('rq_jobs{queue="default",state="queued"}')).toEqual({ ok: true, value: 130 });
    expect(r.readings.get('rq_jobs{queue="mail"}')).toEqual({ ok: true, value: 20 });
    expect(r.readings.get('worker')).toEqual({ ok: true, value: 3 });
    expect(r.readings.get('rq_jobs')).toEqual({
      ok: false,
      problem: expect.stringContaining('matches 3 samples; add labels'),
    });
    expect(r.readings.get('sidekiq.default_latency')).toEqual({
      ok: false,
      problem: 'is not in the Prometheus answer',
    });
    expect(r.readings.get('broken_line')).toEqual({ ok: false, problem: 'has a line that is not a sample' });
  });

  it('takes NaN, Inf and escaped labels as the format writes them', () => {
    const body = 'q{path="a\\"b"} NaN\nlag +Inf\nok{x="1"} -3.5';
    const r = readFigures(body, '', ['q{path="a\\"b"}', 'lag', 'ok']);
    expect(r.readings.get('q{path="a\\"b"}')).toEqual({ ok: false, problem: 'is not a finite number' });
    expect(r.readings.get('lag')).toEqual({ ok: false, problem: 'is not a finite number' });
    expect(r.readings.get('ok')).toEqual({ ok: true, value: -3.5 });
  });

  it('refuses a login page and broken JSON for every metric, quoting neither', () => {
    const page = readFigures('<!DOCTYPE html><form>secret-token</form>', 'text/html', ['worker']);
    expect(page.format).toBeNull();
    expect(page.readings.get('worker')).toEqual({
      ok: false,
      problem: expect.stringContaining('an HTML page'),
    });
    const cut = readFigures('[{"name":"worker","value":4', 'application/json', ['worker']);
    expect(cut.readings.get('worker')).toEqual({
      ok: false,
      problem: expect.stringContaining('not valid JSON'),
    });
    expect(JSON.stringify([...page.readings, ...cut.readings])).not.toContain('secret-token');
  });
});

const SCHEDULE = 'Mon-Fri 07:00-22:00 web=3 worker=2\nweb=1\nworker=1';
const MONDAY_NOON = Date.parse('2026-11-30T12:00:00Z');
const LONG_AGO = Date.parse('2026-11-29T00:00:00Z');

function settings(load: string, overrides: Partial<PolicySettings> = {}): PolicySettings {
  return {
    schedule: parseSchedule(SCHEDULE, 'web'),
    timezone: 'UTC',
    process: 'web',
    manual: null,
    max: new Map([
      ['web', 5],
      ['worker', 6],
    ]),
    implicitMax: new Set(),
    cooldownMinutes: 10,
    leadMinutes: 0,
    load: { rules: parseLoadRules(load).rules },
    ...overrides,
  };
}

function formation(worker: number, updatedAt = LONG_AGO): ProcessFormation[] {
  return [
    { type: 'web', quantity: 3, size: 'Standard-1X', updatedAt: LONG_AGO },
    { type: 'worker', quantity: worker, size: 'Standard-1X', updatedAt },
  ];
}

interface Case {
  load: string;
  worker: number;
  value?: number | null;
  updatedAt?: number;
  now?: number;
  ownChanges?: OwnChange[];
  overrides?: Partial<PolicySettings>;
  fastProbe?: boolean;
}

function worker(c: Case) {
  const metric = parseLoadRules(c.load).rules[0].metric;
  const reading =
    c.value === null || c.value === undefined
      ? { ok: false as const, problem: 'could not be read: no whole answer within 10 s' }
      : { ok: true as const, value: c.value };
  const s = settings(c.load, c.overrides);
  const probe =
    c.fastProbe === undefined
      ? null
      : assessHealth([{ ok: true, ms: c.fastProbe ? 100 : 1500, outcome: '200', answered: true }], {
          slowMs: 5000,
          fastMs: 1000,
        });
  const plan = decide({
    now: c.now ?? MONDAY_NOON,
    settings: s,
    formation: formation(c.worker, c.updatedAt),
    probe,
    metrics: { format: 'hirefire', readings: new Map([[metric, reading]]) },
    ownChanges: c.ownChanges ?? [],
  });
  const p = plan.processes.find((x) => x.type === 'worker');
  return { quantity: p?.target.quantity, reason: p?.reason, why: p?.why, demand: p?.demand };
}

describe('the policy on load', () => {
  it('per N: ceil(value / N) within the floor and max', () => {
    const load = 'worker: worker per 250';
    expect(worker({ load, worker: 2, value: 900 })).toMatchObject({
      quantity: 4,
      reason: 'load',
      why: 'worker 900 per 250',
      demand: 4,
    });
    expect(worker({ load, worker: 2, value: 9000 })).toMatchObject({
      quantity: 6,
      why: 'worker 9000 per 250, capped at max worker=6',
      demand: 6,
    });
    // Below the floor: the schedule's 2 (Monday noon), and it says so with the figure.
    // What the history learns: one fewer than ran, not the figure's 1 (a short queue at 4 proves 3, not 1).
    expect(worker({ load, worker: 4, value: 10 })).toMatchObject({
      quantity: 2,
      reason: 'schedule',
      demand: 3,
    });
    expect(worker({ load, worker: 4, value: 10 }).why).toContain(
      '"Mon-Fri 07:00-22:00 web=3 worker=2" gives worker=2; worker 10 per 250',
    );
  });

  it('LOW..HIGH: above HIGH adds the step at once, at most max', () => {
    const load = 'worker: sidekiq.default_latency 10..60 step 2';
    expect(worker({ load, worker: 2, value: 95 })).toMatchObject({
      quantity: 4,
      reason: 'load',
      why: 'sidekiq.default_latency 95 > 60',
    });
    expect(worker({ load, worker: 5, value: 95 })).toMatchObject({
      quantity: 6,
      why: 'sidekiq.default_latency 95 > 60, capped at max worker=6',
    });
    // A change a minute ago does not stop a scale-out.
    expect(worker({ load, worker: 2, value: 95, updatedAt: MONDAY_NOON - MIN })).toMatchObject({
      quantity: 4,
    });
  });

  it('LOW..HIGH: between keeps; below removes one, never under the floor, after the cooldown and a fast probe', () => {
    const load = 'worker: sidekiq.default_latency 10..60';
    const ours = [{ at: MONDAY_NOON - 3 * MIN, minutes: 1, left: { worker: 4 } }];
    expect(worker({ load, worker: 4, value: 30 })).toMatchObject({
      quantity: 4,
      reason: 'load',
      why: 'sidekiq.default_latency 30 within 10..60',
    });
    expect(worker({ load, worker: 4, value: 2 })).toMatchObject({
      quantity: 3,
      reason: 'load',
      why: 'sidekiq.default_latency 2 < 10',
    });
    expect(worker({ load, worker: 2, value: 2 })).toMatchObject({ quantity: 2, reason: 'schedule' });
    // The action's own change three minutes ago: the cooldown, not a hand-set hold.
    expect(
      worker({ load, worker: 4, value: 2, updatedAt: MONDAY_NOON - 2 * MIN, ownChanges: ours }),
    ).toMatchObject({
      quantity: 4,
      reason: 'cooldown',
    });
    // The probe's verdict counts for the probed type only.
    const onWeb = settings(load, { process: 'worker' });
    expect(worker({ load, worker: 4, value: 2, fastProbe: false, overrides: onWeb })).toMatchObject({
      quantity: 4,
      reason: 'hold',
    });
    expect(worker({ load, worker: 4, value: 2, fastProbe: true, overrides: onWeb })).toMatchObject({
      quantity: 3,
    });
  });

  it("tells the action's own changes from a hand's: only a hand's is held", () => {
    const load = 'worker: sidekiq.default_latency 10..60';
    const changedAt = Date.parse('2026-11-30T10:00:30Z');
    const byHand = { load, worker: 4, value: 2, updatedAt: changedAt };
    expect(worker(byHand)).toMatchObject({ quantity: 4, reason: 'hold' });
    expect(worker(byHand).why).toContain('set by hand 119 min ago');
    // A run at 10:00 that left worker=4 made that change: load may take it back down.
    const ours = [{ at: Date.parse('2026-11-30T10:00:00Z'), minutes: 1, left: { worker: 4 } }];
    expect(worker({ ...byHand, ownChanges: ours })).toMatchObject({ quantity: 3, reason: 'load' });
    // A run that left another quantity, or ran at another time, did not.
    expect(worker({ ...byHand, ownChanges: [{ ...ours[0], left: { worker: 5 } }] }).reason).toBe('hold');
    expect(worker({ ...byHand, ownChanges: [{ ...ours[0], at: changedAt - 60 * MIN }] }).reason).toBe('hold');
  });

  it('no reading: no scale-in, the floor still holds', () => {
    const load = 'worker: sidekiq.default_latency 10..60';
    expect(worker({ load, worker: 4, value: null })).toMatchObject({
      quantity: 4,
      reason: 'hold',
      why: 'no reading of sidekiq.default_latency (it could not be read: no whole answer within 10 s); no scale-in without one',
    });
    expect(worker({ load, worker: 1, value: null })).toMatchObject({ quantity: 2, reason: 'schedule' });
    expect(worker({ load, worker: 9, value: null })).toMatchObject({ quantity: 6 });
    expect(worker({ load, worker: 4, value: null }).demand).toBeUndefined();
  });

  it('a manual quantity wins, and the fail-safe takes the probed type to max', () => {
    const load = 'worker: worker per 10\nweb: web per 10';
    expect(
      worker({
        load,
        worker: 2,
        value: 900,
        overrides: settings(load, { manual: [{ type: 'worker', quantity: 1 }] }),
      }),
    ).toMatchObject({
      quantity: 1,
      reason: 'manual',
    });
    const down = assessHealth([{ ok: false, ms: 10, outcome: '503', answered: true }], {
      slowMs: 5000,
      fastMs: 1000,
    });
    const plan = decide({
      now: MONDAY_NOON,
      settings: settings(load),
      formation: formation(2),
      probe: down,
      metrics: {
        format: 'hirefire',
        readings: new Map([
          ['web', { ok: true, value: 1 }],
          ['worker', { ok: true, value: 1 }],
        ]),
      },
    });
    expect(plan.processes.find((p) => p.type === 'web')).toMatchObject({
      reason: 'failsafe',
      target: { quantity: 5 },
    });
  });
});

describe('the metrics request', () => {
  it('is cut at its deadline when the app hangs: no reading, not a hung run', async () => {
    const app = await startAppServer();
    try {
      app.behave({ kind: 'hang' });
      const load = {
        url: `${app.url}/metrics`,
        header: null,
        rules: parseLoadRules('worker: worker per 10').rules,
      };
      const started = performance.now();
      const report = await readMetrics(load, 300);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(report.readings.get('worker')).toEqual({
        ok: false,
        problem: 'could not be read: no whole answer within 0.3 s',
      });
    } finally {
      await app.close();
    }
  });

  it('does not follow a redirect, which would carry the header elsewhere', async () => {
    const app = await startAppServer();
    try {
      app.behave({ kind: 'redirect', location: 'http://127.0.0.1:9/elsewhere' });
      const load = {
        url: `${app.url}/metrics`,
        header: { name: 'Authorization', value: 'Bearer s3cret' },
        rules: parseLoadRules('worker: worker per 10').rules,
      };
      const report = await readMetrics(load);
      expect(report.readings.get('worker')).toEqual({
        ok: false,
        problem: 'could not be read: the metrics URL answered HTTP 302',
      });
      expect(app.requests).toHaveLength(1);
      expect(app.requests[0].headers.authorization).toBe('Bearer s3cret');
    } finally {
      await app.close();
    }
  });
});
