/**
 * The traffic benchmark: a model app whose web latency and job backlog follow from its arrival
 * rates and dyno counts, driven minute by minute through four weeks of synthetic traffic (a
 * daily and weekly shape, a nightly batch and a few surges), and scaled by each strategy. The
 * strategies that are this action run the policy code of `src/` itself (`decide`, the load
 * rules' parser) on runs started as GitHub's scheduler starts them (the scenarios of
 * github-schedule-model.ts).
 *
 * The queueing model, per minute, with c dynos:
 * - web: requests arrive at λ a second; a dyno serves μ a second. Requests the dynos cannot
 *   serve wait in a backlog B (a fluid queue: B ← max(0, B + 60·(λ − cμ))). Response time is
 *   the M/M/1 time of each dyno's share, s / (1 − ρ) with ρ = λ / (cμ) (at most 0.98), plus the
 *   backlog's wait B / (cμ). The figure the app reports is its request queue time, the
 *   response time less s.
 * - worker: jobs arrive at a rate that follows the web's, plus a batch each night; a dyno works
 *   ν jobs a minute; the queue J ← max(0, J + arrivals − cν). Job-minutes waited is ΣJ.
 * - a change takes effect one minute after the run that asked for it (a dyno's boot).
 */

import { RUNNER_PRICES } from '../src/core/actions-bill.js';
import { servingCron } from '../src/core/cron-plan.js';
import { FORESIGHT_MIN_DAYS, forecastFloors, neededWeek, suggestionOf } from '../src/core/foresight.js';
import type { ProcessFormation } from '../src/core/formation.js';
import { assessHealth, type ProbeReport } from '../src/core/health.js';
import { addToWeek, demandOf, type WeekAggregate } from '../src/core/history.js';
import { type LoadRule, type MetricsReport, parseLoadRules } from '../src/core/load.js';
import { decide, loadDemand, type OwnChange, type PolicySettings } from '../src/core/policy.js';
import { parseSchedule, resolveAt, type Schedule } from '../src/core/schedule.js';
import { MS_PER_MINUTE } from '../src/core/zoned-time.js';
import { dueMinutes } from './fidelity.js';
import { deliver, MONITOR, type ScheduleModel, seededRandom } from './github-schedule-model.js';

export const TRAFFIC = {
  start: '2026-11-30T00:00:00Z',
  days: 28,
  /** requests a second one web dyno serves, and the time one takes alone, ms */
  webMu: 10,
  serviceMs: 100,
  /** the response time users should get; a minute above it counts against a strategy */
  targetMs: 500,
  /** requests a second: night, weekday peak; weekends get `weekend` of the weekday's */
  nightRate: 6,
  peakRate: 44,
  weekend: 0.6,
  /** jobs a minute per request a second, and jobs one worker dyno works a minute */
  jobsPerRequest: 2.5,
  workerNu: 50,
  /** the nightly batch, enqueued at 02:00 */
  batchJobs: 4000,
  batchMinute: 120,
  /** surges: this many a month, each this long, at this multiple of the traffic */
  surges: 4,
  surgeMinutes: 90,
  surgeFactor: 2.2,
  max: { web: 12, worker: 10 },
  cooldownMinutes: 10,
  /** Standard-1X, $25 a 720-hour month (heroku.com/pricing, checked 2026-11-28) */
  dynoUsdPerMinute: 25 / (720 * 60),
  schedule: 'Mon-Fri 08:00-21:00 web=6 worker=3\nSat,Sun 09:00-21:00 web=4 worker=2\nweb=2\nworker=1',
  load: 'web: request_queue_ms 50..300 step 2\nworker: worker per 300',
  /** the probe's thresholds, on the model's response time */
  slowMs: 1000,
  fastMs: 300,
};

const MINUTES = TRAFFIC.days * 1440;

export interface Traffic {
  /** requests a second, each minute */
  rate: Float64Array;
  /** jobs enqueued, each minute */
  jobs: Float64Array;
}

/** The daily shape: night, a ramp from 07:00 to 09:00, a plateau, a decline from 19:00 to 23:00. */
function dayShape(minuteOfDay: number): number {
  const h = minuteOfDay / 60;
  if (h < 7) return 0;
  if (h < 9) return (h - 7) / 2;
  if (h < 19) return 1;
  if (h < 23) return (23 - h) / 4;
  return 0;
}

