/**
 * Schedule fidelity and outage response over four weeks, minute by minute, reusing the
 * action's own pure core (schedule resolution and policy). Compares an edge-triggered port
 * of the original script (one job per transition) with this action run every N minutes.
 */

import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { localRuns, parseCron } from '../src/core/cron.js';
import { servingCron } from '../src/core/cron-plan.js';
import type { ProcessFormation } from '../src/core/formation.js';
import { assessHealth, median, type ProbeReport } from '../src/core/health.js';
import { decide, type PolicySettings } from '../src/core/policy.js';
import { parseSchedule, resolveAt } from '../src/core/schedule.js';
import { MS_PER_MINUTE } from '../src/core/zoned-time.js';
import { deliver, MONITOR, type ScheduleModel, seededRandom } from './github-schedule-model.js';

export const SIMULATION = {
  start: '2026-11-30T00:00:00Z',
  days: 28,
  /** one-hour outages, as minutes from the start, placed where the schedule is below max */
  outages: [
    { start: 2 * 1440 + 23 * 60 + 30, minutes: 60 },
    { start: 16 * 1440 + 4 * 60, minutes: 60 },
  ],
  max: 3,
  cooldownMinutes: 10,
  /** the seed table's transitions: minute of day → quantity */
  edgeJobs: [
    { minute: 7 * 60, quantity: 3 },
    { minute: 22 * 60, quantity: 2 },
    { minute: 3 * 60, quantity: 1 },
  ],
};

export interface StrategyResult {
  name: string;
  underMinutes: number;
  overMinutes: number;
  transitionsMissed: number;
  transitions: number;
  /** minutes from each outage's start to the scale-out; null: never during the outage */
  outageResponse: (number | null)[];
  runsPerMonth: number;
}

export interface FidelitySummary {
  name: string;
  trials: number;
  underMinutes: number;
  overMinutes: number;
  transitionsMissed: number;
  transitions: number;
  responseMedian: number | null;
  responseWorst: number | null;
  unanswered: number;
  actionsMinutesPerMonth: number;
}

function probeAt(minute: number): ProbeReport {
  const down = SIMULATION.outages.some((o) => minute >= o.start && minute < o.start + o.minutes);
  const sample = down
    ? { ok: false, ms: 5, outcome: '503', answered: true }
    : { ok: true, ms: 180, outcome: '200', answered: true };
  return assessHealth([sample, sample, sample], { slowMs: 5000, fastMs: 1000 });
}

interface Run {
  at: number;
  apply: (minute: number, current: ProcessFormation) => number;
}

function simulate(name: string, runs: Run[], scheduled: Int32Array, initial: number): StrategyResult {
  const start = Date.parse(SIMULATION.start);
  const total = scheduled.length;
  runs.sort((a, b) => a.at - b.at);
  let current: ProcessFormation = {
    type: 'web',
    quantity: initial,
    size: 'Standard-1X',
    updatedAt: start - 86_400_000,
  };
  const actual = new Int32Array(total);
  let next = 0;
  for (let minute = 0; minute < total; minute++) {
    while (next < runs.length && runs[next].at < minute + 1) {
      const run = runs[next++];
      const target = run.apply(run.at, current);
      if (target !== current.quantity) {
        current = { ...current, quantity: target, updatedAt: start + run.at * MS_PER_MINUTE };
      }
    }
    actual[minute] = current.quantity;
  }
  let under = 0;
  let over = 0;
  let transitions = 0;
  let missed = 0;
  let windowStart = 0;
  for (let minute = 0; minute <= total; minute++) {
    if (minute === total || (minute > 0 && scheduled[minute] !== scheduled[minute - 1])) {
      if (windowStart > 0) {
        transitions++;
        let reached = false;
        for (let m = windowStart; m < minute && !reached; m++) reached = actual[m] === scheduled[m];
        if (!reached) missed++;
      }
      windowStart = minute;
    }
    if (minute < total) {
      under += Math.max(0, scheduled[minute] - actual[minute]);
      over += Math.max(0, actual[minute] - scheduled[minute]);
    }
  }
  const outageResponse = SIMULATION.outages.map((o) => {
    for (let m = o.start; m < o.start + o.minutes; m++) if (actual[m] >= SIMULATION.max) return m - o.start;
    return null;
  });
  return {
    name,
    underMinutes: under,
    overMinutes: over,
    transitionsMissed: missed,
    transitions,
    outageResponse,
    runsPerMonth: (runs.length * 30) / SIMULATION.days,
  };
}

function scheduledPerMinute(): Int32Array {
  const schedule = parseSchedule(SEED_SCHEDULE, 'web');
  const start = Date.parse(SIMULATION.start);
  const out = new Int32Array(SIMULATION.days * 1440);
  for (let m = 0; m < out.length; m++) {
    out[m] = resolveAt(schedule, start + m * MS_PER_MINUTE, 'UTC').get('web')?.quantity ?? 0;
  }
  return out;
}

/** A level-triggered strategy: cron lines (UTC), and whether an uptime monitor dispatches the workflow on an outage. */
export interface Strategy {
  name: string;
  crons: string[];
  monitor?: boolean;
}

