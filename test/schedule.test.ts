import { describe, expect, it } from '@jest/globals';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { InputError, SyntaxProblem } from '../src/core/input-error.js';
import {
  highestQuantities,
  parseSchedule,
  pastDateWarnings,
  resolveAt,
  resolvePeak,
  windowStartInstant,
} from '../src/core/schedule.js';

function quantityAt(source: string, iso: string, zone = 'UTC', type = 'web'): number | undefined {
  return resolveAt(parseSchedule(source, 'web'), Date.parse(iso), zone).get(type)?.quantity;
}

function parseError(source: string): string {
  try {
    parseSchedule(source, 'web');
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxProblem);
    return InputError.of('schedule', error as SyntaxProblem).message;
  }
  throw new Error('expected the schedule to be refused');
}

describe('the seed table', () => {
  it.each([
    ['2026-11-30T06:59:00Z', 1],
    ['2026-11-30T07:00:00Z', 3],
    ['2026-11-30T15:00:00Z', 3],
    ['2026-11-30T21:59:59Z', 3],
    ['2026-11-30T22:00:00Z', 2],
    ['2026-12-01T00:00:00Z', 2],
    ['2026-12-01T02:59:00Z', 2],
    ['2026-12-01T03:00:00Z', 1],
  ])('at %s gives web=%i', (iso, expected) => {
    expect(quantityAt(SEED_SCHEDULE, iso)).toBe(expected);
  });

  it('reads times in the given zone, not the machine one', () => {
    // 12:00 UTC is 07:00 in New York (EST) and 21:00 in Tokyo.
    expect(quantityAt(SEED_SCHEDULE, '2026-11-30T11:59:00Z', 'America/New_York')).toBe(1);
    expect(quantityAt(SEED_SCHEDULE, '2026-11-30T12:00:00Z', 'America/New_York')).toBe(3);
    expect(quantityAt(SEED_SCHEDULE, '2026-11-30T13:00:00Z', 'Asia/Tokyo')).toBe(2);
  });

  it('reads UTC without zone data exactly as the zone rules do', () => {
    for (
      let instant = Date.UTC(2026, 0, 1);
      instant < Date.UTC(2027, 0, 1);
      instant += 3_600_000 * 7 + 60_000 * 13
    ) {
      const fast = resolveAt(parseSchedule(SEED_SCHEDULE, 'web'), instant, 'UTC').get('web')?.quantity;
      const ruled = resolveAt(parseSchedule(SEED_SCHEDULE, 'web'), instant, 'Africa/Abidjan').get(
        'web',
      )?.quantity;
      expect([instant, fast]).toEqual([instant, ruled]);
    }
  });

  it('reports the window start of a window that began the day before', () => {
    const scheduled = resolveAt(
      parseSchedule(SEED_SCHEDULE, 'web'),
      Date.parse('2026-12-01T01:00:00Z'),
      'UTC',
    ).get('web');
    expect(scheduled?.rule.line).toBe(2);
    expect(new Date(windowStartInstant(scheduled as never, 'UTC')).toISOString()).toBe(
      '2026-11-30T22:00:00.000Z',
    );
  });

  it('gives the highest quantity per type', () => {
    expect([...highestQuantities(parseSchedule(SEED_SCHEDULE, 'web'))]).toEqual([['web', 3]]);
  });
});

describe('daylight saving time', () => {
  it.each([
    // New York springs forward 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z).
    ['2026-03-08T06:59:00Z', 2],
    ['2026-03-08T07:00:00Z', 1],
    ['2026-03-08T10:59:00Z', 1],
    ['2026-03-08T11:00:00Z', 3],
    // New York falls back 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z); 01:30 happens twice.
    ['2026-11-01T05:30:00Z', 2],
    ['2026-11-01T06:30:00Z', 2],
    ['2026-11-01T07:59:00Z', 2],
    ['2026-11-01T08:00:00Z', 1],
    ['2026-11-01T12:00:00Z', 3],
  ])('America/New_York at %s gives web=%i', (iso, expected) => {
    expect(quantityAt(SEED_SCHEDULE, iso, 'America/New_York')).toBe(expected);
  });

  it.each([
    // London springs forward 2026-03-29 01:00 GMT -> 02:00 BST; falls back 2026-10-25 02:00 BST -> 01:00 GMT.
    ['2026-03-29T00:59:00Z', 2],
    ['2026-03-29T01:59:00Z', 2],
    ['2026-03-29T02:00:00Z', 1],
    ['2026-03-29T05:59:00Z', 1],
    ['2026-03-29T06:00:00Z', 3],
    ['2026-03-29T20:59:00Z', 3],
    ['2026-03-29T21:00:00Z', 2],
    ['2026-10-25T02:59:00Z', 2],
    ['2026-10-25T03:00:00Z', 1],
    ['2026-10-25T07:00:00Z', 3],
  ])('Europe/London at %s gives web=%i', (iso, expected) => {
    expect(quantityAt(SEED_SCHEDULE, iso, 'Europe/London')).toBe(expected);
  });

  it('starts a window that opens in a skipped hour once the clocks have jumped', () => {
    const schedule = 'Sun 02:30-04:00 web=4\nweb=1';
    const scheduled = resolveAt(
      parseSchedule(schedule, 'web'),
      Date.parse('2026-03-08T07:10:00Z'),
      'America/New_York',
    );
    expect(scheduled.get('web')?.quantity).toBe(4);
    // 02:30 does not exist that night; it is read with the offset from before the jump (EST).
    expect(
      new Date(windowStartInstant(scheduled.get('web') as never, 'America/New_York')).toISOString(),
    ).toBe('2026-03-08T07:30:00.000Z');
  });
});