/** Four weeks of arrivals, the surges placed at random daytime hours by the seed. */
export function syntheticTraffic(seed: number): Traffic {
  const random = seededRandom(seed);
  const rate = new Float64Array(MINUTES);
  const jobs = new Float64Array(MINUTES);
  const surgeStarts = Array.from(
    { length: TRAFFIC.surges },
    () => Math.floor(random() * TRAFFIC.days) * 1440 + (9 + Math.floor(random() * 10)) * 60,
  );
  for (let m = 0; m < MINUTES; m++) {
    const day = Math.floor(m / 1440);
    // The start is a Monday: days 5 and 6 of each week are the weekend.
    const weekend = day % 7 >= 5 ? TRAFFIC.weekend : 1;
    const base = TRAFFIC.nightRate + (TRAFFIC.peakRate - TRAFFIC.nightRate) * weekend * dayShape(m % 1440);
    const surge = surgeStarts.some((s) => m >= s && m < s + TRAFFIC.surgeMinutes) ? TRAFFIC.surgeFactor : 1;
    // A little noise minute to minute.
    rate[m] = base * surge * (0.92 + 0.16 * random());
    jobs[m] = rate[m] * TRAFFIC.jobsPerRequest + (m % 1440 === TRAFFIC.batchMinute ? TRAFFIC.batchJobs : 0);
  }
  return { rate, jobs };
}

interface AppState {
  web: number;
  worker: number;
  backlog: number;
  queue: number;
}

function responseMs(rate: number, web: number, backlog: number): number {
  if (web === 0) return 30_000;
  const capacity = web * TRAFFIC.webMu;
  const rho = Math.min(0.98, rate / capacity);
  return TRAFFIC.serviceMs / (1 - rho) + (backlog / capacity) * 1000;
}

/** One minute of the model: the queues after it, and the response time during it. */
function step(state: AppState, traffic: Traffic, m: number): number {
  const rate = traffic.rate[m];
  state.backlog = Math.max(0, state.backlog + 60 * (rate - state.web * TRAFFIC.webMu));
  state.queue = Math.max(0, state.queue + traffic.jobs[m] - state.worker * TRAFFIC.workerNu);
  return responseMs(rate, state.web, state.backlog);
}

export interface TrafficResult {
  name: string;
  dynoUsd: number;
  overMinutes: number;
  jobMinutes: number;
  runs: number;
  actionsUsd: number;
}

type Decider = (m: number, state: AppState, latencyMs: number) => { web: number; worker: number };

/** Runs the model over the month; `decideAt(m)` is asked at each run's minute, in order. */
function simulate(name: string, traffic: Traffic, runMinutes: number[], decider: Decider, initial: AppState) {
  const state = { ...initial };
  const runs = [...runMinutes].sort((a, b) => a - b);
  let next = 0;
  let pending: { at: number; web: number; worker: number }[] = [];
  let dynoMinutes = 0;
  let over = 0;
  let jobMinutes = 0;
  let latency = responseMs(traffic.rate[0], state.web, 0);
  for (let m = 0; m < MINUTES; m++) {
    for (const p of pending.filter((x) => x.at <= m)) Object.assign(state, { web: p.web, worker: p.worker });
    pending = pending.filter((x) => x.at > m);
    while (next < runs.length && runs[next] < m + 1) {
      const wanted = decider(runs[next], state, latency);
      if (wanted.web !== state.web || wanted.worker !== state.worker) pending.push({ at: m + 1, ...wanted });
      next++;
    }
    latency = step(state, traffic, m);
    dynoMinutes += state.web + state.worker;
    if (latency > TRAFFIC.targetMs) over++;
    jobMinutes += state.queue;
  }
  return {
    name,
    dynoUsd: dynoMinutes * TRAFFIC.dynoUsdPerMinute,
    overMinutes: over,
    jobMinutes,
    runs: runs.length,
  };
}

const START = Date.parse(TRAFFIC.start);

function policySettings(schedule: Schedule, rules: readonly LoadRule[] | null): PolicySettings {
  return {
    schedule,
    timezone: 'UTC',
    process: 'web',
    manual: null,
    max: new Map(Object.entries(TRAFFIC.max)),
    implicitMax: new Set(),
    cooldownMinutes: TRAFFIC.cooldownMinutes,
    leadMinutes: 0,
    load: rules ? { rules } : null,
  };
}

