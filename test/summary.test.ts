import { describe, expect, it } from '@jest/globals';
import { actionDefaults } from '../simulator/run-action.js';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { costOfRun } from '../src/core/cost-report.js';
import type { ProcessFormation } from '../src/core/formation.js';
import { assessHealth, type ProbeReport } from '../src/core/health.js';
import type { FailureEffect, RunOutcome } from '../src/core/outcome.js';
import { applyUpdates, decide } from '../src/core/policy.js';
import { buildRunReport } from '../src/core/run-report.js';
import { parseSchedule, quantitiesOnDay, resolveLocal } from '../src/core/schedule.js';
import { readSettings } from '../src/inputs/inputs.js';
import {
  dayChart,
  hourlyPeaks,
  scheduledDay,
  scheduledWeek,
  weekGrid,
} from '../src/render/schedule-chart.js';
import { renderPage } from '../src/render/summary.js';
import { mermaidBlocks, parseXyChart } from './support/mermaid-xychart.js';

function outcome(
  at: string,
  web: number,
  inputs: Record<string, string> = {},
  probe: ProbeReport | null = null,
): RunOutcome {
  const all: Record<string, string> = {
    ...actionDefaults(),
    app: 'shop-app',
    'api-key': 't',
    schedule: SEED_SCHEDULE,
    ...inputs,
  };
  const settings = readSettings((n) => all[n] ?? '', {});
  const now = Date.parse(at);
  const before: ProcessFormation[] = [
    { type: 'web', quantity: web, size: 'Standard-1X', updatedAt: now - 86_400_000 },
  ];
  const plan = decide({ now, settings, formation: before, probe });
  const after = applyUpdates(before, plan.updates);
  const trigger = {
    event: '',
    entries: [],
    source: 'no cron is known for this run',
    visibility: 'unknown' as const,
    fired: null,
  };
  const cost = costOfRun(settings, before, trigger, now, 2);
  return {
    settings,
    now,
    before,
    after,
    plan,
    probe,
    rateLimitRemaining: undefined,
    maintenance: null,
    metrics: null,
    predictNote: null,
    cost,
  };
}

/** The page of a step of one app that ended so. */
function renderSummary(o: RunOutcome): string {
  const run = { settings: o.settings, result: { kind: 'done' as const, app: o.settings.app, outcome: o } };
  return renderPage(
    buildRunReport({
      subject: { kind: 'app', app: o.settings.app },
      now: o.now,
      runs: [run],
      rateLimits: [],
      runUrl: null,
    }),
  );
}

function renderFailureSummary(app: string, error: string, effect: FailureEffect): string {
  const run = { settings: null, result: { kind: 'failed' as const, app, error, effect } };
  return renderPage(
    buildRunReport({ subject: { kind: 'app', app }, now: 0, runs: [run], rateLimits: [], runUrl: null }),
  );
}

const NOW_AT_15 = { hour: 15, time: '15:20', quantity: 3 };