/** The crons compared; the derived lines are what the `cron` output gives for the seed table. */
export function strategies(): Strategy[] {
  const derived = servingCron(parseSchedule(SEED_SCHEDULE, 'web'), 0, false);
  return [
    { name: 'every 5 min (`*/5`)', crons: ['*/5 * * * *'] },
    { name: 'every 10 min (`5-59/10`)', crons: ['5-59/10 * * * *'] },
    { name: 'every 15 min (`7-59/15`)', crons: ['7-59/15 * * * *'] },
    { name: 'every 30 min (`7-59/30`)', crons: ['7-59/30 * * * *'] },
    { name: `derived (${derived.length} lines, ${derived.length * 3} runs a day)`, crons: derived },
    { name: 'derived + monitor dispatch', crons: derived, monitor: true },
    { name: 'derived + `7-59/30` + monitor dispatch', crons: [...derived, '7-59/30 * * * *'], monitor: true },
    { name: '`5-59/10` + monitor dispatch', crons: ['5-59/10 * * * *'], monitor: true },
  ];
}

/** The minutes, from the start, at which `lines` are due over `days` (UTC). */
export function dueMinutes(lines: string[], days = SIMULATION.days, start = SIMULATION.start): number[] {
  const startDay = Date.parse(start) / 86_400_000;
  const due = lines.flatMap((line) =>
    localRuns(parseCron(line), startDay, days).map((r) => (r.day - startDay) * 1440 + r.minute),
  );
  return [...new Set(due)].sort((a, b) => a - b);
}

function edgeTriggered(model: ScheduleModel, random: () => number, scheduled: Int32Array): StrategyResult {
  const runs: Run[] = [];
  for (const job of SIMULATION.edgeJobs) {
    const due = Array.from({ length: SIMULATION.days }, (_, day) => day * 1440 + job.minute);
    for (const at of deliver(due, model, random)) runs.push({ at, apply: () => job.quantity });
  }
  return simulate('edge-triggered (07:00, 22:00, 03:00 jobs)', runs, scheduled, scheduled[0]);
}

function levelTriggered(
  strategy: Strategy,
  model: ScheduleModel,
  random: () => number,
  scheduled: Int32Array,
): StrategyResult {
  const settings: PolicySettings = {
    schedule: parseSchedule(SEED_SCHEDULE, 'web'),
    timezone: 'UTC',
    process: 'web',
    manual: null,
    max: new Map([['web', SIMULATION.max]]),
    implicitMax: new Set(),
    cooldownMinutes: SIMULATION.cooldownMinutes,
    leadMinutes: 0,
    load: null,
  };
  const start = Date.parse(SIMULATION.start);
  const apply = (minute: number, current: ProcessFormation) =>
    decide({
      now: start + minute * MS_PER_MINUTE,
      settings,
      formation: [current],
      probe: probeAt(Math.floor(minute)),
    }).processes[0].target.quantity;
  const starts = deliver(dueMinutes(strategy.crons), model, random);
  if (strategy.monitor) {
    // The monitor notices within one check and its confirmation, then the dispatched run starts.
    const [low, high] = model.dispatchMinutes;
    for (const outage of SIMULATION.outages) {
      const noticed = outage.start + random() * MONITOR.intervalMinutes + MONITOR.confirmMinutes;
      starts.push(noticed + low + (high - low) * random());
    }
  }
  return simulate(
    strategy.name,
    starts.map((at) => ({ at, apply })),
    scheduled,
    scheduled[0],
  );
}

function summarize(results: StrategyResult[]): FidelitySummary {
  const responses = results.flatMap((r) => r.outageResponse);
  const answered = responses.filter((r): r is number => r !== null);
  const mean = (f: (r: StrategyResult) => number) => results.reduce((a, r) => a + f(r), 0) / results.length;
  return {
    name: results[0].name,
    trials: results.length,
    underMinutes: mean((r) => r.underMinutes),
    overMinutes: mean((r) => r.overMinutes),
    transitionsMissed: mean((r) => r.transitionsMissed),
    transitions: results[0].transitions,
    responseMedian: answered.length > 0 ? median(answered) : null,
    responseWorst: answered.length > 0 ? Math.max(...answered) : null,
    unanswered: responses.length - answered.length,
    actionsMinutesPerMonth: mean((r) => r.runsPerMonth),
  };
}

/** Every strategy over `trials` independent four-week runs of one scenario of the scheduler model. */
export function runFidelity(model: ScheduleModel, trials: number, seed: number): FidelitySummary[] {
  const scheduled = scheduledPerMinute();
  const byStrategy = new Map<string, StrategyResult[]>();
  const list = strategies();
  for (let trial = 0; trial < trials; trial++) {
    const results = [
      edgeTriggered(model, seededRandom(seed + trial), scheduled),
      ...list.map((strategy, i) =>
        levelTriggered(strategy, model, seededRandom(seed + trial * 101 + i + 1), scheduled),
      ),
    ];
    for (const r of results) byStrategy.set(r.name, [...(byStrategy.get(r.name) ?? []), r]);
  }
  return [...byStrategy.values()].map(summarize);
}
