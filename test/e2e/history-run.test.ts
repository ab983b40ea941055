/** Memory across runs, through the packaged action and the real @actions/cache, against a local cache service. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type CacheService, startCacheService } from '../../simulator/cache-service.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';
import { runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';
import { runner } from '../support/history-runner.js';
import { mermaidBlocks, parseXyChart } from '../support/mermaid-xychart.js';

const TOKEN = 'hrku-history-secret-31337';
let sim: HerokuSimulator;
let cache: CacheService;

beforeAll(async () => {
  sim = await startSimulator({ tokens: [TOKEN] });
  cache = await startCacheService();
});
afterAll(async () => {
  await Promise.all([sim.close(), cache.close()]);
});
beforeEach(() => {
  sim.apps.clear();
  cache.entries.length = 0;
  cache.requests.length = 0;
  cache.fault = null;
});

function run(env: Record<string, string>, at: string, runId: number, inputs: Record<string, string> = {}) {
  return runAction({
    inputs: { app: 'shop-app', 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE, ...inputs },
    env: { ...cache.env(), ...env, GITHUB_RUN_ID: String(runId), GITHUB_RUN_ATTEMPT: '1' },
    at,
  });
}

/** The archive `@actions/cache` itself makes of `file`, saved to a service of its own and read back. */
async function archiveOf(file: string, env: Record<string, string>): Promise<Buffer> {
  const service = await startCacheService();
  const saved = { ...process.env };
  // The archive holds paths relative to the workspace, as the action's own does.
  Object.assign(process.env, service.env(), {
    RUNNER_TEMP: env.RUNNER_TEMP,
    GITHUB_WORKSPACE: env.GITHUB_WORKSPACE,
  });
  try {
    const { saveCache } = await import('@actions/cache');
    await saveCache([file], `crafted-${Date.parse('2026-11-30T00:00:00Z')}`);
    return service.finalized()[0].data as Buffer;
  } finally {
    process.env = saved;
    await service.close();
  }
}

const warnings = (r: Awaited<ReturnType<typeof run>>) =>
  r.annotations.filter((a) => a.level !== 'notice').map((a) => a.message);

