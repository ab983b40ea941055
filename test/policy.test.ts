import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import type { ProcessFormation } from '../src/core/formation.js';
import { assessHealth, type ProbeReport } from '../src/core/health.js';
import { decide, type PolicySettings } from '../src/core/policy.js';
import { parseSchedule } from '../src/core/schedule.js';
import { PROPERTY_RUNS } from './data/properties.js';

const MIN = 60_000;

function settings(overrides: Partial<PolicySettings> = {}): PolicySettings {
  return {
    schedule: parseSchedule(SEED_SCHEDULE, 'web'),
    timezone: 'UTC',
    process: 'web',
    manual: null,
    max: new Map([['web', 3]]),
    implicitMax: new Set(),
    cooldownMinutes: 10,
    leadMinutes: 0,
    load: null,
    ...overrides,
  };
}

function web(quantity: number, updatedAt: string, size = 'Standard-1X'): ProcessFormation[] {
  return [{ type: 'web', quantity, size, updatedAt: Date.parse(updatedAt) }];
}

function probeOf(ms: number[], failed = 0): ProbeReport {
  const samples = [
    ...ms.map((m) => ({ ok: true, ms: m, outcome: '200', answered: true })),
    ...Array.from({ length: failed }, () => ({
      ok: false,
      ms: 10,
      outcome: 'ECONNREFUSED',
      answered: false,
    })),
  ];
  return assessHealth(samples, { slowMs: 5000, fastMs: 1000 });
}

function plan(at: string, formation: ProcessFormation[], probe: ProbeReport | null = null, s = settings()) {
  const result = decide({ now: Date.parse(at), settings: s, formation, probe });
  const web = result.processes.find((p) => p.type === 'web');
  return {
    quantity: web?.target.quantity,
    reason: web?.reason,
    updates: result.updates,
    problems: result.problems,
  };
}

const DAY_BEFORE = '2026-11-29T12:00:00Z';

