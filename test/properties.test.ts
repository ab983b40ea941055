/**
 * Property tests of the schedule language: any text parses into a total function over the
 * week or fails with a located error, and resolution agrees with a brute-force reading of
 * the rules, minute by minute, across zones with odd offsets and DST transitions.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InputError, SyntaxProblem } from '../src/core/input-error.js';
import { parseSchedule, resolveAt, resolveLocal } from '../src/core/schedule.js';
import { PROPERTY_RUNS, SWEEP_WEEKS } from './data/properties.js';

const DAY_NAMES = ['Mon', 'Tuesday', 'wed', 'THU', 'Fri', 'sat', 'Sunday'];
const TYPES = ['web', 'worker'];

interface GeneratedRule {
  days: { kind: 'all' } | { kind: 'weekly'; set: number[] } | { kind: 'dates'; from: string; to: string };
  window: { start: number; end: number } | null;
  assignments: { type: string; quantity: number }[];
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function render(rule: GeneratedRule): string {
  const parts: string[] = [];
  if (rule.days.kind === 'weekly') parts.push(rule.days.set.map((d) => DAY_NAMES[d]).join(','));
  if (rule.days.kind === 'dates') {
    parts.push(rule.days.from === rule.days.to ? rule.days.from : `${rule.days.from}..${rule.days.to}`);
  }
  if (rule.window) parts.push(`${clock(rule.window.start)}-${clock(rule.window.end)}`);
  parts.push(...rule.assignments.map((a) => `${a.type}=${a.quantity}`));
  return parts.join(' ');
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DATE_BASE = Date.UTC(2026, 0, 1);

const ruleArb: fc.Arbitrary<GeneratedRule> = fc.record({
  days: fc.oneof(
    fc.constant({ kind: 'all' as const }),
    fc
      .uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 })
      .map((set) => ({ kind: 'weekly' as const, set: set.sort() })),
    fc.tuple(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 20 })).map(([from, length]) => ({
      kind: 'dates' as const,
      from: isoDay(DATE_BASE + from * 86_400_000),
      to: isoDay(DATE_BASE + (from + length) * 86_400_000),
    })),
  ),
  window: fc.option(
    fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
      .map(([start, end]) => ({ start, end })),
    { nil: null },
  ),
  assignments: fc
    .uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 2 })
    .chain((types) =>
      fc.tuple(
        ...types.map((type) => fc.integer({ min: 0, max: 10 }).map((quantity) => ({ type, quantity }))),
      ),
    ),
});

/** Local wall-clock reading, independent of the code under test: sv-SE prints ISO-like text. */
function wallClock(instant: number, zone: string) {
  const text = new Date(instant).toLocaleString('sv-SE', { timeZone: zone, hourCycle: 'h23' });
  const [date, time] = text.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return { dateMs: Date.UTC(y, m - 1, d), minute: hh * 60 + mm };
}

function dayMatches(rule: GeneratedRule, dateMs: number): boolean {
  if (rule.days.kind === 'all') return true;
  if (rule.days.kind === 'dates') {
    const iso = isoDay(dateMs);
    return iso >= rule.days.from && iso <= rule.days.to;
  }
  const weekday = (new Date(dateMs).getUTCDay() + 6) % 7;
  return rule.days.set.includes(weekday);
}

/** The spec read literally: first rule, top to bottom, that matches and names the type. */
function bruteForce(rules: GeneratedRule[], instant: number, zone: string): Map<string, number> {
  const { dateMs, minute } = wallClock(instant, zone);
  const yesterday = dateMs - 86_400_000;
  const result = new Map<string, number>();
  for (const rule of rules) {
    const start = rule.window?.start ?? 0;
    const end = rule.window?.end ?? 1440;
    const matches =
      start < end
        ? dayMatches(rule, dateMs) && minute >= start && minute < end
        : (dayMatches(rule, dateMs) && minute >= start) || (dayMatches(rule, yesterday) && minute < end);
    if (!matches) continue;
    for (const a of rule.assignments) if (!result.has(a.type)) result.set(a.type, a.quantity);
  }
  return result;
}

const FALLBACK: GeneratedRule = {
  days: { kind: 'all' },
  window: null,
  assignments: [
    { type: 'web', quantity: 1 },
    { type: 'worker', quantity: 1 },
  ],
};

