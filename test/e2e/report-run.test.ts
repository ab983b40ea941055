/** Summary, annotations and notifications of the packaged action, against local receivers. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../../simulator/app-server.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import { everythingShown, runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';
import { mermaidBlocks, parseXyChart } from '../support/mermaid-xychart.js';

const TOKEN = 'hrku-report-secret-77';
const RUNNER_ENV = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '991',
};

let sim: HerokuSimulator;
let hook: AppServer;

beforeEach(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
  hook = await startAppServer();
});
afterEach(async () => {
  await sim.close();
  await hook.close();
});

async function run(web: number, inputs: Record<string, string>, at = '2026-11-30T15:00:00Z') {
  sim.addApp('shop-app', [{ type: 'web', quantity: web }]);
  const result = await runAction({
    inputs: { app: 'shop-app', 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE, ...inputs },
    env: RUNNER_ENV,
    at,
  });
  const shown = everythingShown(result);
  expect(shown).not.toContain(TOKEN);
  for (const request of hook.requests) {
    expect(request.body).not.toContain(TOKEN);
    expect(JSON.stringify(request.headers)).not.toContain(TOKEN);
    expect(request.headers.authorization).toBeUndefined();
  }
  return result;
}

function notifications() {
  return hook.requests.map((r) => JSON.parse(r.body));
}

describe('reporting', () => {
  it('writes a summary with a valid chart and the savings', async () => {
    const result = await run(1, {});
    expect(result.summary).toContain('Scaled **web 1 → 3 (schedule: "07:00-22:00 web=3" gives web=3)**');
    const [chart] = mermaidBlocks(result.summary).map(parseXyChart);
    expect(chart.bars[0][15]).toBe(3);
    expect(chart.lines[0][15]).toBe(3);
    expect(result.summary).toContain('= **$13.54 a month** (18.1% of $75.00)');
  });

  it.each([
    ['failure', 0],
    ['change', 1],
    ['always', 1],
  ])('notify-on %s after a change sends %i notification(s)', async (on, count) => {
    const result = await run(1, { 'notify-url': `${hook.url}/hook`, 'notify-on': on });
    expect(result.code).toBe(0);
    const expected = {
      app: 'shop-app',
      status: 'changed',
      before: { web: 1 },
      after: { web: 3 },
      reason: 'schedule',
      run_url: 'https://github.com/acme/shop/actions/runs/991',
    };
    expect(notifications().map((n) => n.heroku_autoscale)).toEqual(
      Array.from({ length: count }, () => expect.objectContaining(expected)),
    );
  });

  it.each([
    ['change', 0],
    ['always', 1],
  ])('notify-on %s without a change sends %i', async (on, count) => {
    await run(3, { 'notify-url': hook.url, 'notify-on': on });
    expect(hook.requests).toHaveLength(count);
  });

  it('notifies a failure with the original error, which stays the step error', async () => {
    sim.inject({
      times: 10,
      fault: { kind: 'status', status: 500, body: { id: 'internal', message: `boom for ${TOKEN}` } },
    });
    const result = await run(1, { 'notify-url': hook.url, 'api-attempts': '2' });
    expect(result.code).toBe(1);
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors).toEqual([
      { level: 'error', message: expect.stringContaining('Heroku API error (500 internal: boom for ***)') },
    ]);
    expect(notifications()).toEqual([
      expect.objectContaining({
        text: expect.stringContaining('Heroku Autoscale FAILED for shop-app: Heroku API error (500'),
      }),
    ]);
    expect(result.summary).toContain('**The run failed.**');
  });

  it('notifies a failure in the inputs too', async () => {
    const result = await run(1, { 'notify-url': hook.url, schedule: 'web=banana' });
    expect(result.code).toBe(1);
    expect(notifications()[0].text).toContain('Input "schedule" line 1');
    expect(sim.count()).toBe(0);
  });

  it('a dead webhook warns but never fails a run that scaled', async () => {
    hook.behave({ kind: 'ok', status: 503 });
    const result = await run(1, { 'notify-url': hook.url, 'notify-on': 'change' });
    expect(result.code).toBe(0);
    expect(sim.quantities('shop-app').web).toBe(3);
    expect(hook.requests).toHaveLength(2);
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('the notification to the webhook failed (HTTP 503, then HTTP 503'),
    });
  });

  it('notifies a dry run with the formation it would leave, as the outputs and the summary say', async () => {
    const result = await run(1, { 'notify-url': hook.url, 'notify-on': 'change', 'dry-run': 'true' });
    expect(result.code).toBe(0);
    expect(sim.quantities('shop-app').web).toBe(1);
    const [sent] = notifications().map((n) => n.heroku_autoscale);
    expect(sent).toMatchObject({ dry_run: true, before: { web: 1 }, after: { web: 3 } });
    expect(JSON.parse(result.outputs.formation).web.quantity).toBe(3);
    expect(result.outputs.quantity).toBe('3');
    expect(result.stdout).toContain('::group::Formation the run would leave');
    expect(result.stdout).not.toContain('Formation after the run');
  });

  it('says a refused update (422) applied nothing', async () => {
    sim.inject({
      method: 'PATCH',
      fault: {
        kind: 'status',
        status: 422,
        body: {
          id: 'invalid_params',
          message: 'Cannot update to more than 2 Standard-1X size dynos per process type.',
        },
      },
    });
    const result = await run(1, {});
    expect(result.code).toBe(1);
    expect(result.summary).toContain(
      '**The run failed.** Nothing was changed: Heroku refused the update, so none of it was applied.',
    );
    expect(result.summary).not.toContain('may have applied');
  });

  it('counts the next change from what the app has after a fail-safe, and draws it beside the schedule', async () => {
    const site = await startAppServer();
    try {
      site.behave({ kind: 'ok', status: 503 });
      const result = await run(3, { 'health-url': `${site.url}/health`, max: 'web=5' });
      expect(result.outputs).toMatchObject({ reason: 'failsafe', quantity: '5' });
      expect(result.summary).toContain('next: 22:00 web 5 → 2.');
      const [chart] = mermaidBlocks(result.summary).map(parseXyChart);
      expect(chart.bars[0][15]).toBe(3);
      expect(chart.lines[0][15]).toBe(5);
      expect(chart.yMax).toBe(6);
      expect(chart.title).toContain('the line: 5 now, at 15:00');
      expect(result.summary).toContain('### Schedule (UTC, now 15:00)');
    } finally {
      await site.close();
    }
  });

  it('masks the webhook URL, a secret in itself', async () => {
    const result = await run(3, { 'notify-url': `${hook.url}/T000/B000/XXXX` });
    expect(result.stdout).toContain(`::add-mask::${hook.url}/T000/B000/XXXX`);
  });

  it('logs the decision line first, detail in groups, traces in debug without headers', async () => {
    const result = await run(1, {});
    const lines = result.stdout
      .split('\n')
      .filter((l) => l && !l.startsWith('::add-mask::') && !l.startsWith('::debug::'));
    expect(lines[0]).toBe('shop-app: scaled web 1 → 3 (schedule: "07:00-22:00 web=3" gives web=3)');
    expect(result.stdout).toContain('::group::Decision');
    expect(result.stdout).toMatch(
      /::debug::shop-app: GET \/apps\/shop-app\/formation attempt 1: 200 in \d+ ms \(Request-Id: /,
    );
    expect(result.stdout).not.toMatch(/Authorization|Bearer/);
  });
});
