/** The packaged action, run as the runner runs it, against the simulator at chosen instants. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type HerokuSimulator, type SimProcess, startSimulator } from '../../simulator/heroku-simulator.js';
import { type ActionRun, everythingShown, maskCount, runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';

const TOKEN = 'hrku-e2e-secret-0123456789';

let sim: HerokuSimulator;

beforeEach(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
});
afterEach(() => sim.close());

function app(...processes: SimProcess[]) {
  sim.addApp('shop-app', processes.length > 0 ? processes : [{ type: 'web', quantity: 1 }]);
}

async function run(
  inputs: Record<string, string>,
  at?: string,
  extra: Partial<Parameters<typeof runAction>[0]> = {},
) {
  const result = await runAction({
    inputs: { app: 'shop-app', 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE, ...inputs },
    at,
    ...extra,
  });
  expect(everythingShown(result)).not.toContain(TOKEN);
  if (inputs['api-key'] !== '' || extra.env?.HEROKU_API_KEY)
    expect(maskCount(result, TOKEN)).toBeGreaterThanOrEqual(1);
  return result;
}

function errors(result: ActionRun): string[] {
  return result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

describe('scaling to the schedule', () => {
  it('scales the seed table up at 15:00 with one GET and one PATCH', async () => {
    app({ type: 'web', quantity: 1 });
    const result = await run({}, '2026-11-30T15:00:00Z');
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({
      changed: 'true',
      quantity: '3',
      'previous-quantity': '1',
      reason: 'schedule',
      formation: '{"web":{"quantity":3,"size":"Standard-1X"}}',
      health: 'skipped',
      'latency-ms': '',
    });
    expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'PATCH 200']);
    expect(sim.requests[1].body).toEqual({ updates: [{ type: 'web', quantity: 3 }] });
    expect(sim.requests.flatMap((r) => r.violations)).toEqual([]);
    expect(result.stdout).toContain('shop-app: scaled web 1 → 3 (schedule: "07:00-22:00 web=3" gives web=3)');
    expect(result.annotations).toContainEqual({ level: 'notice', message: 'shop-app: web 1 → 3' });
  });

  it('makes one request in steady state', async () => {
    app({ type: 'web', quantity: 2 });
    const result = await run({}, '2026-11-30T23:30:00Z');
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ changed: 'false', quantity: '2', 'previous-quantity': '2' });
    expect(sim.count()).toBe(1);
  });

  it('reads the schedule in its timezone whatever the machine TZ', async () => {
    app({ type: 'web', quantity: 3 });
    // 08:30 UTC is 03:30 in New York: the 03:00-07:00 window.
    const result = await run({ timezone: 'America/New_York' }, '2026-11-30T08:30:00Z', {
      machineTz: 'Asia/Tokyo',
    });
    expect(result.outputs).toMatchObject({ changed: 'true', quantity: '1' });
    expect(sim.quantities('shop-app')).toEqual({ web: 1 });
  });

  it('applies a weekend rule', async () => {
    app({ type: 'web', quantity: 3 });
    const schedule = `Sat,Sun 07:00-22:00 web=1\n${SEED_SCHEDULE}`;
    const saturday = await run({ schedule }, '2026-11-28T12:00:00Z');
    expect(saturday.outputs).toMatchObject({ changed: 'true', quantity: '1' });
    const monday = await run({ schedule }, '2026-11-30T12:00:00Z');
    expect(monday.outputs).toMatchObject({ changed: 'true', quantity: '3', 'previous-quantity': '1' });
  });

  it('applies a holiday', async () => {
    app({ type: 'web', quantity: 3 });
    const result = await run({ schedule: `2026-12-25 web=1\n${SEED_SCHEDULE}` }, '2026-12-25T12:00:00Z');
    expect(result.outputs).toMatchObject({ changed: 'true', quantity: '1', reason: 'schedule' });
  });

  it('scales several types and sizes in one batch', async () => {
    app({ type: 'web', quantity: 1 }, { type: 'worker', quantity: 0 });
    const schedule = '07:00-22:00 web=3 worker=2:standard-2x\nweb=1 worker=1';
    const result = await run({ schedule }, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(0);
    expect(sim.requests[1].body).toEqual({
      updates: [
        { type: 'web', quantity: 3 },
        { type: 'worker', quantity: 2, dyno_size: { name: 'Standard-2X' } },
      ],
    });
    expect(JSON.parse(result.outputs.formation)).toEqual({
      web: { quantity: 3, size: 'Standard-1X' },
      worker: { quantity: 2, size: 'Standard-2X' },
    });
  });

  it('takes a manual quantity over the schedule', async () => {
    app({ type: 'web', quantity: 1 });
    const result = await run({ quantity: '2' }, '2026-11-30T12:00:00Z');
    expect(result.outputs).toMatchObject({ changed: 'true', quantity: '2', reason: 'manual' });
    expect(sim.quantities('shop-app')).toEqual({ web: 2 });
  });

  it('gives each changed type its own reason in the log and the summary', async () => {
    app({ type: 'web', quantity: 1 }, { type: 'worker', quantity: 2 });
    const result = await run(
      { schedule: '07:00-22:00 web=3 worker=1\nweb=1 worker=0', 'dry-run': 'true' },
      '2026-11-30T12:00:00Z',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'shop-app: dry run, would scale web 1 → 3 (schedule: "07:00-22:00 web=3 worker=1" gives web=3); worker 2 → 1 (schedule: "07:00-22:00 web=3 worker=1" gives worker=1; scaling in)',
    );
    expect(result.summary).toContain('next: 22:00 web 3 → 1, worker 1 → 0.');
  });

  it('decides but changes nothing in a dry run', async () => {
    app({ type: 'web', quantity: 1 });
    const result = await run({ 'dry-run': 'true' }, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ changed: 'true', quantity: '3', 'previous-quantity': '1' });
    // In a dry run, `formation` is the planned formation.
    expect(JSON.parse(result.outputs.formation)).toEqual({ web: { quantity: 3, size: 'Standard-1X' } });
    expect(result.stdout).toContain('dry run, would scale web 1 → 3');
    expect(sim.count('PATCH')).toBe(0);
  });

  it('takes a manual quantity above the schedule when max is not set, then holds it in its window', async () => {
    app({ type: 'web', quantity: 3 });
    const manual = await run({ quantity: '5' }, '2026-11-30T12:00:00Z');
    expect(manual.code).toBe(0);
    expect(sim.quantities('shop-app')).toEqual({ web: 5 });
    // The simulator stamps changes with the real clock; the run saw 12:00 on its own.
    const web = sim.apps.get('shop-app')?.formation[0];
    if (web) web.updatedAt = '2026-11-30T12:00:00Z';
    const next = await run({}, '2026-11-30T12:30:00Z');
    expect(next.outputs.reason).toBe('hold');
    expect(sim.quantities('shop-app')).toEqual({ web: 5 });
  });

  it('warns, in a dry run, about a target above Heroku default limits', async () => {
    app({ type: 'web', quantity: 1 });
    const result = await run({ quantity: '500', 'dry-run': 'true' }, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(0);
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message:
        "shop-app: web=500 is above Heroku's default limit of 100 Standard-1X dynos per process type; Heroku will refuse it unless the account's limit was raised",
    });
    expect(result.summary).toContain('> **Warning:** web=500 is above Heroku');
  });

  it('shows at most ten rules that never apply, then counts the rest, and quotes a long line in part', async () => {
    app({ type: 'web', quantity: 3 });
    const shadowed = Array.from({ length: 1000 }, () => 'Mon 09:00-10:00 web=2');
    const result = await run({ schedule: ['web=3', ...shadowed].join('\n') }, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(0);
    const warnings = result.annotations.filter((a) => a.level === 'warning');
    expect(warnings).toHaveLength(11);
    expect(warnings[10].message).toBe('990 more schedule rules can never apply (not listed one by one)');
    const long = await run({ schedule: `web=1 ${'x'.repeat(5000)}` }, '2026-11-30T12:00:00Z');
    const [error] = long.annotations.filter((a) => a.level === 'error');
    expect(error.message.length).toBeLessThan(300);
    // Quoted once, in part: the token that is wrong, not the whole line as well.
    expect(error.message.match(/characters in all/g)).toEqual(['characters in all']);
    expect(error.message).toContain('(5000 characters in all)');
  });

  it('takes a formation stamped after its own clock as changed just now, not set by hand', async () => {
    // Heroku's clock two minutes ahead of the runner's, and a change inside the 07:00-22:00 window.
    app({ type: 'web', quantity: 5, updatedAt: '2026-11-30T15:02:00Z' });
    const result = await run({ max: 'web=6' }, '2026-11-30T15:00:00Z');
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ changed: 'false', quantity: '5', reason: 'cooldown' });
    expect(result.stdout).toContain('the formation changed just now; no scale-in within 10 min');
    expect(everythingShown(result)).not.toMatch(/set by hand|-\d+ min/);
  });

  it('takes the token from HEROKU_API_KEY', async () => {
    app({ type: 'web', quantity: 3 });
    const result = await run({ 'api-key': '' }, '2026-11-30T12:00:00Z', { env: { HEROKU_API_KEY: TOKEN } });
    expect(result.code).toBe(0);
  });
});

describe('refusing to act', () => {
  it.each([
    [{ app: 'Shop_App' }, 'Input "app": "Shop_App" is not a Heroku app name'],
    [{ schedule: '07:00-22:00 web=3' }, 'Input "schedule": web has no rule for Sun 22:00-Mon 07:00'],
    [
      { schedule: 'web=1\nMon-Fry 7-22 web=3' },
      'Input "schedule" line 2 ("Mon-Fry 7-22 web=3"): unknown day "Fry"',
    ],
    [{ timezone: 'Europe/Nowhere' }, 'Input "timezone": "Europe/Nowhere" is not a known IANA time zone'],
    [{ quantity: '7', max: '5' }, 'Input "quantity": web=7 is above max web=5'],
    [{ 'dry-run': 'maybe' }, 'Input "dry-run": "maybe" is not a boolean'],
    [{ 'api-key': '' }, 'Input "api-key": no API token'],
    [
      { app: 'Shop_App', 'dry-run': 'maybe' },
      '2 inputs are refused: (1) Input "app": "Shop_App" is not a Heroku app name',
    ],
  ])('refuses %j before any request', async (inputs, message) => {
    app({ type: 'web', quantity: 1 });
    const result = await run(inputs, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([expect.stringContaining(message)]);
    expect(sim.count()).toBe(0);
  });

  it('refuses types the app does not have, changing nothing', async () => {
    app({ type: 'web', quantity: 1 });
    const result = await run({ schedule: `${SEED_SCHEDULE}\nworker=1` }, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      expect.stringContaining('the app has no process type "worker" (it has: web)'),
    ]);
    expect(sim.count('PATCH')).toBe(0);
  });

  it('refuses more than one Basic dyno, changing nothing', async () => {
    app({ type: 'web', quantity: 1, size: 'Basic' });
    const result = await run({}, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      expect.stringContaining('web=3 is refused: Heroku allows at most 1 Basic dyno per process type'),
    ]);
    expect(sim.count('PATCH')).toBe(0);
  });

  it('explains an invalid token and never prints it, even echoed back', async () => {
    app({ type: 'web', quantity: 1 });
    sim.inject({
      fault: {
        kind: 'status',
        status: 401,
        body: { id: 'unauthorized', message: `Invalid credentials provided: Bearer ${TOKEN}` },
      },
    });
    const result = await run({}, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^Heroku rejected the API token as invalid or expired \(401 unauthorized: Invalid credentials provided: Bearer \*\*\*\)/,
      ),
    ]);
    expect(sim.count()).toBe(1);
  });

  it('names a missing app', async () => {
    const result = await run({}, '2026-11-30T12:00:00Z');
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([expect.stringContaining('app "shop-app" was not found')]);
  });
});