describe('the policy table', () => {
  it('1. a manual quantity wins', () => {
    const s = settings({ manual: [{ type: 'web', quantity: 1 }] });
    expect(plan('2026-11-30T15:00:00Z', web(3, DAY_BEFORE), probeOf([], 3), s)).toMatchObject({
      quantity: 1,
      reason: 'manual',
    });
  });

  it('2. down scales out to max and never in', () => {
    expect(plan('2026-11-30T23:30:00Z', web(2, DAY_BEFORE), probeOf([100], 2))).toMatchObject({
      quantity: 3,
      reason: 'failsafe',
    });
    // Above max already: stays where it is.
    expect(plan('2026-11-30T23:30:00Z', web(5, DAY_BEFORE), probeOf([], 3))).toMatchObject({
      quantity: 5,
      reason: 'failsafe',
    });
  });

  it('2. slow scales out to max', () => {
    expect(plan('2026-11-30T23:30:00Z', web(2, DAY_BEFORE), probeOf([6000, 6000, 7000]))).toMatchObject({
      quantity: 3,
      reason: 'failsafe',
    });
  });

  it('says a slow median in whole milliseconds, and names an implicit ceiling as such', () => {
    const result = decide({
      now: Date.parse('2026-11-30T23:30:00Z'),
      settings: settings({ implicitMax: new Set(['web']) }),
      formation: web(2, DAY_BEFORE),
      probe: probeOf([6000.25, 7005.878262, 7100]),
    });
    const why = result.processes[0].why;
    expect(why).toContain('median 7006 ms');
    expect(why).toContain("max web=3, the schedule's peak as max does not name web (set max above it");
  });

  it('one failed sample of three is not down', () => {
    expect(plan('2026-11-30T23:30:00Z', web(2, DAY_BEFORE), probeOf([100, 100], 1))).toMatchObject({
      quantity: 2,
      reason: 'schedule',
      updates: [],
    });
  });

  it('3. below the schedule scales out; at it, nothing to do', () => {
    expect(plan('2026-11-30T15:00:00Z', web(1, DAY_BEFORE))).toMatchObject({
      quantity: 3,
      reason: 'schedule',
      updates: [{ type: 'web', quantity: 3 }],
    });
    expect(plan('2026-11-30T15:00:00Z', web(3, DAY_BEFORE))).toMatchObject({ quantity: 3, updates: [] });
  });

  it('4. a hand-set quantity during the window holds until the window ends', () => {
    const setByHand = web(5, '2026-11-30T14:00:00Z');
    const s = settings({ max: new Map([['web', 6]]) });
    expect(plan('2026-11-30T15:00:00Z', setByHand, null, s)).toMatchObject({ quantity: 5, reason: 'hold' });
    expect(plan('2026-11-30T22:30:00Z', setByHand, null, s)).toMatchObject({
      quantity: 2,
      reason: 'schedule',
    });
  });

  it('4. a quantity at max set during the window is not a hand-set hold', () => {
    expect(plan('2026-11-30T23:30:00Z', web(3, '2026-11-30T22:10:00Z'))).toMatchObject({
      quantity: 2,
      reason: 'schedule',
    });
    expect(plan('2026-11-30T23:30:00Z', web(3, '2026-11-30T23:25:00Z'))).toMatchObject({
      quantity: 3,
      reason: 'cooldown',
    });
  });

  it('4. a recent change holds (cooldown)', () => {
    expect(plan('2026-11-30T22:05:00Z', web(3, '2026-11-30T21:58:00Z'))).toMatchObject({
      quantity: 3,
      reason: 'cooldown',
    });
    expect(plan('2026-11-30T22:08:00Z', web(3, '2026-11-30T21:58:00Z'))).toMatchObject({
      quantity: 2,
      reason: 'schedule',
    });
  });

  it('4. a change stamped after the runner\'s clock is "just now", never a hand-set hold', () => {
    // Heroku's clock 90 s ahead of the runner's: web=5 inside the window, with max 6.
    const s = settings({ max: new Map([['web', 6]]) });
    const skewed = decide({
      now: Date.parse('2026-11-30T15:00:00Z'),
      settings: s,
      formation: web(5, '2026-11-30T15:01:30Z'),
      probe: null,
    }).processes[0];
    expect(skewed).toMatchObject({ reason: 'cooldown', target: { quantity: 5 } });
    expect(skewed.why).toBe('the formation changed just now; no scale-in within 10 min');
    // Two days ahead, with no cooldown: the schedule decides, as for any old change.
    const noCooldown = settings({ max: new Map([['web', 6]]), cooldownMinutes: 0 });
    expect(plan('2026-11-30T15:00:00Z', web(5, '2026-12-02T15:00:00Z'), null, noCooldown)).toMatchObject({
      quantity: 3,
      reason: 'schedule',
    });
  });

  it('4. with a probe, scales in only when fast', () => {
    expect(plan('2026-11-30T23:30:00Z', web(3, DAY_BEFORE), probeOf([200, 300, 250]))).toMatchObject({
      quantity: 2,
      reason: 'schedule',
    });
    expect(plan('2026-11-30T23:30:00Z', web(3, DAY_BEFORE), probeOf([1500, 1200, 1100]))).toMatchObject({
      quantity: 3,
      reason: 'hold',
    });
    expect(plan('2026-11-30T23:30:00Z', web(3, DAY_BEFORE), probeOf([200, 300], 1))).toMatchObject({
      quantity: 3,
      reason: 'hold',
    });
  });

  it('4. without a probe, scales in on schedule', () => {
    expect(plan('2026-11-30T23:30:00Z', web(3, DAY_BEFORE))).toMatchObject({
      quantity: 2,
      reason: 'schedule',
    });
  });

  it('lead time scales out before the window', () => {
    expect(
      plan('2026-11-30T06:50:00Z', web(1, DAY_BEFORE), null, settings({ leadMinutes: 15 })),
    ).toMatchObject({
      quantity: 3,
      reason: 'schedule',
    });
    expect(
      plan('2026-11-30T06:50:00Z', web(1, DAY_BEFORE), null, settings({ leadMinutes: 5 })),
    ).toMatchObject({
      quantity: 1,
      updates: [],
    });
  });

  it('changes the size only when the schedule names one', () => {
    const s = settings({ schedule: parseSchedule('web=2:performance-m', 'web'), max: new Map([['web', 2]]) });
    expect(plan('2026-11-30T15:00:00Z', web(2, DAY_BEFORE), null, s).updates).toEqual([
      { type: 'web', quantity: 2, size: 'Performance-M' },
    ]);
    expect(plan('2026-11-30T15:00:00Z', web(2, DAY_BEFORE, 'performance-m'), null, s).updates).toEqual([]);
  });

  it('refuses types the app lacks and Eco or Basic above one', () => {
    const s = settings({ schedule: parseSchedule('web=2\nworker=1', 'web'), max: new Map([['web', 2]]) });
    expect(plan('2026-11-30T15:00:00Z', web(1, DAY_BEFORE, 'Basic'), null, s).problems).toEqual([
      'web=2 is refused: Heroku allows at most 1 Basic dyno per process type',
      'the app has no process type "worker" (it has: web)',
    ]);
  });
});

