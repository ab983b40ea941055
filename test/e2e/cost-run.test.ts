/** The cost section, the Actions bill and the cron output, and a monitor's dispatch, through the packaged action. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../../simulator/app-server.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import { runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';

const TOKEN = 'hrku-cost-secret-16180';
const AT = '2026-11-30T12:00:00Z';
let sim: HerokuSimulator;
let site: AppServer;
beforeAll(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
  site = await startAppServer();
});
afterAll(async () => {
  await Promise.all([sim.close(), site.close()]);
});
beforeEach(() => {
  sim.addApp('shop-app', [{ type: 'web', quantity: 3 }]);
});

/** The runner's event files: the payload, and the workflow file in the workspace when given. */
function event(name: string, payload: unknown, workflow?: string): Record<string, string> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'event-'));
  const eventPath = path.join(workspace, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload));
  if (workflow !== undefined) {
    const dir = path.join(workspace, '.github', 'workflows');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'autoscale.yml'), workflow);
  }
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/autoscale.yml@refs/heads/main',
  };
}

function run(inputs: Record<string, string>, env: Record<string, string>) {
  return runAction({
    inputs: { app: 'shop-app', 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE, ...inputs },
    env,
    at: AT,
  });
}

describe('the Actions bill beside the savings', () => {
  it('bills a private repository 4,320 minutes for every 10 minutes, and warns that it costs more than it saves', async () => {
    const result = await run(
      { 'dry-run': 'true' },
      event('schedule', {
        schedule: '5-59/10 * * * *',
        repository: { private: true, visibility: 'private' },
      }),
    );
    expect(result.code).toBe(0);
    expect(result.summary).toContain('4,320 runs in 30 days × 1 billed minute');
    expect(result.summary).toContain('Linux 2-core (ubuntu-latest): 4,320 × $0.006 = **$25.92**');
    expect(result.summary).toContain('Linux 1-core (ubuntu-slim): 4,320 × $0.002 = **$8.64**');
    expect(result.summary).toContain('$13.54 − $25.92 = **−$12.38**');
    expect(result.summary).toContain(
      'the cron that started this run, alone: the workflow file was not in the workspace (check the repository out to count every cron of the workflow), so its time zone is taken as UTC',
    );
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('cost more than the schedule saves ($13.54)'),
    });
    expect(result.outputs.cron.split('\n')).toEqual(['3 3,7,22 * * *', '18 3,7,22 * * *', '33 3,7,22 * * *']);
  });

  it('bills a public repository nothing, reading the cron zone from the workflow file', async () => {
    const workflow = "on:\n  schedule:\n    - cron: '5-59/10 * * * *'\n      timezone: Europe/London\n";
    const result = await run(
      { 'dry-run': 'true', timezone: 'Europe/London' },
      event(
        'schedule',
        { schedule: '5-59/10 * * * *', repository: { private: false, visibility: 'public' } },
        workflow,
      ),
    );
    expect(result.code).toBe(0);
    expect(result.summary).toContain(
      'Cron `5-59/10 * * * *` (Europe/London), from every on.schedule entry of the workflow file',
    );
    expect(result.summary).toContain('This repository is public: standard runners cost **$0**.');
    expect(result.summary).toContain('      timezone: Europe/London');
    expect(result.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  });

  it('shows one workflow the same Actions bill on a scheduled, a manual and a monitor run', async () => {
    // The README's workflow: the derived lines, a 30-minute floor, manual and monitor triggers.
    const workflow = [
      'on:',
      '  workflow_dispatch:',
      '  repository_dispatch:',
      '    types: [app-down]',
      '  schedule:',
      "    - cron: '7-59/30 * * * *'",
      "    - cron: '3 3,7,22 * * *'",
      '      timezone: Europe/London',
      '',
    ].join('\n');
    const repository = { private: true, visibility: 'private' };
    const runs = [
      event('schedule', { schedule: '7-59/30 * * * *', repository }, workflow),
      event('schedule', { schedule: '3 3,7,22 * * *', repository }, workflow),
      event('workflow_dispatch', { repository }, workflow),
      event('repository_dispatch', { action: 'app-down', repository }, workflow),
    ];
    const bills: string[] = [];
    for (const env of runs) {
      const result = await run({ 'dry-run': 'true' }, env);
      expect(result.code).toBe(0);
      const section = /#### The Actions bill\n\n([\s\S]*?)\n\n####/.exec(result.summary)?.[1] ?? '';
      bills.push(section);
    }
    expect(new Set(bills).size).toBe(1);
    // 1,440 runs of the floor and 90 of the three lines, counted over 30 days.
    expect(bills[0]).toContain('Cron `7-59/30 * * * *` (UTC), `3 3,7,22 * * *` (Europe/London)');
    expect(bills[0]).toContain('1,530 runs in 30 days');
    expect(bills[0]).toContain(
      'each manual or monitor run (`workflow_dispatch`, `repository_dispatch`) is 1 billed minute',
    );
  });

  it('warns of a schedule change the cron in use serves late by design', async () => {
    const result = await run(
      { schedule: 'Mon-Fri 07:30-22:00 web=3\nweb=1', 'dry-run': 'true' },
      event('schedule', { schedule: '5 * * * *', repository: { private: false } }),
    );
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    // Tue to Fri and the next Monday at 07:30 are served at 08:05; 22:00 at 22:05 is on time.
    expect(warnings).toEqual([
      "the schedule's change Tue 07:30 web 1 → 3 is served 35 min late by the cron in use; add the line '30 7 * * 2' (UTC)",
      "the schedule's change Wed 07:30 web 1 → 3 is served 35 min late by the cron in use; add the line '30 7 * * 3' (UTC)",
      "the schedule's change Thu 07:30 web 1 → 3 is served 35 min late by the cron in use; add the line '30 7 * * 4' (UTC)",
      '2 more changes are served late by the cron in use',
    ]);
    expect(result.summary).toContain('- Fri 07:30 web 1 → 3: 35 min late; add `30 7 * * 5` (UTC)');
  });
});

