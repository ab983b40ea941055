/** Fleets, shards, pauses, maintenance mode, the heartbeat and the keepalive, through the packaged action. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../../simulator/app-server.js';
import { type GitHubSimulator, startGitHubSimulator } from '../../simulator/github-simulator.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import { everythingShown, HARNESS_GITHUB_TOKEN, runAction } from '../../simulator/run-action.js';
import { shardOf } from '../../src/fleet.js';

const TOKEN = 'hrku-fleet-secret-24680';
const OTHER_TOKEN = 'hrku-other-account-13579';
const AT = '2026-11-30T12:00:00Z';

let sim: HerokuSimulator;
let github: GitHubSimulator;
let beat: AppServer;
beforeAll(async () => {
  sim = await startSimulator({ tokens: [TOKEN, OTHER_TOKEN] });
  github = await startGitHubSimulator([HARNESS_GITHUB_TOKEN]);
  beat = await startAppServer();
});
afterAll(async () => {
  await Promise.all([sim.close(), github.close(), beat.close()]);
});
beforeEach(() => {
  sim.setRateLimitRemaining(4500);
  sim.apps.clear();
  sim.requests.length = 0;
  beat.requests.length = 0;
  github.requests.length = 0;
});

/** A workspace holding the fleet file, as actions/checkout would leave it. */
function workspace(config: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleet-'));
  mkdirSync(path.join(dir, 'ops'), { recursive: true });
  writeFileSync(path.join(dir, 'ops', 'fleet.yml'), config);
  return dir;
}

function run(inputs: Record<string, string>, env: Record<string, string> = {}, at = AT) {
  return runAction({
    inputs: { 'api-key': TOKEN, 'api-url': sim.url, ...inputs },
    env: {
      GITHUB_REPOSITORY: 'acme/ops',
      GITHUB_WORKFLOW_REF: 'acme/ops/.github/workflows/autoscale.yml@refs/heads/main',
      GITHUB_API_URL: github.url,
      ...env,
    },
    at,
  });
}

function fleet(config: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  return run({ config: 'ops/fleet.yml', ...inputs }, { GITHUB_WORKSPACE: workspace(config), ...env });
}

