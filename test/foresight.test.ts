/** Foresight: the percentile, the windows of a suggested schedule, its round trip, and the forecast floor. */
import { describe, expect, it } from '@jest/globals';
import {
  covers,
  daysRecorded,
  differences,
  forecastFloors,
  neededWeek,
  scheduledWeekOf,
  suggestionOf,
  suggestSchedule,
} from '../src/core/foresight.js';
import { percentile } from '../src/core/health.js';
import type { WeekAggregate } from '../src/core/history.js';
import { parseLoadRules } from '../src/core/load.js';
import { decide, type PolicySettings } from '../src/core/policy.js';
import { parseSchedule } from '../src/core/schedule.js';

const week = (fill: (day: number, hour: number) => number | null): (number | null)[] =>
  Array.from({ length: 168 }, (_, slot) => fill(Math.floor(slot / 24), slot % 24));

/** A weekday shape: 1 at night, 3 from 07:00, 5 from 12:00 to 14:00, 2 on weekends by day. */
function shape(day: number, hour: number): number {
  if (day >= 5) return hour >= 9 && hour < 21 ? 2 : 1;
  if (hour >= 12 && hour < 14) return 5;
  return hour >= 7 && hour < 22 ? 3 : 1;
}

describe('the percentile', () => {
  it('is nearest-rank and high, never the mean', () => {
    expect(percentile([1, 1, 1, 1, 9], 0.9)).toBe(9);
    expect(percentile([3, 1, 2], 0.5)).toBe(2);
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        0.9,
      ),
    ).toBe(9);
    expect(percentile([4], 0.9)).toBe(4);
  });

  it('is taken over the weeks that saw an hour', () => {
    const weeks: Record<string, WeekAggregate> = {
      '100': {
        latencyMs: week(() => null),
        dynos: {},
        demand: { web: week((d, h) => (d === 0 && h === 9 ? 2 : null)) },
      },
      '107': {
        latencyMs: week(() => null),
        dynos: {},
        demand: { web: week((d, h) => (d === 0 && h === 9 ? 6 : d === 1 ? 1 : null)) },
      },
    };
    const needed = neededWeek(weeks, ['web']);
    expect(needed.needed.web[9]).toBe(6);
    expect(needed.needed.web[24]).toBe(1);
    expect(needed.needed.web[10]).toBeNull();
    expect(needed.weeks).toBe(2);
    expect(daysRecorded(weeks)).toBe(3);
  });
});

describe('a suggested schedule', () => {
  it('merges hours and days into readable windows, with a fallback line', () => {
    const needed = { web: week(shape) as number[], worker: week(() => 1) as number[] };
    const text = suggestSchedule(needed);
    expect(text.split('\n')).toEqual([
      'Mon-Fri 07:00-12:00 web=3',
      'Mon-Fri 12:00-14:00 web=5',
      'Mon-Fri 14:00-22:00 web=3',
      'Sat,Sun 09:00-21:00 web=2',
      'web=1',
      'worker=1',
    ]);
  });

  it('raises a one-hour blip into its neighbours rather than writing a rule for it', () => {
    const blip = week((_d, h) => (h >= 8 && h < 18 ? (h === 11 ? 2 : 3) : 1)) as number[];
    expect(suggestSchedule({ web: blip }).split('\n')).toEqual(['daily 08:00-18:00 web=3', 'web=1']);
  });

  it('runs back through the parser and covers every hour, for random needs', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 40; i++) {
      const needed = {
        web: week(() => 1 + Math.floor(random() * 4)) as number[],
        worker: week((_d, h) => (h > 6 ? Math.floor(random() * 3) : 0)) as number[],
      };
      const parsed = parseSchedule(suggestSchedule(needed), 'web');
      expect(parsed.warnings).toEqual([]);
      expect(covers(parsed, needed)).toBe(true);
    }
  });

  it('prices itself against the schedule and says where it differs', () => {
    const schedule = parseSchedule('Mon-Fri 07:00-22:00 web=3\nweb=1', 'web');
    const demand = week((d, h) => (d < 5 && h >= 7 && h < 22 ? (h >= 12 && h < 14 ? 5 : 2) : 1));
    const weeks: Record<string, WeekAggregate> = {
      '1': { latencyMs: week(() => null), dynos: {}, demand: { web: demand } },
      '8': { latencyMs: week(() => null), dynos: {}, demand: { web: demand } },
    };
    const s = suggestionOf(weeks, schedule, 'web', ['web'], new Map([['web', 'Standard-1X']]));
    expect(s.days).toBe(14);
    expect(s.text).toBe(
      'Mon-Fri 07:00-12:00 web=2\nMon-Fri 12:00-14:00 web=5\nMon-Fri 14:00-22:00 web=2\nweb=1',
    );
    expect(s.differences[0]).toEqual({
      type: 'web',
      day: 'Mon-Fri',
      from: '07:00',
      to: '12:00',
      scheduled: 3,
      suggested: 2,
    });
    expect(s.differences[1]).toEqual({
      type: 'web',
      day: 'Mon-Fri',
      from: '12:00',
      to: '14:00',
      scheduled: 3,
      suggested: 5,
    });
    // 5 days: 15 h at 3 = 45 against 13 h at 2 + 2 h at 5 = 36, plus the nights: 9 fewer dyno-h a day.
    expect(s.current.dynoHours - (s.suggested?.dynoHours ?? 0)).toBeCloseTo(5 * 9, 5);
    expect(s.suggested?.monthlyUsd).toBeLessThan(s.current.monthlyUsd);
    const fourDays = week((d) => (d < 4 ? 2 : null));
    const fewer = suggestionOf(
      { '1': { latencyMs: week(() => null), dynos: {}, demand: { web: fourDays } } },
      schedule,
      'web',
      ['web'],
      new Map(),
    );
    expect(fewer).toMatchObject({ days: 4, text: null, suggested: null });
  });

  it('tells the hours that differ, merged', () => {
    const a = parseSchedule('Mon 09:00-12:00 web=3\nweb=1', 'web');
    const b = parseSchedule('web=1', 'web');
    expect(differences(a, b, ['web'])).toEqual([
      { type: 'web', day: 'Mon', from: '09:00', to: '12:00', scheduled: 1, suggested: 3 },
    ]);
    expect(scheduledWeekOf(a, 'web')[9]).toBe(3);
  });
});