describe('a fail-safe that does not wait for cron', () => {
  it('scales out at once when an uptime monitor dispatches the workflow for an app that is down', async () => {
    site.behave({ kind: 'ok', status: 503 });
    const result = await run(
      { 'health-url': `${site.url}/health`, max: 'web=6' },
      event('repository_dispatch', { action: 'app-down', client_payload: { monitor: 'uptime' } }),
    );
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ reason: 'failsafe', health: 'down', quantity: '6' });
    expect(sim.quantities('shop-app')).toEqual({ web: 6 });
  });
});

describe("the runner's files are read only inside their bounds", () => {
  const WORKFLOW = "on:\n  schedule:\n    - cron: '*/5 * * * *'\n";

  it('never reads a workflow file outside the workspace, through ../ in the ref or through a link', async () => {
    const env = event('workflow_dispatch', { repository: { private: true } });
    // The ref climbs out of the workspace to a workflow file beside it.
    const outside = path.join(
      path.dirname(env.GITHUB_WORKSPACE),
      `outside-${path.basename(env.GITHUB_WORKSPACE)}`,
    );
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'autoscale.yml'), WORKFLOW);
    const climbing = await run(
      { 'dry-run': 'true' },
      { ...env, GITHUB_WORKFLOW_REF: `acme/shop/../${path.basename(outside)}/autoscale.yml@refs/heads/main` },
    );
    expect(climbing.code).toBe(0);
    expect(climbing.summary).toContain(
      'no cron started this run and the workflow file was not in the workspace',
    );
    expect(climbing.summary).not.toContain('*/5');
    // The workflow file in the workspace is a link to the same outside file.
    mkdirSync(path.join(env.GITHUB_WORKSPACE, '.github', 'workflows'), { recursive: true });
    symlinkSync(
      path.join(outside, 'autoscale.yml'),
      path.join(env.GITHUB_WORKSPACE, '.github', 'workflows', 'autoscale.yml'),
    );
    const linked = await run({ 'dry-run': 'true' }, env);
    expect(linked.code).toBe(0);
    expect(linked.summary).toContain(
      'no cron started this run and the workflow file was not in the workspace',
    );
    expect(linked.summary).not.toContain('*/5');
  });

  it('reads no event payload that is a FIFO or a device, and still runs', async () => {
    const env = event('schedule', {});
    const fifo = path.join(env.GITHUB_WORKSPACE, 'event.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const payload of [fifo, '/dev/zero']) {
      const result = await run({ 'dry-run': 'true' }, { ...env, GITHUB_EVENT_PATH: payload });
      expect(result.code).toBe(0);
      expect(result.outputs.changed).toBe('false');
    }
  });
});