describe('schedule pictures', () => {
  it('charts the local day per hour with "now" on the current hour', () => {
    const schedule = parseSchedule(SEED_SCHEDULE, 'web');
    const day = Date.UTC(2026, 10, 30) / 86_400_000;
    const drawn = dayChart(scheduledDay(schedule, day, 'UTC'), 'web', { ...NOW_AT_15, quantity: 5 }, 'UTC');
    expect(drawn.kind).toBe('chart');
    const chart = parseXyChart(drawn.text);
    expect(chart.xLabels).toHaveLength(24);
    expect(new Set(chart.xLabels.map((label) => label.length))).toEqual(new Set([2]));
    expect(chart.bars).toEqual([[2, 2, 2, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2]]);
    // What the app has now (a fail-safe's 5) is a line over the schedule, with no zero-filled series.
    expect(chart.lines).toEqual([Array.from({ length: 24 }, () => 5)]);
    // The top is a dyno above the highest of both, so a small day fills the chart.
    expect([chart.yMin, chart.yMax]).toEqual([0, 6]);
    expect(chart.title).toBe('web dynos per hour, Mon 2026-11-30 (UTC); the line: 5 now, at 15:20');
    expect(chart.init).toEqual({ xyChart: { showDataLabel: true } });
  });

  it('draws a quiet day to a top of 4, where the ticks are half dynos', () => {
    const day = Date.UTC(2026, 10, 30) / 86_400_000;
    const schedule = parseSchedule('07:00-22:00 web=2\nweb=1', 'web');
    const chart = parseXyChart(
      dayChart(scheduledDay(schedule, day, 'UTC'), 'web', { ...NOW_AT_15, quantity: 2 }, 'UTC').text,
    );
    // Not 8, which left a 1-2 dyno day in a quarter of the height; not 3, whose ticks are fifths.
    expect(chart.yMax).toBe(4);
  });

  it('charts a flat day when the app has other than the schedule', () => {
    const day = Date.UTC(2026, 10, 30) / 86_400_000;
    const drawn = dayChart(
      scheduledDay(parseSchedule('web=2', 'web'), day, 'UTC'),
      'web',
      { ...NOW_AT_15, quantity: 4 },
      'UTC',
    );
    expect(drawn.kind).toBe('chart');
    expect(parseXyChart(drawn.text).lines).toEqual([Array.from({ length: 24 }, () => 4)]);
  });

  it('says a flat day in one line instead of a chart', () => {
    const day = Date.UTC(2026, 10, 30) / 86_400_000;
    expect(
      dayChart(
        scheduledDay(parseSchedule('web=0', 'web'), day, 'UTC'),
        'web',
        { ...NOW_AT_15, quantity: 0 },
        'UTC',
      ),
    ).toEqual({
      kind: 'flat',
      text: 'web: 0 dynos all day on Mon 2026-11-30 (UTC).',
    });
  });

  it('leaves out the hour the clocks skip on a spring-forward day', () => {
    const day = Date.UTC(2027, 2, 14) / 86_400_000; // New York springs forward at 02:00
    const schedule = parseSchedule(SEED_SCHEDULE, 'web');
    const chart = parseXyChart(
      dayChart(scheduledDay(schedule, day, 'America/New_York'), 'web', null, 'America/New_York').text,
    );
    expect(chart.xLabels).toHaveLength(23);
    expect(chart.xLabels).not.toContain('02');
    const grid = weekGrid(scheduledWeek(schedule, day, 'America/New_York'), 'web', day).split('\n');
    expect(grid[7].slice(15)).toBe(`  2  2  -  1  1  1  1${'  3'.repeat(15)}  2  2`);
  });

  it('cuts days into pieces that agree with minute-by-minute resolution', () => {
    const schedule = parseSchedule(
      [
        '2026-12-25 10:15-02:45 web=5',
        'Fri-Mon 22:30-03:10 web=4 worker=2',
        'weekdays 7-22 web=3',
        'web=1 worker=0',
      ].join('\n'),
      'web',
    );
    for (let day = Date.UTC(2026, 11, 21) / 86_400_000; day < Date.UTC(2026, 11, 29) / 86_400_000; day++) {
      const pieces = quantitiesOnDay(schedule, day);
      for (let minute = 0; minute < 1440; minute++) {
        const direct = resolveLocal(schedule, { day, weekday: (day + 3) % 7, minute });
        for (const type of ['web', 'worker']) {
          expect([day, minute, pieces.get(type)?.[minute]]).toEqual([
            day,
            minute,
            direct.get(type)?.quantity,
          ]);
        }
      }
    }
  });

  it('takes the highest quantity within each hour', () => {
    const perMinute = new Int32Array(1440);
    perMinute.fill(5, 7 * 60 + 30, 7 * 60 + 31);
    expect(hourlyPeaks(perMinute)[7]).toBe(5);
    expect(hourlyPeaks(perMinute)[8]).toBe(0);
  });

  it('draws the week as text with today marked', () => {
    const christmas = Date.UTC(2026, 11, 25) / 86_400_000;
    const schedule = parseSchedule(`2026-12-25 web=1\n${SEED_SCHEDULE}`, 'web');
    const grid = weekGrid(scheduledWeek(schedule, christmas, 'UTC'), 'web', christmas);
    const lines = grid.split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[5]).toBe(`>Fri 2026-12-25${'  1'.repeat(24)}`);
    expect(lines[1].startsWith(' Mon 2026-12-21  2  2  2  1')).toBe(true);
    expect(lines.every((l) => l.length === lines[0].length)).toBe(true);
  });

  it('refuses a malformed chart', () => {
    expect(() => parseXyChart('xychart-beta\n  bar [1, 2]')).toThrow();
    expect(() =>
      parseXyChart('xychart-beta\n  title "t"\n  x-axis "h" ["a", "b"]\n  y-axis "d" 0 --> 1\n  bar [1, 2]'),
    ).toThrow('off the y-axis');
  });
});