const errors = (r: Awaited<ReturnType<typeof run>>) =>
  r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warnings = (r: Awaited<ReturnType<typeof run>>) =>
  r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('many apps from one config file', () => {
  it('runs every app on its own: two converge, the unknown third fails the step by name', async () => {
    sim.addApp('shop-web', [{ type: 'web', quantity: 1 }]);
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    // A schedule shared with an anchor and a merge key; the app's own keys win over merged ones.
    const config = [
      'defaults:',
      '  max: 4',
      'apps:',
      '  shop-web: &office',
      '    schedule: |',
      '      07:00-22:00 web=3',
      '      web=1',
      '  blog:',
      '    <<: *office',
      '    max: 5',
      '  ghost-app:',
      '    schedule: web=1',
    ].join('\n');
    const result = await fleet(config);
    expect(result.code).toBe(1);
    expect(sim.quantities('shop-web')).toEqual({ web: 3 });
    expect(sim.quantities('blog')).toEqual({ web: 3 });
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^1 of 3 apps did not reach their target: ghost-app \(app "ghost-app" was not found/,
      ),
    ]);
    const results = JSON.parse(result.outputs.results);
    expect(results['shop-web']).toEqual({
      changed: true,
      quantity: 3,
      reason: 'schedule',
      health: 'skipped',
      error: null,
    });
    expect(results['ghost-app'].error).toContain('was not found');
    expect(result.outputs.changed).toBe('true');
    expect(result.summary).toContain('3 apps, 2 changed, 0 unchanged, 1 failed.');
    expect(result.summary).toContain('<details><summary>shop-web: scaled web 1 → 3');
  });

  it('checks the whole file before any request: an unknown key names the file, line, app and key', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const result = await fleet('apps:\n  blog:\n    schedule: web=2\n  shop-web:\n    schedul: web=3\n');
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      'Input "config": ops/fleet.yml line 5, app "shop-web", key "schedul": unknown key (not an input of this action; did you mean "schedule"?)',
    ]);
    expect(sim.count()).toBe(0);
    const stepOnly = await fleet(
      'apps:\n  blog:\n    schedule: web=2\n    notify-url: https://hooks.example.test/x\n',
    );
    expect(errors(stepOnly)).toEqual([
      'Input "config": ops/fleet.yml line 4, app "blog", key "notify-url": unknown key (it is set on the step, not per app)',
    ]);
  });

  it('names the line of a bad value, and of an app listed twice', async () => {
    const bad = await fleet('apps:\n  blog:\n    schedule: web=2\n    max: lots\n');
    expect(errors(bad)).toEqual([expect.stringContaining('ops/fleet.yml line 4, app "blog": Input "max"')]);
    const twice = await fleet('apps:\n  blog:\n    schedule: web=2\n  blog:\n    schedule: web=1\n');
    expect(errors(twice)).toEqual([
      'Input "config": ops/fleet.yml line 4, app "blog": listed twice, at lines 2 and 4; keep one',
    ]);
    const keyTwice = await fleet('apps:\n  blog:\n    schedule: web=2\n    max: web=3\n    max: web=4\n');
    expect(errors(keyTwice)).toEqual([
      'Input "config": ops/fleet.yml line 5, app "blog", key "max": given twice, at lines 4 and 5; keep one',
    ]);
    expect(sim.count()).toBe(0);
  });

  it('tells every mistake of the file at once, each with its line, app and the key it probably meant', async () => {
    const result = await fleet(
      'defaults:\n  timezon: Europe/London\napps:\n  blog:\n    scheduel: web=2\n  shop-web:\n    schedule: web=2\n    max: lots\n',
    );
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      [
        'Input "config": 3 problems in ops/fleet.yml:',
        '(1) line 2, key "timezon": unknown key (not an input of this action; did you mean "timezone"?);',
        '(2) line 5, app "blog", key "scheduel": unknown key (not an input of this action; did you mean "schedule"?);',
        '(3) line 8, app "shop-web": Input "max": quantity "lots" is not a whole number from 0 to 1000',
      ].join(' '),
    ]);
    expect(sim.count()).toBe(0);
  });

  it('reads an alias of a block scalar as its text, as any YAML reader does', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const result = await fleet(
      'defaults:\n  timezone: UTC\nx-hours: &office-hours |\n  07:00-22:00 web=3\n  web=1\napps:\n  blog:\n    schedule: *office-hours\n',
    );
    expect(errors(result)).toEqual([
      expect.stringContaining('unknown top-level key "x-hours"; expected defaults and apps'),
    ]);
    const inApp = await fleet(
      'apps:\n  shop-web:\n    schedule: &office-hours |\n      07:00-22:00 web=3\n      web=1\n  blog:\n    schedule: *office-hours\n',
      { apps: 'blog' },
    );
    expect(inApp.code).toBe(0);
    expect(sim.quantities('blog')).toEqual({ web: 3 });
  });

  it('reads merge keys nested nine deep and four wide in linear time, and refuses a merge of itself', async () => {
    // Without reading each mapping once, this 400-byte file is 4^9 merges: hours of work.
    let config = 'defaults: &d0\n  schedule: web=2\napps:\n';
    for (let level = 1; level <= 9; level++) {
      const previous = `*d${level - 1}`;
      config += `  bomb-${level}: &d${level} {<<: [${previous}, ${previous}, ${previous}, ${previous}]}\n`;
      sim.addApp(`bomb-${level}`, [{ type: 'web', quantity: 1 }]);
    }
    const result = await fleet(config);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.outputs.results)['bomb-9']).toMatchObject({ quantity: 2, changed: true });
    const itself = await fleet('apps:\n  blog: &a\n    schedule: web=1\n    <<: *a\n');
    expect(errors(itself)).toEqual([
      'Input "config": ops/fleet.yml line 4: a merge key (<<) includes the mapping it is in; refused',
    ]);
    // Mappings merged inside mappings, twenty deep, in one app.
    const deep = `apps:\n  blog:\n    ${'<<: {'.repeat(20)}schedule: web=2${'}'.repeat(20)}\n`;
    expect(errors(await fleet(deep))).toEqual([
      'Input "config": ops/fleet.yml line 3: merge keys (<<) nest more than 16 deep; refused',
    ]);
    expect(sim.count('PATCH')).toBe(9);
  });

  it('refuses a fleet file that is a folder, a FIFO or a link out of the workspace, naming the input', async () => {
    const dir = workspace('apps:\n  blog:\n    schedule: web=1\n');
    execFileSync('mkfifo', [path.join(dir, 'ops', 'fifo.yml')]);
    symlinkSync('/dev/zero', path.join(dir, 'ops', 'zero.yml'));
    const cases: [string, string][] = [
      [
        'ops',
        'Input "config": "ops" is a folder, not a file; name the fleet file itself, e.g. ops/autoscale.yml',
      ],
      ['ops/fifo.yml', 'Input "config": "ops/fifo.yml" is not a regular file (a FIFO, a device or a socket)'],
      [
        'ops/zero.yml',
        'Input "config": "ops/zero.yml" is a link to a file outside the workspace; give a path inside the repository',
      ],
    ];
    for (const [config, message] of cases) {
      const result = await run({ config }, { GITHUB_WORKSPACE: dir });
      expect(result.code).toBe(1);
      expect(errors(result)).toEqual([message]);
    }
    expect(sim.count()).toBe(0);
  });

  it("keeps the summary of 300 apps under GitHub's 1 MiB limit, saying what it shortened", async () => {
    const names = Array.from({ length: 300 }, (_, i) => `big-${String(i).padStart(3, '0')}`);
    for (const name of names) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
    const config = `defaults:\n  schedule: |\n    07:00-22:00 web=3\n    22:00-03:00 web=2\n    web=1\napps:\n${names.map((n) => `  ${n}: {}`).join('\n')}\n`;
    const result = await fleet(config, { 'dry-run': 'true', parallel: '16' });
    expect(result.code).toBe(0);
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(900 * 1024);
    expect(result.summary).toContain('| big-299 | dry run, would scale web 1 → 3');
    expect(result.summary).toContain('<details><summary>big-000: dry run, would scale web 1 → 3');
    expect(result.summary).toMatch(
      /_\d+ apps' detail shortened to one line to keep this page under GitHub's 1 MiB limit for a job summary; every app's result is in the `results` output/,
    );
    expect(result.summary).toContain('- big-299: dry run, would scale web 1 → 3');
    expect(Object.keys(JSON.parse(result.outputs.results))).toHaveLength(300);
  });

  it('splits a fleet into shards with no app in two and none left out', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `app-${String(i + 1).padStart(2, '0')}`);
    for (const name of names) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
    const config = `apps:\n${names.map((n) => `  ${n}:\n    schedule: web=2`).join('\n')}\n`;
    const seen: string[][] = [];
    for (let k = 1; k <= 3; k++) {
      sim.requests.length = 0;
      const result = await fleet(config, { shard: `${k}/3`, 'dry-run': 'true' });
      expect(result.code).toBe(0);
      seen.push(Object.keys(JSON.parse(result.outputs.results)));
      expect(new Set(sim.requests.map((r) => r.path.split('/')[2]))).toEqual(new Set(seen[k - 1]));
    }
    expect(seen.flat().sort()).toEqual(names);
    for (const [k, shard] of seen.entries()) for (const name of shard) expect(shardOf(name, 3)).toBe(k + 1);
  });

  it('scales one app of a fleet by hand with apps and quantity', async () => {
    sim.addApp('shop-web', [{ type: 'web', quantity: 1 }]);
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const result = await fleet('apps:\n  shop-web:\n    schedule: web=1\n  blog:\n    schedule: web=1\n', {
      apps: 'blog',
      quantity: '2',
    });
    expect(result.code).toBe(0);
    expect(sim.quantities('blog')).toEqual({ web: 2 });
    expect(sim.quantities('shop-web')).toEqual({ web: 1 });
    expect(sim.requests.every((r) => r.path.startsWith('/apps/blog/'))).toBe(true);
  });

  it('sends one notification for the fleet, naming the apps that changed or failed', async () => {
    sim.addApp('shop-web', [{ type: 'web', quantity: 1 }]);
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const result = await fleet(
      'apps:\n  shop-web:\n    schedule: web=2\n  blog:\n    schedule: web=1\n  ghost-app:\n    schedule: web=1\n',
      { 'notify-url': `${beat.url}/hook`, 'notify-on': 'change' },
    );
    expect(result.code).toBe(1);
    const posts = beat.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    const body = JSON.parse(posts[0].body);
    expect(body.heroku_autoscale).toMatchObject({ app: 'fleet of 3 apps', status: 'failed' });
    expect(body.text).toContain('ghost-app FAILED');
    expect(body.text).toContain('shop-web: scaled web 1 → 2');
    expect(body.text).not.toContain('blog');
  });

  it("sets the workflow's Actions bill against the fleet's saving, once", async () => {
    sim.addApp('shop-web', [{ type: 'web', quantity: 1 }]);
    sim.addApp('blog', [{ type: 'web', quantity: 2 }]);
    const ws = workspace(
      'apps:\n  shop-web:\n    schedule: |\n      07:00-22:00 web=3\n      web=1\n  blog:\n    schedule: web=2\n',
    );
    const eventPath = path.join(ws, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ schedule: '5-59/10 * * * *', repository: { private: true } }));
    const result = await run(
      { config: 'ops/fleet.yml', 'dry-run': 'true' },
      { GITHUB_WORKSPACE: ws, GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: eventPath },
    );
    expect(result.code).toBe(0);
    // shop-web saves $75.00 − $56.25; blog, at one quantity all week, nothing.
    expect(result.summary.match(/#### The Actions bill/g)).toEqual(['#### The Actions bill']);
    expect(result.summary).toContain('$18.75 − $25.92 = **−$7.17**');
    expect(warnings(result)).toEqual([
      expect.stringMatching(/^fleet: the Actions minutes of this workflow \(\$25\.92 a month/),
    ]);
  });

  it('uses another account token from api-key-env', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const result = await fleet(
      'apps:\n  blog:\n    schedule: web=2\n    api-key-env: OTHER_HEROKU_KEY\n',
      {},
      {
        OTHER_HEROKU_KEY: OTHER_TOKEN,
      },
    );
    expect(result.code).toBe(0);
    expect(sim.quantities('blog')).toEqual({ web: 2 });
    expect(everythingShown(result)).not.toContain(OTHER_TOKEN.slice(4));
  });

  it('skips the apps it cannot finish when the token runs low on API calls, and says so', async () => {
    for (const name of ['app-a', 'app-b', 'app-c']) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
    sim.setRateLimitRemaining(12);
    const result = await fleet(
      `apps:\n${['app-a', 'app-b', 'app-c'].map((n) => `  ${n}:\n    schedule: web=2`).join('\n')}\n`,
      {
        parallel: '1',
      },
    );
    expect(result.code).toBe(1);
    const results = JSON.parse(result.outputs.results);
    expect(results['app-a'].changed).toBe(true);
    expect(results['app-b'].reason).toBe('skipped');
    expect(results['app-c'].reason).toBe('skipped');
    expect(sim.quantities('app-b')).toEqual({ web: 1 });
    expect(sim.requests.some((r) => r.path.startsWith('/apps/app-b'))).toBe(false);
  });

  it('tells of skipped apps as failures: the notification, on failure alone, and the low rate-limit warning', async () => {
    for (const name of ['app-a', 'app-b']) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
    sim.setRateLimitRemaining(12);
    const result = await fleet(
      `apps:\n${['app-a', 'app-b'].map((n) => `  ${n}:\n    schedule: web=2`).join('\n')}\n`,
      {
        parallel: '1',
        'notify-url': `${beat.url}/hook`,
        'notify-on': 'failure',
      },
    );
    expect(result.code).toBe(1);
    const posts = beat.requests
      .filter((r) => r.method === 'POST')
      .map((r) => JSON.parse(r.body).heroku_autoscale);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ status: 'failed', app: 'fleet of 2 apps' });
    expect(posts[0].message).toContain('app-b SKIPPED: only');
    expect(posts[0].message).toContain('app-a: scaled web 1 → 2');
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        /^only \d+ Heroku API calls are left for the token of app-a \(RateLimit-Remaining\)/,
      ),
    });
  });

  it('refuses a manual quantity for a fleet that does not name its apps, before any request', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const result = await fleet('apps:\n  blog:\n    schedule: web=1\n', { quantity: '4' });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      expect.stringContaining('Input "apps": is empty while quantity is given for a fleet'),
    ]);
    expect(sim.count()).toBe(0);
  });

  it("names a manual quantity refused for an app of the fleet as the step's quantity, once", async () => {
    const result = await fleet('apps:\n  blog:\n    schedule: web=1\n    max: web=3\n', {
      quantity: 'web=9',
      apps: 'blog',
    });
    expect(result.code).toBe(1);
    expect(errors(result)).toEqual([
      'Input "quantity": web=9 is above max web=3 (for app "blog" of ops/fleet.yml)',
    ]);
    expect(result.summary).toContain('## Heroku Autoscale: fleet ops/fleet.yml');
    expect(sim.count()).toBe(0);
  });
});