function probeOf(latencyMs: number): ProbeReport {
  const sample = { ok: true, ms: latencyMs, outcome: '200', answered: true };
  return assessHealth([sample, sample, sample], { slowMs: TRAFFIC.slowMs, fastMs: TRAFFIC.fastMs });
}

function metricsOf(state: AppState, latencyMs: number): MetricsReport {
  return {
    format: 'prometheus',
    readings: new Map([
      ['request_queue_ms', { ok: true, value: Math.max(0, latencyMs - TRAFFIC.serviceMs) }],
      ['worker', { ok: true, value: state.queue }],
    ]),
  };
}

interface DeciderOptions {
  settings: PolicySettings;
  probe: boolean;
  /** act on the load rules */
  load: boolean;
  /** raise the floor to what the recorded weeks needed ahead (`predict`) */
  predict?: boolean;
  /** replace the schedule each Monday by the one the recorded weeks suggest */
  resuggest?: boolean;
}

const TYPES = ['web', 'worker'] as const;
const SIZES = new Map(TYPES.map((t) => [t, 'Standard-1X']));

/**
 * A decider that is the action's own policy, with the history's record of its own changes and
 * of what each hour needed (the same aggregates, percentile and forecast as a real run).
 */
function actionDecider(options: DeciderOptions): Decider {
  const own: OwnChange[] = [];
  const stamped = { web: START - 86_400_000, worker: START - 86_400_000 };
  const rules = parseLoadRules(TRAFFIC.load).rules;
  let weeks: Record<string, WeekAggregate> = {};
  let schedule = options.settings.schedule as Schedule;
  let derivedWeek = 0;
  return (m, state, latencyMs) => {
    const now = START + m * MS_PER_MINUTE;
    if (options.resuggest && Math.floor(m / (7 * 1440)) > derivedWeek) {
      derivedWeek = Math.floor(m / (7 * 1440));
      const text = suggestionOf(weeks, schedule, 'web', TYPES, SIZES).text;
      if (text) schedule = parseSchedule(text, 'web');
    }
    const settings = { ...options.settings, schedule };
    const formation: ProcessFormation[] = TYPES.map((type) => ({
      type,
      quantity: state[type],
      size: 'Standard-1X',
      updatedAt: stamped[type],
    }));
    const metrics = metricsOf(state, latencyMs);
    const needed = options.predict ? neededWeek(weeks, TYPES) : null;
    const probe = options.probe ? probeOf(latencyMs) : null;
    const plan = decide({
      now,
      settings,
      formation,
      probe,
      metrics: options.load ? metrics : null,
      ownChanges: own.slice(-8),
      ...(needed && needed.days >= FORESIGHT_MIN_DAYS
        ? { forecast: forecastFloors(needed, now, 0, 'UTC') }
        : {}),
    });
    // What each hour needed, as a run records it; with load rules that do not act, as a
    // forecast-only run would reckon them.
    const scheduled = Object.fromEntries(
      [...resolveAt(schedule, now, 'UTC')].map(([t, e]) => [t, e.quantity]),
    );
    const demand = demandOf(plan.processes, probe, 'web', scheduled);
    if (!options.load)
      for (const rule of rules) {
        const reading = metrics.readings.get(rule.metric);
        if (reading?.ok)
          demand[rule.type] = loadDemand(
            rule,
            reading.value,
            state[rule.type as 'web' | 'worker'],
            TRAFFIC.max[rule.type as 'web' | 'worker'],
          );
      }
    const record = {
      before: {},
      after: {},
      scheduled,
      reason: '',
      health: '',
      latencyMs: null,
      changed: false,
      error: null,
      demand,
    };
    weeks = addToWeek(weeks, record, now, 'UTC');
    const wanted = { web: state.web, worker: state.worker };
    const left: Record<string, number> = {};
    for (const u of plan.updates) {
      wanted[u.type as 'web' | 'worker'] = u.quantity;
      stamped[u.type as 'web' | 'worker'] = now + 30_000;
      left[u.type] = u.quantity;
    }
    if (plan.updates.length > 0) own.push({ at: now, minutes: 1, left });
    return wanted;
  };
}