describe('policy invariants (property-based)', () => {
  const schedule = parseSchedule(
    [
      'Mon-Fri 07:00-22:00 web=3 worker=2',
      '22:00-03:00 web=2',
      '03:00-07:00 web=1',
      'worker=1',
      'web=1',
    ].join('\n'),
    'web',
  );
  const start = Date.parse('2026-01-01T00:00:00Z');
  const arbitraryInput = fc.record({
    now: fc.integer({ min: start, max: start + 400 * 86_400_000 }),
    webQuantity: fc.integer({ min: 0, max: 12 }),
    workerQuantity: fc.integer({ min: 0, max: 12 }),
    updatedAgo: fc.integer({ min: 0, max: 3 * 1440 }),
    health: fc.option(
      fc.record({
        ms: fc.array(fc.integer({ min: 1, max: 12_000 }), { maxLength: 5 }),
        failed: fc.integer({ min: 0, max: 5 }),
      }),
    ),
    max: fc.integer({ min: 3, max: 10 }),
    cooldown: fc.integer({ min: 0, max: 60 }),
    lead: fc.integer({ min: 0, max: 60 }),
    zone: fc.constantFrom('UTC', 'America/New_York', 'Europe/London', 'Asia/Kathmandu'),
  });

  type PolicyInput = typeof arbitraryInput extends fc.Arbitrary<infer T> ? T : never;

  function run(input: PolicyInput) {
    const formation: ProcessFormation[] = [
      {
        type: 'web',
        quantity: input.webQuantity,
        size: 'Standard-1X',
        updatedAt: input.now - input.updatedAgo * MIN,
      },
      {
        type: 'worker',
        quantity: input.workerQuantity,
        size: 'Standard-1X',
        updatedAt: input.now - input.updatedAgo * MIN,
      },
    ];
    const probe =
      input.health && input.health.ms.length + input.health.failed > 0
        ? probeOf(input.health.ms, input.health.failed)
        : null;
    const s = settings({
      schedule,
      timezone: input.zone,
      max: new Map([
        ['web', input.max],
        ['worker', input.max],
      ]),
      cooldownMinutes: input.cooldown,
      leadMinutes: input.lead,
    });
    return { plan: decide({ now: input.now, settings: s, formation, probe }), formation, probe };
  }

  it('never exceeds max unless the app already did, never goes below the schedule or, unhealthy, below current', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const { plan: result, formation, probe } = run(input);
        for (const p of result.processes) {
          const current = formation.find((f) => f.type === p.type)?.quantity ?? 0;
          expect(p.target.quantity <= input.max || p.target.quantity <= current).toBe(true);
          expect(p.target.quantity).toBeGreaterThanOrEqual(p.scheduled?.quantity ?? 0);
          // While unhealthy, `web` never goes below what it has; otherwise nothing more is promised here.
          const unhealthy = p.type === 'web' && probe !== null && probe.health !== 'healthy';
          expect(p.target.quantity).toBeGreaterThanOrEqual(unhealthy ? current : 0);
        }
      }),
      { numRuns: PROPERTY_RUNS.policy.runs, seed: PROPERTY_RUNS.policy.seed },
    );
  });
});