describe('memory across runs', () => {
  it('says history starts with the first run, saves one entry a run, and restores the newest', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const env = runner('7 * * * *');
    const first = await run(env, '2026-11-30T12:09:00Z', 1);
    expect(first.code).toBe(0);
    expect(warnings(first)).toEqual([]);
    expect(first.summary).toContain('History starts with this run');
    expect(cache.finalized()).toHaveLength(1);
    const second = await run(env, '2026-11-30T13:12:00Z', 2);
    expect(second.code).toBe(0);
    expect(cache.finalized().map((e) => e.key.replace(/^.*-(\d+-\d+)$/, '$1'))).toEqual(['2-1', '1-1']);
    const saved = JSON.parse(readFileSync(second.outputs['history-file'], 'utf8'));
    expect(saved.runs).toHaveLength(2);
    expect(saved.runs.map((r: { cronAt: number }) => new Date(r.cronAt).toISOString())).toEqual([
      '2026-11-30T12:07:00.000Z',
      '2026-11-30T13:07:00.000Z',
    ]);
    expect(saved.runs[1].apps['shop-app']).toMatchObject({
      before: { web: [3, 'Standard-1X'] },
      after: { web: [3, 'Standard-1X'] },
      scheduled: { web: 3 },
      reason: 'schedule',
      changed: false,
      error: null,
    });
    expect(JSON.stringify(saved)).not.toContain(TOKEN);
  });

  it("shows the last day as it happened and GitHub's scheduler as measured, after a day of late and missing runs", async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const env = runner('7 * * * *');
    // Hourly at :07 for 26 hours from Mon 10:07: each run starts 3 to 25 minutes late; three never come.
    const lateness = [3, 5, 9, 25, 4, 6];
    const never = new Set([5, 11, 17]);
    let last: Awaited<ReturnType<typeof run>> | undefined;
    let runId = 1;
    for (let hour = 0; hour < 26; hour++) {
      if (never.has(hour)) continue;
      const at =
        Date.parse('2026-11-30T10:07:00Z') + hour * 3_600_000 + lateness[hour % lateness.length] * 60_000;
      last = await run(env, new Date(at).toISOString(), runId++);
      expect(last.code).toBe(0);
    }
    const page = last?.summary ?? '';
    if (process.env.LOOK_HISTORY) writeFileSync(process.env.LOOK_HISTORY, page);
    expect(page).toContain('### What happened');
    expect(page).toMatch(/23 runs recorded over 1(\.\d)? days?, kept in this repository's Actions cache/);
    expect(page).toContain('web: dynos that ran (bars), schedule (line), last 24 h (UTC)');
    const [ran, latency] = mermaidBlocks(page)
      .map(parseXyChart)
      .filter((c) => c.title.includes('last 24 h') || c.title.startsWith('Probe'));
    // The last 24 whole hours, each with the most dynos that ran: 3 by day, 2 in the evening, 1 at night.
    expect(ran.xLabels).toHaveLength(24);
    expect(new Set(ran.bars[0])).toEqual(new Set([1, 2, 3]));
    expect(ran.bars[0][ran.xLabels.indexOf('12')]).toBe(3);
    expect(ran.bars[0][ran.xLabels.indexOf('05')]).toBe(1);
    expect(ran.lines[0][ran.xLabels.indexOf('23')]).toBe(2);
    expect(latency).toBeUndefined();
    // More than a day recorded: the week's chart too, in quarters of a day.
    expect(page).toContain('web: dynos that ran (bars), schedule (line), last 7 days (UTC)');
    // The money as measured, and its arithmetic adds up.
    expect(page).toContain('#### What it cost, as measured');
    const net = /Measured net saving: \$([\d.]+) − \$([\d.]+) − \$([\d.]+) = \*\*(−?)\$([\d.]+)\*\*/.exec(
      page,
    );
    expect(net).not.toBeNull();
    const [baseline, spent, actions, sign, result] = (net as RegExpExecArray).slice(1);
    const expected = Number(baseline) - Number(spent) - Number(actions);
    expect((sign ? -1 : 1) * Number(result)).toBeCloseTo(expected, 1);
    expect(page).toContain(
      '- The Actions minutes of the recorded runs: 23 billed minutes × $0.006 = **$0.14**',
    );
    expect(page).toContain('Scaled to a month once 7 days are recorded');
    expect(page).toContain('<summary>A typical week, hour by hour (the one week recorded so far)</summary>');
    expect(page).toMatch(/\nMon {12}( {2}\.){10} {2}3 {2}3/);
    // Each run came 3 to 25 minutes late, and three never came: the app spent minutes below its schedule.
    expect(page).toMatch(/- The app ran \*\*\d+ dyno-minutes below its schedule\*\* over the record/);
    // Lateness 3 (five runs), 4 (four), 5 (five), 6 (one), 9 (four) and 25 (four): median 5, p90 25.
    expect(page).toContain(
      '- 23 scheduled runs over 1 day started a median of **5 min** after the time their cron named; p90 25 min, worst 25 min.',
    );
    // 25 hours asked for from 10:07 to 10:07 the next day (the last hour may still be on its way).
    expect(page).toContain("- 3 of the 25 runs the workflow's crons named over the record never came");
    expect(warnings(last as Awaited<ReturnType<typeof run>>)).toEqual([]);
  });

  it('starts a fresh history, with a warning, from a corrupt, old-format, foreign or huge entry', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const env = runner('7 * * * *');
    const first = await run(env, '2026-11-30T12:09:00Z', 1);
    const file = first.outputs['history-file'];
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const cases: [string, Buffer | null, string][] = [
      ['corrupt archive', Buffer.from('not a tar archive at all'), 'the cache could not restore the history'],
      ['old format', null, 'it is of format version 0, not 1'],
      ['foreign', null, 'it belongs to another workflow, job or fleet'],
      ['huge', null, 'the restored history is larger than 67108864 bytes'],
    ];
    let runId = 2;
    for (const [name, data, expected] of cases) {
      // The newest entry is the one the next run restores.
      const entry = cache.finalized()[0];
      if (data) entry.data = data;
      else {
        // Saved by the real library from a crafted file at the history file's path.
        const crafted =
          name === 'old format'
            ? { ...saved, version: 0 }
            : name === 'huge'
              ? { ...saved, padding: ' '.repeat(65 * 1024 * 1024) }
              : { ...saved, scope: 'another workflow' };
        writeFileSync(file, JSON.stringify(crafted));
        entry.data = await archiveOf(file, env);
      }
      const result = await run(env, '2026-11-30T13:12:00Z', runId++);
      expect(result.code).toBe(0);
      // An older format restarts with a notice; anything else is a warning.
      const told = result.annotations.filter(
        (a) => a.level === (name === 'old format' ? 'notice' : 'warning'),
      );
      expect(told.map((a) => a.message).filter((m) => m.includes('history'))).toEqual([
        expect.stringContaining(expected),
      ]);
      if (name === 'old format') expect(warnings(result)).toEqual([]);
      expect(result.summary).toContain('History starts with this run');
    }
  });

  it('still scales and warns once when the cache service cannot be reached', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const result = await runAction({
      inputs: { app: 'shop-app', 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE },
      env: { ...cache.env(), ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/', ...runner('7 * * * *') },
      at: '2026-11-30T15:00:00Z',
    });
    expect(result.code).toBe(0);
    expect(sim.quantities('shop-app')).toEqual({ web: 3 });
    expect(warnings(result)).toEqual([
      expect.stringMatching(
        /^the cache could not restore the history \(.*\); a fresh history starts with this run; not saved/,
      ),
    ]);
  });

  it('makes no cache request with history: false, and none where the runner offers no cache', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const off = await run(runner('7 * * * *'), '2026-11-30T12:09:00Z', 1, { history: 'false' });
    expect(off.code).toBe(0);
    expect(off.outputs['history-file']).toBeUndefined();
    const local = await runAction({
      inputs: { app: 'shop-app', 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE },
      env: runner('7 * * * *'),
      at: '2026-11-30T12:09:00Z',
    });
    expect(local.code).toBe(0);
    expect(local.stdout).toContain('::debug::history: the runner offers no cache service');
    expect(warnings(local)).toEqual([]);
    expect(cache.requests).toEqual([]);
  });

  it('records what a dry run left, not what it planned', async () => {
    sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
    const result = await run(runner('7 * * * *'), '2026-11-30T12:09:00Z', 1, { 'dry-run': 'true' });
    const saved = JSON.parse(readFileSync(result.outputs['history-file'], 'utf8'));
    expect(saved.runs[0]).toMatchObject({
      dryRun: true,
      apps: { 'shop-app': { after: { web: [1, 'Standard-1X'] } } },
    });
  });

  it('keeps a history per shard: two shards of one run neither collide nor mix', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `app-${i}`);
    for (const name of names) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
    const env = runner('7 * * * *');
    writeFileSync(
      path.join(env.GITHUB_WORKSPACE, 'fleet.yml'),
      `apps:\n${names.map((n) => `  ${n}:\n    schedule: web=2`).join('\n')}\n`,
    );
    const shard = (k: number) =>
      runAction({
        inputs: { 'api-key': TOKEN, 'api-url': sim.url, config: 'fleet.yml', shard: `${k}/2` },
        env: { ...cache.env(), ...env, GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '1' },
        at: '2026-11-30T12:09:00Z',
      });
    const [first, second] = [await shard(1), await shard(2)];
    expect([first.code, second.code]).toEqual([0, 0]);
    // No warning of the cache (a flat schedule saves nothing, which the bill warns of).
    const ofCache = (r: typeof first) => warnings(r).filter((m) => /cache|history/.test(m));
    expect(ofCache(first)).toEqual([]);
    expect(ofCache(second)).toEqual([]);
    const keys = cache.finalized().map((e) => e.key);
    expect(new Set(keys).size).toBe(2);
    const apps = (r: typeof first) =>
      Object.keys(JSON.parse(readFileSync(r.outputs['history-file'], 'utf8')).runs[0].apps);
    expect([...apps(first), ...apps(second)].sort()).toEqual(names);
  });

  it('keeps one entry per step for a fleet', async () => {
    for (const name of ['shop-web', 'blog']) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
    const env = runner('7 * * * *');
    writeFileSync(
      path.join(env.GITHUB_WORKSPACE, 'fleet.yml'),
      'apps:\n  shop-web:\n    schedule: web=2\n  blog:\n    schedule: web=1\n',
    );
    const result = await runAction({
      inputs: { 'api-key': TOKEN, 'api-url': sim.url, config: 'fleet.yml' },
      env: { ...cache.env(), ...env, GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1' },
      at: '2026-11-30T12:09:00Z',
    });
    expect(result.code).toBe(0);
    expect(cache.finalized()).toHaveLength(1);
    const saved = JSON.parse(readFileSync(result.outputs['history-file'], 'utf8'));
    expect(Object.keys(saved.runs[0].apps).sort()).toEqual(['blog', 'shop-web']);
  });
});