/** What each minute needs, known in advance: the fewest dynos that meet the target and clear the queue. */
function oracleNeeds(traffic: Traffic): { web: Int32Array; worker: Int32Array } {
  const web = new Int32Array(MINUTES);
  const worker = new Int32Array(MINUTES);
  let queue = 0;
  for (let m = 0; m < MINUTES; m++) {
    let c = 1;
    while (c < TRAFFIC.max.web && responseMs(traffic.rate[m], c, 0) > TRAFFIC.targetMs) c++;
    web[m] = c;
    const due = queue + traffic.jobs[m];
    worker[m] = Math.min(TRAFFIC.max.worker, Math.max(1, Math.ceil(due / TRAFFIC.workerNu)));
    queue = Math.max(0, due - worker[m] * TRAFFIC.workerNu);
  }
  return { web, worker };
}

function monitorDispatches(
  traffic: Traffic,
  model: ScheduleModel,
  random: () => number,
  slowMs: number,
): number[] {
  // An uptime monitor with a response-time alert: it checks every few minutes on the peak
  // model (enough dynos never exist in its view), and a dispatched run follows when slow.
  const starts: number[] = [];
  const [low, high] = model.dispatchMinutes;
  let quietUntil = 0;
  const schedule = parseSchedule(TRAFFIC.schedule, 'web');
  for (let m = 0; m < MINUTES; m += MONITOR.intervalMinutes) {
    const scheduledWeb = resolveAt(schedule, START + m * MS_PER_MINUTE, 'UTC').get('web')?.quantity ?? 1;
    if (m < quietUntil || responseMs(traffic.rate[m], scheduledWeb, 0) <= slowMs) continue;
    starts.push(m + MONITOR.confirmMinutes + low + (high - low) * random());
    quietUntil = m + 15;
  }
  return starts;
}

export interface TrafficStrategy {
  name: string;
  kind: 'peak' | 'edge' | 'action' | 'reactive' | 'oracle';
  crons?: string[];
  monitor?: boolean;
  probe?: boolean;
  load?: boolean;
  predict?: boolean;
  resuggest?: boolean;
}

export function trafficStrategies(): TrafficStrategy[] {
  const recommended = [...servingCron(parseSchedule(TRAFFIC.schedule, 'web'), 0, false), '7-59/30 * * * *'];
  return [
    { name: 'the peak all month', kind: 'peak' },
    { name: 'the original script (a job at each change)', kind: 'edge' },
    { name: 'schedule only, recommended cron', kind: 'action', crons: recommended },
    { name: 'schedule + probe + monitor', kind: 'action', crons: recommended, probe: true, monitor: true },
    {
      name: '**schedule + load**, recommended cron + monitor',
      kind: 'action',
      crons: recommended,
      probe: true,
      monitor: true,
      load: true,
    },
    {
      name: 'schedule + load, `5-59/10` + monitor',
      kind: 'action',
      crons: ['5-59/10 * * * *'],
      probe: true,
      monitor: true,
      load: true,
    },
    {
      name: 'schedule + load + **predict**, recommended cron + monitor',
      kind: 'action',
      crons: recommended,
      probe: true,
      monitor: true,
      load: true,
      predict: true,
    },
    {
      name: 'the suggested schedule alone, re-derived each week (+ probe + monitor)',
      kind: 'action',
      crons: recommended,
      probe: true,
      monitor: true,
      resuggest: true,
    },
    { name: 'reactive, every minute (a hosted autoscaler)', kind: 'reactive' },
    { name: 'oracle (knows each minute)', kind: 'oracle' },
  ];
}

/** The minutes at which the schedule's quantities change: the original script's jobs. */
function scheduleChanges(schedule: Schedule): { at: number; web: number; worker: number }[] {
  const changes: { at: number; web: number; worker: number }[] = [];
  let last = '';
  for (let m = 0; m < MINUTES; m++) {
    const at = resolveAt(schedule, START + m * MS_PER_MINUTE, 'UTC');
    const web = at.get('web')?.quantity ?? 1;
    const worker = at.get('worker')?.quantity ?? 1;
    const key = `${web}/${worker}`;
    if (key !== last && m > 0) changes.push({ at: m, web, worker });
    last = key;
  }
  return changes;
}

