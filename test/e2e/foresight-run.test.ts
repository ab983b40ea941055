/**
 * Foresight through the packaged action: runs at faked instants over a simulated week build a
 * history (through the cache stand-in) with a clear weekly shape; the page then suggests a
 * schedule that follows it, and with `predict: true` a run before the weekly peak scales out
 * ahead of it.
 */
import { describe, expect, it } from '@jest/globals';
import { hireFireInfo } from '../../simulator/metrics-formats.js';
import { runAction } from '../../simulator/run-action.js';
import { parseSchedule } from '../../src/core/schedule.js';
import { appWorld } from '../support/app-world.js';
import { runner } from '../support/history-runner.js';

const TOKEN = 'hrku-foresight-secret-777';
const world = appWorld(TOKEN);

const env = runner('0 12 * * *');
let runId = 0;

function run(at: string, inputs: Record<string, string> = {}) {
  runId++;
  return runAction({
    inputs: {
      app: 'shop-app',
      'api-key': TOKEN,
      'api-url': world.sim.url,
      schedule: 'worker=1',
      max: 'worker=8',
      process: 'worker',
      'metrics-url': `${world.site.url}/hirefire/tok/info`,
      load: 'worker: worker per 100',
      ...inputs,
    },
    env: { ...env, ...world.cache.env(), GITHUB_RUN_ID: String(runId), GITHUB_RUN_ATTEMPT: '1' },
    at,
  });
}

describe('a week of runs', () => {
  it('suggests a schedule that follows it, then scales out before the weekly peak', async () => {
    world.sim.addApp('shop-app', [{ type: 'worker', quantity: 1, updatedAt: '2026-11-01T00:00:00Z' }]);
    // Every day at 12:00 for a week, Tuesday to Monday: 500 jobs on weekdays, 80 at weekends.
    const days = ['01', '02', '03', '04', '05', '06', '07'];
    let last: Awaited<ReturnType<typeof run>> | null = null;
    for (const day of days) {
      const weekend = day === '05' || day === '06';
      world.site.route('/hirefire/tok/info', hireFireInfo({ worker: weekend ? 80 : 500 }));
      last = await run(`2026-12-${day}T12:00:00Z`, { predict: 'true' });
      expect(last.code).toBe(0);
      if (day === '01')
        expect(last.summary).toContain('predict has no effect yet: 0 of the 7 days it needs are recorded');
    }
    const page = last?.summary ?? '';
    expect(page).toContain('#### What the last 7 days suggest');
    const suggested = last?.outputs['suggested-schedule'] ?? '';
    // Saturday's run found 5 workers (Friday's) with a short queue: it learned that one fewer
    // would do, not that one would; Sunday's, at 1, that 1 did.
    expect(suggested).toBe('Mon-Fri 12:00-13:00 worker=5\nSat 12:00-13:00 worker=4\nworker=1');
    // It reads back as a schedule, with nothing that never applies.
    expect(parseSchedule(suggested, 'worker').warnings).toEqual([]);
    expect(page).toContain('| worker | Mon-Fri 12:00-13:00 | 1 | 5 | needed more');
    expect(page).toMatch(
      /now 168 dyno-h a week = \$[\d.]+ a month; suggested 191 dyno-h = \$[\d.]+ a month; \*\*\+\$[\d.]+ a month\*\*/,
    );

    // A week later, 20 minutes before Monday's peak, the queue is still short: predict scales out.
    // Over the weekend the workers went back to one.
    world.sim.apps.clear();
    world.sim.addApp('shop-app', [{ type: 'worker', quantity: 1, updatedAt: '2026-12-12T00:00:00Z' }]);
    world.site.route('/hirefire/tok/info', hireFireInfo({ worker: 40 }));
    const ahead = await run('2026-12-14T11:40:00Z', { predict: 'true', 'dry-run': 'true' });
    expect(ahead.outputs).toMatchObject({ reason: 'predicted', quantity: '5', changed: 'true' });
    expect(ahead.summary).toContain('Would scale **worker 1 → 5 (predicted:');
    expect(ahead.summary).toContain('Mon 11:00-13:00 needed worker=5 in the recorded weeks');
    const plain = await run('2026-12-14T11:41:00Z', { 'dry-run': 'true' });
    expect(plain.outputs).toMatchObject({ reason: 'schedule', quantity: '1' });
  });
});