describe('days, dates and windows', () => {
  const WEEKEND = ['Sat,Sun 10:00-18:00 web=2', 'Mon-Fri 07:00-22:00 web=3', 'web=1'].join('\n');

  it.each([
    ['2026-11-28T12:00:00Z', 2], // Saturday
    ['2026-11-29T09:00:00Z', 1], // Sunday morning
    ['2026-11-30T12:00:00Z', 3], // Monday
    ['2026-12-04T23:00:00Z', 1], // Friday night
  ])('weekend rules at %s give web=%i', (iso, expected) => {
    expect(quantityAt(WEEKEND, iso)).toBe(expected);
  });

  it('accepts full names, any case, keywords, lists with spaces and wrapping ranges', () => {
    const schedule = [
      'SATURDAY, sunday 9-17 web=2',
      'Fri-Mon 22:00-24:00 web=4',
      'weekdays web=3',
      'daily web=1',
    ].join('\n');
    expect(quantityAt(schedule, '2026-11-28T10:00:00Z')).toBe(2); // Sat
    expect(quantityAt(schedule, '2026-11-30T23:00:00Z')).toBe(4); // Mon night, in Fri-Mon
    expect(quantityAt(schedule, '2026-12-01T23:00:00Z')).toBe(3); // Tue night
    expect(quantityAt(schedule, '2026-11-29T20:00:00Z')).toBe(1); // Sun evening
  });

  it('runs a window past midnight and keeps it with the day it starts on', () => {
    const schedule = 'Fri 22:00-03:00 web=5\nweb=1';
    expect(quantityAt(schedule, '2026-12-04T23:00:00Z')).toBe(5); // Fri 23:00
    expect(quantityAt(schedule, '2026-12-05T01:00:00Z')).toBe(5); // Sat 01:00
    expect(quantityAt(schedule, '2026-12-05T03:00:00Z')).toBe(1); // Sat 03:00
    expect(quantityAt(schedule, '2026-12-04T01:00:00Z')).toBe(1); // Fri 01:00 belongs to Thursday
  });

  it('applies holidays and inclusive date ranges before the weekly rules', () => {
    const schedule = [
      '2026-12-25 web=1',
      '2026-12-31..2027-01-01 12:00-02:00 web=4',
      'Mon-Fri 07:00-22:00 web=3',
      'web=2',
    ].join('\n');
    expect(quantityAt(schedule, '2026-12-25T12:00:00Z')).toBe(1);
    expect(quantityAt(schedule, '2026-12-24T12:00:00Z')).toBe(3);
    expect(quantityAt(schedule, '2027-01-01T13:00:00Z')).toBe(4);
    expect(quantityAt(schedule, '2027-01-02T01:00:00Z')).toBe(4); // the window that began on the last date
    expect(quantityAt(schedule, '2027-01-02T02:00:00Z')).toBe(2);
  });

  it('takes the first matching rule for each type separately', () => {
    const schedule = ['Mon-Fri 07:00-22:00 web=3 worker=2', 'worker=1', 'web=1 worker=0'].join('\n');
    const weekday = resolveAt(parseSchedule(schedule, 'web'), Date.parse('2026-11-30T08:00:00Z'), 'UTC');
    const night = resolveAt(parseSchedule(schedule, 'web'), Date.parse('2026-11-30T23:00:00Z'), 'UTC');
    expect([weekday.get('web')?.quantity, weekday.get('worker')?.quantity]).toEqual([3, 2]);
    expect([night.get('web')?.quantity, night.get('worker')?.quantity]).toEqual([1, 1]);
  });

  it('reads hour shorthand, comments, blank lines and sizes', () => {
    const schedule = '# office hours\n\n7-22 web=3:performance-m  # busy\n22-7 web=1:STANDARD-2x\n';
    const day = resolveAt(parseSchedule(schedule, 'web'), Date.parse('2026-11-30T08:00:00Z'), 'UTC').get(
      'web',
    );
    const night = resolveAt(parseSchedule(schedule, 'web'), Date.parse('2026-11-30T23:00:00Z'), 'UTC').get(
      'web',
    );
    expect([day?.quantity, day?.size, day?.rule.line]).toEqual([3, 'Performance-M', 3]);
    expect([night?.quantity, night?.size]).toEqual([1, 'Standard-2X']);
  });

  it('treats a bare number as the default process type', () => {
    expect(parseSchedule('2', 'worker').types).toEqual(['worker']);
  });
});