export function runTrafficStrategy(
  strategy: TrafficStrategy,
  traffic: Traffic,
  model: ScheduleModel,
  seed: number,
): TrafficResult {
  const random = seededRandom(seed);
  const schedule = parseSchedule(TRAFFIC.schedule, 'web');
  const initial = { web: 1, worker: 1, backlog: 0, queue: 0 };
  const rules = parseLoadRules(TRAFFIC.load).rules;
  let result: Omit<TrafficResult, 'actionsUsd'>;
  switch (strategy.kind) {
    case 'peak':
    case 'oracle': {
      const needs = oracleNeeds(traffic);
      const peak = { web: Math.max(...needs.web), worker: Math.max(...needs.worker) };
      const all = Array.from({ length: MINUTES }, (_, m) => m);
      result = simulate(
        strategy.name,
        traffic,
        all,
        strategy.kind === 'peak'
          ? () => peak
          : (m) => ({
              web: needs.web[Math.min(MINUTES - 1, Math.floor(m) + 1)],
              worker: needs.worker[Math.min(MINUTES - 1, Math.floor(m) + 1)],
            }),
        strategy.kind === 'peak'
          ? { ...initial, ...peak }
          : { ...initial, web: needs.web[0], worker: needs.worker[0] },
      );
      result.runs = 0;
      break;
    }
    case 'edge': {
      const changes = scheduleChanges(schedule);
      const delivered = changes.map((c) => ({ ...c, started: deliver([c.at], model, random)[0] }));
      const started = delivered.filter((d) => d.started !== undefined);
      const byStart = new Map(started.map((d) => [d.started, d]));
      result = simulate(
        strategy.name,
        traffic,
        [...byStart.keys()],
        (m) => byStart.get(m) as { web: number; worker: number },
        initial,
      );
      break;
    }
    case 'reactive': {
      // No schedule: a floor of one of each, the same rules and max, looked at every minute.
      const settings = policySettings(parseSchedule('web=1\nworker=1', 'web'), rules);
      const all = Array.from({ length: MINUTES }, (_, m) => m + 0.5);
      result = simulate(
        strategy.name,
        traffic,
        all,
        actionDecider({ settings, probe: true, load: true }),
        initial,
      );
      result.runs = 0;
      break;
    }
    default: {
      const settings = policySettings(schedule, strategy.load ? rules : null);
      const starts = deliver(dueMinutes(strategy.crons ?? [], TRAFFIC.days, TRAFFIC.start), model, random);
      if (strategy.monitor) starts.push(...monitorDispatches(traffic, model, random, TRAFFIC.slowMs));
      const inMonth = starts.filter((s) => s < MINUTES);
      const decider = actionDecider({
        settings,
        probe: !!strategy.probe,
        load: !!strategy.load,
        predict: strategy.predict,
        resuggest: strategy.resuggest,
      });
      result = simulate(strategy.name, traffic, inMonth, decider, initial);
    }
  }
  // Each run is one billed minute, on a private repository's Linux 2-core runner.
  return { ...result, actionsUsd: result.runs * RUNNER_PRICES[0].usdPerMinute };
}

export interface TrafficSummary extends TrafficResult {
  /** the peak all month's dyno dollars less this one's and its Actions minutes */
  netUsd: number;
}

/** Every strategy on one scenario of the scheduler, averaged over `trials` months of traffic. */
export function runTraffic(model: ScheduleModel, trials: number, seed: number): TrafficSummary[] {
  const list = trafficStrategies();
  const sums = list.map((s) => ({
    name: s.name,
    dynoUsd: 0,
    overMinutes: 0,
    jobMinutes: 0,
    runs: 0,
    actionsUsd: 0,
  }));
  for (let trial = 0; trial < trials; trial++) {
    const traffic = syntheticTraffic(seed + trial);
    list.forEach((strategy, i) => {
      const r = runTrafficStrategy(strategy, traffic, model, seed + trial * 31 + i);
      for (const key of ['dynoUsd', 'overMinutes', 'jobMinutes', 'runs', 'actionsUsd'] as const)
        sums[i][key] += r[key] / trials;
    });
  }
  const peak = sums[0].dynoUsd;
  return sums.map((s) => ({ ...s, netUsd: peak - s.dynoUsd - s.actionsUsd }));
}
