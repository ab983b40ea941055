/** What the schedule saves, the Actions bill, GitHub's cron, and the cron that serves a schedule. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { actionsBill } from '../src/core/actions-bill.js';
import { estimateCost } from '../src/core/cost.js';
import { firstRunAtOrAfter, parseCron, runsPerMonth } from '../src/core/cron.js';
import { lateChanges, servingCron } from '../src/core/cron-plan.js';
import { SyntaxProblem } from '../src/core/input-error.js';
import { parseSchedule } from '../src/core/schedule.js';
import { readTrigger } from '../src/inputs/trigger.js';

const README_EXAMPLE = [
  '2026-12-24..2026-12-26 web=1 worker=0',
  'Fri 22:00-02:00 web=4',
  'Mon-Fri 7-22 web=3:performance-m worker=2',
  'weekends 9-18 web=2 worker=1',
  'web=1:standard-1x worker=1',
].join('\n');
const MONDAY_NOON = Date.parse('2026-11-30T12:00:00Z');

describe('what the schedule saves', () => {
  it('measures the seed table against its own peak of 3 dynos: 18.1%, $13.54 on Standard-1X', () => {
    const cost = estimateCost(parseSchedule(SEED_SCHEDULE, 'web'), new Map([['web', 'Standard-1X']]));
    const [web] = cost.types;
    expect(web.sizes).toEqual([{ size: 'Standard-1X', dynoHours: 413 }]);
    expect(web.peak).toEqual({ quantity: 3, size: 'Standard-1X' });
    expect(cost.baselineMonthlyUsd).toBe(75);
    // 413 dyno-hours a week × $25 ÷ 168 hours
    expect(cost.scheduledMonthlyUsd).toBeCloseTo((413 * 25) / 168, 10);
    expect(cost.savedMonthlyUsd.toFixed(2)).toBe('13.54');
    expect((cost.savedShare * 100).toFixed(1)).toBe('18.1');
  });

  it('prices each window at its rule size, carried forward in time, whatever size the app has now', () => {
    const schedule = parseSchedule(README_EXAMPLE, 'web');
    const asStandard = estimateCost(schedule, new Map([['web', 'Standard-1X']]));
    const asPerformance = estimateCost(schedule, new Map([['web', 'Performance-M']]));
    expect(asPerformance.types[0]).toEqual(asStandard.types[0]);
    // Fri 22:00-02:00 web=4 names no size: it keeps the Performance-M of Friday's day rule.
    expect(asStandard.types[0].sizes).toEqual([
      { size: 'Performance-M', dynoHours: 3 * 15 * 5 + 4 * 4 },
      { size: 'Standard-1X', dynoHours: 168 - 15 * 5 - 4 + 2 * 9 * 2 - 9 * 2 },
    ]);
    expect(asStandard.types[0].peak).toEqual({ quantity: 4, size: 'Performance-M' });
    expect(asStandard.types[0].baselineMonthlyUsd).toBe(1000);
    expect(asStandard.savedMonthlyUsd).toBeGreaterThan(0);
  });

  it('prices a type no rule sizes at the size the app has, and says so', () => {
    const cost = estimateCost(
      parseSchedule('07:00-22:00 web=3\nweb=1', 'web'),
      new Map([['web', 'Standard-2X']]),
    );
    expect(cost.types[0].sizeSource).toBe('app');
    expect(cost.baselineMonthlyUsd).toBe(150);
  });

  it('never says negative savings, and leaves unpriced sizes out of the dollars', () => {
    const cost = estimateCost(parseSchedule('web=2:performance-xl worker=1', 'web'), new Map());
    expect(cost.unpriced.map((t) => t.type)).toEqual(['web']);
    expect(cost.savedMonthlyUsd).toBe(0);
    expect(cost.types[1].sizeSource).toBe('default');
  });

  it('counts Eco as a flat pool that scaling does not save on', () => {
    const cost = estimateCost(parseSchedule('07:00-22:00 web=1:eco\nweb=0', 'web'), new Map());
    expect(cost.types[0].pooled).toBe(true);
    expect(cost.baselineMonthlyUsd).toBe(0);
    expect(cost.savedMonthlyUsd).toBe(0);
  });
});

describe("GitHub's cron", () => {
  it.each([
    ['5-59/10 * * * *', 'UTC', 4320],
    ['*/5 * * * *', 'UTC', 8640],
    ['0 9 * * MON-FRI', 'UTC', 22],
    ['0 9 1,15 * *', 'UTC', 2],
    // Both day fields restricted: the 1st of the month or any Monday.
    ['0 0 1 * 1', 'UTC', 6],
    ['0 0 * * 7', 'UTC', 4],
    ['30 2 * * *', 'America/New_York', 30],
  ])('counts %s in %s over 30 days from Mon 2026-11-30 as %i runs', (text, zone, runs) => {
    expect(runsPerMonth(parseCron(text), MONDAY_NOON, zone)).toBe(runs);
  });

  it('runs a skipped spring-forward time once, later that night', () => {
    const cron = parseCron('30 2 * * *');
    const beforeJump = Date.parse('2027-03-14T05:00:00Z'); // 00:00 in New York, the night clocks go forward
    const at = firstRunAtOrAfter(cron, beforeJump, 'America/New_York') as number;
    expect(new Date(at).toISOString()).toBe('2027-03-14T07:30:00.000Z'); // 03:30 EDT
  });

  it.each([['* * * *'], ['60 * * * *'], ['*/0 * * * *'], ['5-1 * * * *'], ['0 0 * FOO *']])(
    'refuses %s',
    (text) => {
      expect(() => parseCron(text)).toThrow(SyntaxProblem);
    },
  );
});