describe('lead time', () => {
  it('gives the highest quantity between now and now + lead', () => {
    const schedule = parseSchedule(SEED_SCHEDULE, 'web');
    const at = Date.parse('2026-11-30T06:50:00Z');
    expect(resolvePeak(schedule, at, 0, 'UTC').get('web')?.quantity).toBe(1);
    expect(resolvePeak(schedule, at, 9, 'UTC').get('web')?.quantity).toBe(1);
    expect(resolvePeak(schedule, at, 10, 'UTC').get('web')?.quantity).toBe(3);
    expect(resolvePeak(schedule, at, 15, 'UTC').get('web')?.quantity).toBe(3);
  });
});

describe('validation', () => {
  it('names the type and the first uncovered span', () => {
    expect(parseError('07:00-22:00 web=3\n22:00-03:00 web=2')).toContain(
      'web has no rule for Mon 03:00-07:00',
    );
  });

  it('reports a gap that crosses midnight from where it begins', () => {
    expect(parseError('Mon-Sun 03:00-22:00 web=3')).toContain('web has no rule for Sun 22:00-Mon 03:00');
  });

  it('checks every type on its own', () => {
    expect(parseError('web=1\nMon-Fri worker=1')).toContain('worker has no rule for Sat 00:00-Sun 24:00');
  });

  it('does not count dated rules as weekly cover', () => {
    expect(parseError('2026-12-25 web=1')).toContain('web has no rule for Mon 00:00-Sun 24:00');
  });

  it.each([
    ['Mnday 7-22 web=3\nweb=1', 1, 'unknown day "Mnday"'],
    ['web=1\n25:00-26:00 web=2', 2, 'time "25:00-26:00"'],
    ['web=1\n07:60-08:00 web=2', 2, 'time "07:60-08:00"'],
    ['web=1\n24:00-08:00 web=2', 2, '24:00 only as an end'],
    ['web=1\n2026-02-30 web=2', 2, '"2026-02-30" is not a calendar date'],
    ['web=1\n2027-01-02..2026-12-24 web=2', 2, 'ends before it starts'],
    ['web=-1', 1, 'quantity "-1" is not a whole number'],
    ['web=1.5', 1, 'quantity "1.5" is not a whole number'],
    ['web=100000', 1, 'quantity "100000"'],
    ['web=1:huge-9x', 1, 'unknown dyno size "huge-9x"'],
    ['web=1 web=2', 1, 'process type "web" is assigned twice'],
    ['Mon-Fri 7-22', 1, 'no assignment'],
    ['Mon-Fri 7-22 web', 1, '"web" is not an assignment'],
    ['web=1\n\n  Sat 10:00 web=2', 3, 'time "10:00" is not a window'],
  ])('refuses %j at line %i', (source, line, fragment) => {
    const message = parseError(source);
    expect(message).toContain(`Input "schedule" line ${line} (`);
    expect(message).toContain(fragment);
  });

  it('warns about a rule that earlier rules always win over', () => {
    const schedule = parseSchedule('web=1\nMon-Fri 07:00-22:00 web=3', 'web');
    expect(schedule.warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('can never apply') }),
    ]);
  });

  it('warns about a dated rule shadowed on every one of its days, not about a live one', () => {
    expect(
      parseSchedule('2026-12-25 web=2\n2026-12-25 12-14 web=1\nweb=3', 'web').warnings.map((w) => w.line),
    ).toEqual([2]);
    expect(parseSchedule('2026-12-25 12-14 web=2\nweb=3', 'web').warnings).toEqual([]);
  });

  it('does not warn for a rule that applies somewhere', () => {
    expect(parseSchedule(SEED_SCHEDULE, 'web').warnings).toEqual([]);
  });

  it('warns when a dated rule is in the past', () => {
    const schedule = parseSchedule('2025-12-25 web=1\nweb=2', 'web');
    expect(pastDateWarnings(schedule, Date.parse('2026-11-30T00:00:00Z'), 'UTC')).toEqual([
      expect.objectContaining({ line: 1 }),
    ]);
    expect(pastDateWarnings(schedule, Date.parse('2025-12-25T20:00:00Z'), 'UTC')).toEqual([]);
  });
});
