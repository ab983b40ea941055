/** The probe and the scale-in policy, through the packaged action, against a local app. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../../simulator/app-server.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import { everythingShown, runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';

const TOKEN = 'hrku-probe-secret-42';
const LONG_AGO = '2026-11-29T12:00:00Z';

let sim: HerokuSimulator;
let site: AppServer;

beforeEach(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
  site = await startAppServer();
});
afterEach(async () => {
  await sim.close();
  await site.close();
});

async function scaleRun(at: string, web: number, updatedAt: string, inputs: Record<string, string> = {}) {
  sim.addApp('shop-app', [{ type: 'web', quantity: web, updatedAt }]);
  const result = await runAction({
    inputs: {
      app: 'shop-app',
      'api-key': TOKEN,
      'api-url': sim.url,
      schedule: SEED_SCHEDULE,
      'health-url': `${site.url}/health`,
      'health-timeout-ms': '1000',
      'slow-ms': '400',
      'fast-ms': '150',
      ...inputs,
    },
    at,
  });
  expect(everythingShown(result)).not.toContain(TOKEN);
  return { ...result, web: sim.quantities('shop-app').web };
}

describe('fail-safe scale-out', () => {
  it('down at 23:30 with web=2 goes to 3, with a warning', async () => {
    site.behave({ kind: 'ok', status: 503 });
    const result = await scaleRun('2026-11-30T23:30:00Z', 2, LONG_AGO);
    expect(result.web).toBe(3);
    expect(result.outputs).toMatchObject({
      reason: 'failsafe',
      health: 'down',
      changed: 'true',
      'latency-ms': '',
    });
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('the app is down (3 of 3 probe samples failed)'),
    });
    // It answered, with 503: down, but not unreachable.
    expect(result.annotations.map((a) => a.message)).not.toContainEqual(
      expect.stringContaining('could not get an answer'),
    );
  });

  it('slow goes to 3', async () => {
    site.behave({ kind: 'ok', delayMs: 450 });
    const result = await scaleRun('2026-11-30T23:30:00Z', 2, LONG_AGO);
    expect(result.web).toBe(3);
    expect(result.outputs).toMatchObject({ reason: 'failsafe', health: 'slow' });
    expect(Number(result.outputs['latency-ms'])).toBeGreaterThanOrEqual(440);
  });

  it('one failed sample of three does not', async () => {
    site.behave({ kind: 'reset' }, { kind: 'ok' }, { kind: 'ok' });
    const result = await scaleRun('2026-11-30T23:30:00Z', 2, LONG_AGO);
    expect(result.web).toBe(2);
    expect(result.outputs).toMatchObject({ changed: 'false', health: 'healthy', reason: 'schedule' });
    expect(site.requests).toHaveLength(3);
  });

  it('a probe that hangs is cut at its timeout and counts as down', async () => {
    site.behave({ kind: 'hang' });
    const result = await scaleRun('2026-11-30T23:30:00Z', 2, LONG_AGO, { 'health-timeout-ms': '300' });
    expect(result.web).toBe(3);
    expect(result.outputs.health).toBe('down');
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message: 'the health probe could not get an answer for 3 of 3 samples (ETIMEDOUT)',
    });
    expect(result.ms).toBeLessThan(10_000);
  });
});

describe('scale-in', () => {
  it('fast at 23:30 with web=3 goes to 2', async () => {
    const result = await scaleRun('2026-11-30T23:30:00Z', 3, LONG_AGO);
    expect(result.web).toBe(2);
    expect(result.outputs).toMatchObject({ reason: 'schedule', health: 'healthy', changed: 'true' });
  });

  it('not fast holds 3', async () => {
    site.behave({ kind: 'ok', delayMs: 200 });
    const result = await scaleRun('2026-11-30T23:30:00Z', 3, LONG_AGO);
    expect(result.web).toBe(3);
    expect(result.outputs).toMatchObject({ reason: 'hold', health: 'healthy', changed: 'false' });
  });

  it('a recent change holds', async () => {
    const result = await scaleRun('2026-11-30T22:05:00Z', 3, '2026-11-30T21:58:00Z');
    expect(result.web).toBe(3);
    expect(result.outputs).toMatchObject({ reason: 'cooldown', changed: 'false' });
  });

  it('a hand-set 5 at 15:00, set at 14:00, stays', async () => {
    const result = await scaleRun('2026-11-30T15:00:00Z', 5, '2026-11-30T14:00:00Z', { max: '6' });
    expect(result.web).toBe(5);
    expect(result.outputs).toMatchObject({ reason: 'hold', changed: 'false' });
  });

  it('the same hand-set 5 comes down after 22:00', async () => {
    const result = await scaleRun('2026-11-30T22:30:00Z', 5, '2026-11-30T14:00:00Z', { max: '6' });
    expect(result.web).toBe(2);
    expect(result.outputs).toMatchObject({ reason: 'schedule', changed: 'true', 'previous-quantity': '5' });
  });

  it('a schedule of 0 skips the probe', async () => {
    site.behave({ kind: 'ok', status: 500 });
    const result = await scaleRun('2026-11-30T23:30:00Z', 1, LONG_AGO, {
      schedule: '07:00-22:00 web=3\nweb=0',
    });
    expect(result.web).toBe(0);
    expect(result.outputs).toMatchObject({ health: 'skipped', reason: 'schedule' });
    expect(site.requests).toHaveLength(0);
  });

  it('lead-minutes 15 at 06:50 gives 3', async () => {
    const result = await scaleRun('2026-11-30T06:50:00Z', 1, LONG_AGO, { 'lead-minutes': '15' });
    expect(result.web).toBe(3);
    expect(result.outputs).toMatchObject({ reason: 'schedule', changed: 'true' });
  });
});

describe('trust', () => {
  it('sends the probe no credential, and never shows a response that echoes the token', async () => {
    site.behave({ kind: 'ok', status: 500, body: `bad token ${TOKEN}` });
    const result = await scaleRun('2026-11-30T23:30:00Z', 2, LONG_AGO);
    expect(result.outputs.health).toBe('down');
    expect(site.requests).toHaveLength(3);
    for (const request of site.requests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers.cookie).toBeUndefined();
      expect(JSON.stringify(request.headers)).not.toContain(TOKEN);
    }
  });

  it('follows at most three redirects', async () => {
    site.behave({ kind: 'redirect', location: '/loop' });
    const result = await scaleRun('2026-11-30T23:30:00Z', 2, LONG_AGO, { 'health-samples': '1' });
    expect(site.requests).toHaveLength(4);
    expect(result.outputs.health).toBe('down');
  });
});
