/** The history's pure parts: what a restored entry must be, what a run adds, what is kept, what is measured. */
import { describe, expect, it } from '@jest/globals';
import { parseCron } from '../src/core/cron.js';
import {
  emptyHistory,
  type History,
  readHistory,
  recordRun,
  schedulerFidelity,
  typicalWeek,
} from '../src/core/history.js';
import { blankAppReport, inputFailureReport, type RunReport } from '../src/core/run-report.js';

const HOUR = 3_600_000;
const MONDAY = Date.parse('2026-11-30T00:00:00Z');

/** A step's report of one app left at web=2: enough to record a run. */
const APP = {
  ...blankAppReport('shop-app'),
  reason: 'schedule',
  quantity: 2,
  previousQuantity: 2,
  formation: [{ type: 'web', quantity: 2, size: 'Standard-1X', updatedAt: 0 }],
};
const REPORT: RunReport = { ...inputFailureReport({ kind: 'app', app: 'shop-app' }, 'x', null), apps: [APP] };

function record(history: History, at: number, cronAt: string | null = null): History {
  const fired = cronAt === null ? null : { cron: parseCron(cronAt), timeZone: 'UTC' };
  return recordRun(history, {
    report: REPORT,
    now: at,
    trigger: fired ? 'schedule' : 'manual',
    fired,
    crons: [],
    minutes: 1,
  });
}

describe('a restored history', () => {
  const good = JSON.stringify(record(emptyHistory('scope'), MONDAY));
  it.each([
    ['not JSON', '{', 'it is not JSON'],
    ['another version', good.replace('"version":1', '"version":2'), 'format version 2'],
    ['another scope', good, 'another workflow'],
    ['a bad record', good.replace('"trigger":"manual"', '"trigger":"cron"'), 'a run record is malformed'],
  ])('is refused when %s', (_name, text, problem) => {
    const scope = _name === 'another scope' ? 'elsewhere' : 'scope';
    expect(readHistory(text, scope)).toMatchObject({ problem: expect.stringContaining(problem) });
  });

  it('is read when it is what this version writes', () => {
    expect(readHistory(good, 'scope')).toMatchObject({ history: { runs: [{ at: MONDAY }] } });
  });
});

describe('recording runs', () => {
  it('keeps 8 days of runs and 5 weeks of hour-of-week aggregates', () => {
    let history = emptyHistory('scope');
    for (let day = 0; day < 40; day++) history = record(history, MONDAY + day * 24 * HOUR);
    expect(history.runs).toHaveLength(9);
    expect(history.runs[0].at).toBe(MONDAY + 31 * 24 * HOUR);
    // Day 39 is in the sixth week: the five weeks to it are kept, the first is gone.
    const mondays = Object.keys(history.weeks['shop-app']).map(Number);
    expect(mondays).toHaveLength(5);
    expect(Math.min(...mondays)).toBe(MONDAY / (24 * HOUR) + 7);
    expect(history.weeks['shop-app'][String(MONDAY / (24 * HOUR) + 35)].dynos.web[4 * 24]).toBe(2);
    expect(history.runs.at(-1)?.apps['shop-app']).toMatchObject({
      after: { web: [2, 'Standard-1X'] },
      error: null,
    });
  });

  it('measures how late scheduled runs started, and counts the ones that never came', () => {
    let history = { ...emptyHistory('scope'), crons: [{ cron: '0 * * * *', timeZone: 'UTC' }] };
    // Hourly from 00:00; runs 2, 5, 10 and 30 minutes late; hours 4 and 5 never came.
    const lateness = [2, 5, 10, 30, null, null, 2, 2];
    lateness.forEach((late, hour) => {
      if (late !== null) history = record(history, MONDAY + hour * HOUR + late * 60_000, '0 * * * *');
    });
    const fidelity = schedulerFidelity(history, MONDAY + 9 * HOUR);
    expect(fidelity).toMatchObject({ scheduledRuns: 6, missing: 2, expected: 9 - 1 });
    expect(fidelity?.delayMinutes).toEqual({ median: 2, p90: 30, worst: 30 });
  });

  it('gives a typical week as the median of the weeks recorded, hour by hour', () => {
    const history = emptyHistory('scope');
    const week = (quantity: number) => ({
      latencyMs: Array.from({ length: 168 }, (_, i) => (i === 9 ? quantity * 100 : null)),
      dynos: { web: Array.from({ length: 168 }, (_, i) => (i === 9 ? quantity : null)) },
    });
    history.weeks['shop-app'] = { '1': week(1), '8': week(5), '15': week(3) };
    const typical = typicalWeek(history, 'shop-app');
    expect(typical?.weeks).toBe(3);
    expect(typical?.dynos.web[9]).toBe(3);
    expect(typical?.latencyMs[9]).toBe(300);
    expect(typical?.latencyMs[10]).toBeNull();
  });
});