describe('the Actions bill', () => {
  const entries = [{ cron: parseCron('5-59/10 * * * *'), timeZone: 'UTC', zoneSource: 'assumed' as const }];

  it('bills a private repository one minute a run at both Linux rates', () => {
    const bill = actionsBill(entries, MONDAY_NOON, 'private', 4);
    expect(bill.minutesPerMonth).toBe(4320);
    expect(bill.costs.map((c) => c.usdPerMonth.toFixed(2))).toEqual(['25.92', '8.64']);
  });

  it('bills a public repository nothing, and a long run its whole minutes', () => {
    expect(actionsBill(entries, MONDAY_NOON, 'public', 4).costs.map((c) => c.usdPerMonth)).toEqual([0, 0]);
    expect(actionsBill(entries, MONDAY_NOON, 'private', 61).minutesPerMonth).toBe(8640);
  });
});

describe('the cron that serves a schedule', () => {
  it('runs the seed table 9 times a day: at each change, off the hour, and twice more to catch up', () => {
    const lines = servingCron(parseSchedule(SEED_SCHEDULE, 'web'), 0, false);
    expect(lines).toEqual(['3 3,7,22 * * *', '18 3,7,22 * * *', '33 3,7,22 * * *']);
    const bill = actionsBill(
      lines.map((l) => ({ cron: parseCron(l), timeZone: 'UTC', zoneSource: 'workflow' as const })),
      MONDAY_NOON,
      'private',
      4,
    );
    expect(bill.runsPerMonth).toBe(270);
  });

  it('runs a scale-out lead-minutes early, and adds a steady cadence for the probe', () => {
    const lines = servingCron(parseSchedule('07:00-22:00 web=3\nweb=1', 'web'), 15, true);
    // 06:45 is 15 minutes before 07:00; the catch-up at 07:00 moves off the hour to 07:03.
    expect(lines).toEqual([
      '7-59/30 * * * *',
      '3 7,22 * * *',
      '15 7 * * *',
      '18 22 * * *',
      '33 22 * * *',
      '45 6 * * *',
    ]);
  });

  it('warns of a change that the cron in use serves late by design, with a line that fixes it', () => {
    const schedule = parseSchedule('Mon-Fri 07:30-22:00 web=3\nweb=1', 'web');
    const hourly = [{ cron: parseCron('5 * * * *'), timeZone: 'UTC' }];
    const late = lateChanges(schedule, hourly, MONDAY_NOON, 'UTC', 0);
    expect(late[0]).toEqual({ change: 'Tue 07:30 web 1 → 3', lateMinutes: 35, fix: '30 7 * * 2' });
    expect(late.every((l) => l.change.includes('07:30'))).toBe(true);
    const seed = parseSchedule(SEED_SCHEDULE, 'web');
    expect(
      lateChanges(seed, [{ cron: parseCron('5-59/10 * * * *'), timeZone: 'UTC' }], MONDAY_NOON, 'UTC', 0),
    ).toEqual([]);
  });
});