describe('predictive scale-out', () => {
  const weeks: Record<string, WeekAggregate> = {
    '1': {
      latencyMs: week(() => null),
      dynos: {},
      demand: { worker: week((d, h) => (d === 0 && h === 12 ? 6 : 1)) },
    },
  };
  const needed = neededWeek(weeks, ['worker']);
  // Monday 2026-11-30 11:40 UTC.
  const at = Date.parse('2026-11-30T11:40:00Z');

  it('looks at least to the start of the next hour', () => {
    expect(forecastFloors(needed, at, 0, 'UTC').get('worker')).toEqual({
      quantity: 6,
      weeks: 1,
      hours: 'Mon 11:00-13:00',
    });
    expect(forecastFloors(needed, Date.parse('2026-11-30T10:40:00Z'), 0, 'UTC').get('worker')?.quantity).toBe(
      1,
    );
    expect(
      forecastFloors(needed, Date.parse('2026-11-30T10:40:00Z'), 90, 'UTC').get('worker')?.quantity,
    ).toBe(6);
  });

  it('raises the floor only, never above max, and never scales in', () => {
    const settings: PolicySettings = {
      schedule: parseSchedule('worker=1', 'web'),
      timezone: 'UTC',
      process: 'web',
      manual: null,
      max: new Map([['worker', 8]]),
      implicitMax: new Set(),
      cooldownMinutes: 10,
      leadMinutes: 0,
      load: { rules: parseLoadRules('worker: worker per 100').rules },
    };
    const run = (quantity: number, value: number) => {
      const plan = decide({
        now: at,
        settings,
        formation: [{ type: 'worker', quantity, size: 'Standard-1X', updatedAt: at - 86_400_000 }],
        probe: null,
        metrics: { format: 'hirefire', readings: new Map([['worker', { ok: true, value }]]) },
        forecast: forecastFloors(needed, at, 0, 'UTC'),
      });
      return plan.processes[0];
    };
    expect(run(1, 50)).toMatchObject({ reason: 'predicted', target: { quantity: 6 } });
    expect(run(1, 50).why).toContain(
      'Mon 11:00-13:00 needed worker=6 in the recorded weeks (the one week recorded); the schedule gives 1',
    );
    // The load asks for more than the forecast: load wins.
    expect(run(1, 780)).toMatchObject({ reason: 'load', target: { quantity: 8 } });
    // Above the forecast's floor, the figure brings it down to the floor, not below.
    expect(run(8, 0)).toMatchObject({ reason: 'predicted', target: { quantity: 6 } });
  });
});