describe('the job summary', () => {
  it('reports a change with its reason, the formation table, charts and cost', () => {
    const md = renderSummary(outcome('2026-11-30T15:20:00Z', 1));
    expect(md).toContain('## Heroku Autoscale: shop-app');
    expect(md).toContain(
      'Scaled **web 1 → 3 (schedule: "07:00-22:00 web=3" gives web=3)**. next: 22:00 web 3 → 2.',
    );
    expect(md).toContain('| web | 1 | 3 ("07:00-22:00 web=3") | 3 | Standard-1X | schedule |');
    expect(md).toContain('### Schedule (UTC, now 15:20)');
    const charts = mermaidBlocks(md).map(parseXyChart);
    expect(charts).toHaveLength(1);
    expect(charts[0].lines).toEqual([Array.from({ length: 24 }, () => 3)]);
    expect(md).toContain('<details><summary>This week, dynos per hour</summary>');
    expect(md).toContain('<details><summary>Prices and what they leave out</summary>');
    expect(md).toContain('| web | Standard-1X 413 h | $61.46 | $75.00 | $13.54 |');
    expect(md).toContain('$75.00 − $61.46 = **$13.54 a month** (18.1% of $75.00)');
    expect(md).toContain('- web on the schedule: 413 dyno-h × $25 ÷ 168 h = **$61.46** a month');
    expect(md).toContain(
      '- web without it: its costliest hour, 3 × Standard-1X, all month: 3 × $25 = **$75.00** a month.',
    );
    expect(md).toContain("    - cron: '3 3,7,22 * * *'");
    expect(md).toContain('No cron is known for this workflow: no cron is known for this run.');
    expect(md).toContain(
      '- On top: each manual or monitor run (`workflow_dispatch`, `repository_dispatch`) is 1 billed minute',
    );
  });

  it('reports no change', () => {
    const md = renderSummary(outcome('2026-11-30T15:20:00Z', 3));
    expect(md).toContain(
      'No change: web=3 (schedule: "07:00-22:00 web=3" gives web=3). next: 22:00 web 3 → 2.',
    );
  });

  it('marks a dry run', () => {
    const md = renderSummary(outcome('2026-11-30T15:20:00Z', 1, { 'dry-run': 'true' }));
    expect(md).toContain(
      '**Dry run: nothing was changed.** Would scale **web 1 → 3 (schedule: "07:00-22:00 web=3" gives web=3)**',
    );
  });

  it('explains a fail-safe run with health and latency', () => {
    const probe = assessHealth(
      [
        { ok: true, ms: 6100, outcome: '200', answered: true },
        { ok: true, ms: 7000, outcome: '200', answered: true },
        { ok: true, ms: 6500, outcome: '200', answered: true },
      ],
      { slowMs: 5000, fastMs: 1000 },
    );
    const md = renderSummary(outcome('2026-11-30T23:30:00Z', 2, { 'health-url': 'https://x.test/' }, probe));
    expect(md).toContain(
      "Scaled **web 2 → 3 (fail-safe: the app is slow (median 6500 ms): scaling out to max web=3, the schedule's peak as max does not name web (set max above it to let the fail-safe add more), never in)**.",
    );
    expect(md).toContain('health slow, median 6500 ms (0 of 3 samples failed).');
    expect(md).toContain('| web | 2 | 2 ("22:00-03:00 web=2") | 3 | Standard-1X | fail-safe |');
  });

  it('notes the Eco pool', () => {
    const md = renderSummary(outcome('2026-11-30T15:20:00Z', 1, { schedule: 'web=1:eco' }));
    expect(md).toContain(
      "Eco dynos share the account's flat $5 a month (1,000 hours): scaling them saves nothing.",
    );
  });

  it('shows a failure as wrapped prose, outside text escaped, and says when nothing changed', () => {
    const md = renderFailureSummary(
      'shop-app',
      'Heroku said:\n```\n[click](https://evil.test) | <img src=x>',
      'nothing-sent',
    );
    expect(md).toContain('**The run failed.** Nothing was changed: the run stopped before it asked Heroku');
    expect(md).toContain(
      '> Heroku said: ⏎ \\`\\`\\` ⏎ \\[click\\](https\\://evil.test) \\| &lt;img src=x&gt;',
    );
    expect(md).not.toContain('```');
    expect(renderFailureSummary('shop-app', 'timed out', 'unknown')).toContain(
      'Heroku may have applied the update',
    );
    // A 4xx refusal applied nothing, and the page says so.
    expect(renderFailureSummary('shop-app', '422 invalid_params', 'refused')).toContain(
      '**The run failed.** Nothing was changed: Heroku refused the update, so none of it was applied.',
    );
  });
});

describe('the fleet page', () => {
  it('rounds each app once and totals the rounded rows, so the rows and the headline agree', () => {
    const runs = ['app-a', 'app-b', 'app-c'].map((app) => {
      const o = outcome('2026-11-30T15:20:00Z', 3, { app });
      if (o.cost) o.cost.estimate = { ...o.cost.estimate, savedMonthlyUsd: 44.995 };
      return { settings: o.settings, result: { kind: 'done' as const, app, outcome: o } };
    });
    const report = buildRunReport({
      subject: { kind: 'fleet', file: 'ops/fleet.yml' },
      now: runs[0].result.outcome.now,
      runs,
      rateLimits: [],
      runUrl: null,
    });
    const md = renderPage(report);
    expect(md.match(/\| \$45\.00 \|/g)).toHaveLength(3);
    expect(md).toContain('Their schedules save **$135.00 a month**');
    expect(md).toContain('## Heroku Autoscale: fleet ops/fleet.yml');
    expect(md).toContain(
      "each app's detail below shows its own arithmetic, and the workflow's Actions bill is set against the fleet's saving once, below the table.",
    );
    expect(md).toContain(
      "The workflow's Actions bill is the fleet's: it is set against the fleet's saving above.",
    );
  });
});
