/** run() in-process, with a typed fixture of @actions/core, against the simulators on loopback. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { sharedClock } from '../simulator/clock.js';
import { type HerokuSimulator, startSimulator } from '../simulator/heroku-simulator.js';
import * as core from './fixtures/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { run } = await import('../src/main.js');

const TOKEN = 'hrku-inprocess-secret-4242';
let sim: HerokuSimulator;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  core.reset();
  process.env = { ...savedEnv };
  delete process.env.GITHUB_STEP_SUMMARY;
  delete process.env.GITHUB_EVENT_PATH;
  sim.apps.clear();
  sim.requests.length = 0;
  Object.assign(core.inputs, { 'api-key': TOKEN, 'api-url': sim.url, 'dry-run': 'false', parallel: '4' });
});

describe('one app', () => {
  it('scales to the schedule and sets the outputs', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    Object.assign(core.inputs, { app: 'shop-app', schedule: 'web=2' });
    await run(() => sharedClock.now());
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(sim.quantities('shop-app')).toEqual({ web: 2 });
    expect(core.outputs()).toMatchObject({
      changed: 'true',
      quantity: '2',
      'previous-quantity': '1',
      reason: 'schedule',
    });
    expect(core.info.mock.calls[0][0]).toBe('shop-app: scaled web 1 → 2 (schedule: "web=2" gives web=2)');
    expect(core.setSecret).toHaveBeenCalledWith(TOKEN);
  });

  it('fails on bad input before any request', async () => {
    Object.assign(core.inputs, { app: 'Shop_App', schedule: 'web=2' });
    await run(() => sharedClock.now());
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining('Input "app": "Shop_App"'));
    expect(sim.count()).toBe(0);
  });

  it('fails naming the app when Heroku does not know it, and changes nothing', async () => {
    Object.assign(core.inputs, { app: 'ghost-app', schedule: 'web=2' });
    await run(() => sharedClock.now());
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining('app "ghost-app" was not found'));
    expect(core.outputs().changed).toBe('false');
  });

  it('changes nothing while paused', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    Object.assign(core.inputs, { app: 'shop-app', schedule: 'web=2', 'pause-until': 'true' });
    await run(() => sharedClock.now());
    expect(sim.count()).toBe(0);
    expect(core.outputs()).toMatchObject({ changed: 'false', reason: 'paused' });
  });

  it('refuses a bad step input', async () => {
    Object.assign(core.inputs, { app: 'shop-app', schedule: 'web=2', shard: '5/4' });
    await run(() => sharedClock.now());
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining('Input "shard": "5/4" is not K/N'));
  });
});

describe('a fleet', () => {
  it('runs every app of the file and reports them together', async () => {
    sim.addApp('shop-web', [{ type: 'web', quantity: 1 }]);
    sim.addApp('blog', [{ type: 'web', quantity: 3 }]);
    const workspace = mkdtempSync(path.join(tmpdir(), 'run-fleet-'));
    writeFileSync(
      path.join(workspace, 'fleet.yml'),
      'apps:\n  shop-web:\n    schedule: web=2\n  blog:\n    schedule: web=3\n',
    );
    process.env.GITHUB_WORKSPACE = workspace;
    Object.assign(core.inputs, { config: 'fleet.yml' });
    await run(() => sharedClock.now());
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(JSON.parse(core.outputs().results)).toEqual({
      'shop-web': { changed: true, quantity: 2, reason: 'schedule', health: 'skipped', error: null },
      blog: { changed: false, quantity: 3, reason: 'schedule', health: 'skipped', error: null },
    });
  });

  it('refuses a fleet file that is not in the workspace', async () => {
    process.env.GITHUB_WORKSPACE = mkdtempSync(path.join(tmpdir(), 'run-fleet-'));
    Object.assign(core.inputs, { config: 'missing.yml' });
    await run(() => sharedClock.now());
    expect(core.setFailed).toHaveBeenCalledWith(
      expect.stringContaining('"missing.yml" was not found in the workspace'),
    );
    expect(sim.count()).toBe(0);
  });
});