describe('what started the run', () => {
  function runnerFiles(payload: unknown, workflow?: string) {
    const workspace = mkdtempSync(path.join(tmpdir(), 'trigger-'));
    const eventPath = path.join(workspace, 'event.json');
    writeFileSync(eventPath, JSON.stringify(payload));
    if (workflow !== undefined) {
      mkdirSync(path.join(workspace, '.github', 'workflows'), { recursive: true });
      writeFileSync(path.join(workspace, '.github', 'workflows', 'autoscale.yml'), workflow);
    }
    return {
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'acme/ops',
      GITHUB_WORKFLOW_REF: 'acme/ops/.github/workflows/autoscale.yml@refs/heads/main',
    };
  }

  it('bills every schedule entry of the workflow, each in its own zone, whichever cron fired', async () => {
    const workflow =
      "on:\n  schedule:\n    - cron: '5-59/10 * * * *'\n      timezone: Europe/London\n    - cron: '0 3 * * *'\n";
    const files = runnerFiles(
      { schedule: '5-59/10 * * * *', repository: { private: true, visibility: 'private' } },
      workflow,
    );
    const scheduled = await readTrigger({ GITHUB_EVENT_NAME: 'schedule', ...files });
    expect(scheduled.visibility).toBe('private');
    expect(scheduled.entries.map((e) => [e.cron.text, e.timeZone, e.zoneSource])).toEqual([
      ['5-59/10 * * * *', 'Europe/London', 'workflow'],
      ['0 3 * * *', 'UTC', 'workflow'],
    ]);
    expect(scheduled.source).toBe('every on.schedule entry of the workflow file');
    // A manual run of the same workflow has the same bill.
    const manual = await readTrigger({ GITHUB_EVENT_NAME: 'workflow_dispatch', ...files });
    expect(manual.entries).toEqual(scheduled.entries);
  });

  it('assumes UTC, and says so, when the workflow file is not in the workspace', async () => {
    const trigger = await readTrigger({
      GITHUB_EVENT_NAME: 'schedule',
      ...runnerFiles({ schedule: '5-59/10 * * * *', repository: { private: false } }),
    });
    expect(trigger.visibility).toBe('public');
    expect(trigger.entries[0]).toMatchObject({ timeZone: 'UTC', zoneSource: 'assumed' });
    expect(trigger.source).toContain('taken as UTC');
  });

  it('takes every schedule entry of the workflow for a manual run, and knows none without the file', async () => {
    const workflow =
      "on:\n  workflow_dispatch:\n  schedule:\n    - cron: '5 7 * * *'\n    - cron: '5 22 * * *'\n";
    expect(
      (await readTrigger({ GITHUB_EVENT_NAME: 'workflow_dispatch', ...runnerFiles({}, workflow) })).entries,
    ).toHaveLength(2);
    const none = await readTrigger({ GITHUB_EVENT_NAME: 'workflow_dispatch', ...runnerFiles({}) });
    expect(none.entries).toEqual([]);
    expect(none.visibility).toBe('unknown');
  });
});