function quantities(map: ReturnType<typeof resolveAt>): Map<string, number> {
  return new Map([...map].map(([type, entry]) => [type, entry.quantity]));
}

describe('schedule properties', () => {
  it('any text parses into a total function over the week, or fails with a located error', () => {
    const token = fc.constantFrom(
      'Mon',
      'Fri-Mon',
      'Sat,Sun',
      'weekdays',
      'Funday',
      '07:00-22:00',
      '22-3',
      '25:00-26:00',
      '7:60-8',
      '2026-12-25',
      '2026-02-30',
      '2027-01-01..2026-01-01',
      'web=3',
      'worker=1:standard-2X',
      'web=-1',
      'web=1.5',
      'web=9:huge',
      '3',
      '#',
      'web',
      '=',
      '',
    );
    const text = fc
      .array(
        fc.array(token, { maxLength: 5 }).map((t) => t.join(' ')),
        { maxLength: 6 },
      )
      .map((lines) => lines.join('\n'));
    const config = PROPERTY_RUNS.anyText;
    const seen = { parsed: 0, refused: 0 };
    fc.assert(
      fc.property(
        text,
        fc.array(fc.integer({ min: 0, max: 7 * 1440 - 1 }), { minLength: 20, maxLength: 20 }),
        (source, minutes) => {
          let schedule: ReturnType<typeof parseSchedule>;
          try {
            schedule = parseSchedule(source, 'web');
          } catch (error) {
            expect(error).toBeInstanceOf(SyntaxProblem);
            expect(InputError.of('schedule', error as SyntaxProblem).message).toMatch(
              /^Input "schedule"(?: line \d+ \(".*"\))?: \S/,
            );
            seen.refused++;
            return;
          }
          seen.parsed++;
          for (const weekMinute of minutes) {
            const day = 4 + Math.floor(weekMinute / 1440); // 1970-01-05 is a Monday
            const resolved = resolveLocal(schedule, {
              day,
              weekday: Math.floor(weekMinute / 1440),
              minute: weekMinute % 1440,
            });
            expect([...resolved.keys()].sort()).toEqual([...schedule.types].sort());
          }
        },
      ),
      { numRuns: config.runs, seed: config.seed },
    );
    // Both outcomes must be exercised for the property to mean anything.
    expect(seen.parsed).toBeGreaterThan(config.runs / 20);
    expect(seen.refused).toBeGreaterThan(config.runs / 20);
  });

  it('resolution agrees with a brute-force reading at random instants in many zones', () => {
    const config = PROPERTY_RUNS.randomInstants;
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 6 }),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(...config.zones),
        (generated, instant, zone) => {
          const rules = [...generated, FALLBACK];
          const schedule = parseSchedule(rules.map(render).join('\n'), 'web');
          expect(quantities(resolveAt(schedule, instant, zone))).toEqual(bruteForce(rules, instant, zone));
        },
      ),
      { numRuns: config.runs, seed: config.seed },
    );
  });

  it.each(SWEEP_WEEKS.map((w) => [w.zone, w.from, w] as const))(
    'agrees with brute force at every minute of a week in %s from %s',
    (_zone, _from, week) => {
      const [rules] = fc.sample(fc.array(ruleArb, { minLength: 3, maxLength: 6 }), {
        numRuns: 1,
        seed: week.seed,
      });
      const all = [
        ...rules,
        {
          days: { kind: 'weekly' as const, set: [6] },
          window: { start: 90, end: 150 },
          assignments: [{ type: 'web', quantity: 7 }],
        },
        FALLBACK,
      ];
      const schedule = parseSchedule(all.map(render).join('\n'), 'web');
      const start = Date.parse(week.from);
      let checked = 0;
      for (let instant = start; instant < start + 7 * 86_400_000; instant += 60_000) {
        const expected = bruteForce(all, instant, week.zone);
        const actual = quantities(resolveAt(schedule, instant, week.zone));
        if (actual.get('web') !== expected.get('web') || actual.get('worker') !== expected.get('worker')) {
          throw new Error(
            `${week.zone} ${new Date(instant).toISOString()}: ${JSON.stringify([...actual])} != ${JSON.stringify([...expected])}`,
          );
        }
        checked++;
      }
      expect(checked).toBe(7 * 1440);
    },
  );
});