describe('a schedule that never dies silently', () => {
  it('sends the heartbeat after a run that reached every target, and not after a failure', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const ok = await run({ app: 'blog', schedule: 'web=2', 'heartbeat-url': `${beat.url}/ping/abc` });
    expect(ok.code).toBe(0);
    expect(beat.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /ping/abc']);
    const failed = await run({ app: 'nope-app', schedule: 'web=2', 'heartbeat-url': `${beat.url}/ping/abc` });
    expect(failed.code).toBe(1);
    expect(beat.requests).toHaveLength(1);
  });

  it('re-enables its own workflow, and warns what permission to add when it may not', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 2 }]);
    const ok = await run({ app: 'blog', schedule: 'web=2', keepalive: 'true' });
    expect(ok.code).toBe(0);
    expect(github.requests).toEqual([
      {
        method: 'PUT',
        path: '/repos/acme/ops/actions/workflows/autoscale.yml/enable',
        token: HARNESS_GITHUB_TOKEN,
        status: 204,
      },
    ]);
    expect(warnings(ok)).toEqual([]);
    const denied = await run({
      app: 'blog',
      schedule: 'web=2',
      keepalive: 'true',
      'github-token': 'ghs_readonly0000000000',
    });
    expect(denied.code).toBe(0);
    expect(warnings(denied)).toEqual([
      expect.stringContaining('(HTTP 403): give the job "permissions: actions: write"'),
    ]);
  });

  it('changes nothing while paused, then says the pause has expired', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const paused = await run({ app: 'blog', schedule: 'web=2', 'pause-until': '2026-11-30T18:00' });
    expect(paused.code).toBe(0);
    expect(paused.outputs).toMatchObject({ changed: 'false', reason: 'paused' });
    expect(sim.count()).toBe(0);
    expect(paused.summary).toContain('**Paused** until 2026-11-30T18:00Z: nothing was changed.');
    const expired = await run(
      { app: 'blog', schedule: 'web=2', 'pause-until': '2026-11-30T18:00' },
      {},
      '2026-11-30T19:00:00Z',
    );
    expect(expired.annotations).toContainEqual({
      level: 'notice',
      message: 'blog: the pause until 2026-11-30T18:00 has expired; following the schedule again',
    });
    expect(sim.quantities('blog')).toEqual({ web: 2 });
  });

  it('turns maintenance mode on when web goes to 0, and off once web is back above it', async () => {
    sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
    const schedule = '07:00-22:00 web=1\nweb=0';
    const night = await run(
      { app: 'blog', schedule, 'maintenance-when-zero': 'true' },
      {},
      '2026-11-30T23:00:00Z',
    );
    expect(night.code).toBe(0);
    expect(sim.quantities('blog')).toEqual({ web: 0 });
    expect(sim.maintenance('blog')).toBe(true);
    const patches = sim.requests.filter((r) => r.method === 'PATCH').map((r) => r.path);
    expect(patches).toEqual(['/apps/blog/formation', '/apps/blog']);
    expect(sim.requests.every((r) => r.violations.length === 0)).toBe(true);
    const web = sim.apps.get('blog')?.formation[0];
    if (web) web.updatedAt = '2026-11-30T23:00:00Z';
    const morning = await run(
      { app: 'blog', schedule, 'maintenance-when-zero': 'true' },
      {},
      '2026-12-01T08:00:00Z',
    );
    expect(morning.code).toBe(0);
    expect(sim.quantities('blog')).toEqual({ web: 1 });
    expect(sim.maintenance('blog')).toBe(false);
  });

  it('converges maintenance mode on every run: a run that finds web at 0 and maintenance off turns it on', async () => {
    // As a run killed between the formation update and the maintenance update leaves it.
    sim.addApp('blog', [{ type: 'web', quantity: 0 }]);
    const inputs = { app: 'blog', schedule: '07:00-22:00 web=1\nweb=0', 'maintenance-when-zero': 'true' };
    // The maintenance update fails for every attempt: the formation is right, the run fails.
    sim.inject({ method: 'PATCH', path: '/apps/blog', times: 2, fault: { kind: 'status', status: 503 } });
    const failed = await run({ ...inputs, 'api-attempts': '2' }, {}, '2026-11-30T23:00:00Z');
    expect(failed.code).toBe(1);
    expect(sim.maintenance('blog')).toBe(false);
    sim.requests.length = 0;
    const repaired = await run(inputs, {}, '2026-11-30T23:10:00Z');
    expect(repaired.code).toBe(0);
    expect(repaired.outputs.changed).toBe('false');
    expect(sim.maintenance('blog')).toBe(true);
    expect(repaired.annotations).toContainEqual({
      level: 'notice',
      message: 'blog: maintenance mode turned on (web is at 0)',
    });
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /apps/blog/formation',
      'GET /apps/blog',
      'PATCH /apps/blog',
    ]);
    // Steady state: read, and change nothing.
    sim.requests.length = 0;
    await run(inputs, {}, '2026-11-30T23:20:00Z');
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /apps/blog/formation',
      'GET /apps/blog',
    ]);
  });
});
