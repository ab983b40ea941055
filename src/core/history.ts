/**
 * The action's memory across runs: one record per run of the step, and per app what it found,
 * decided and left. Pure: a restored history (outside text, checked here) and this run's
 * report in, the next history and the figures measured from it out.
 */
import { type Cron, lastRunAtOrBefore, parseCron, runsBetween } from './cron.js';
import type { ProcessFormation } from './formation.js';
import { median, type ProbeReport, percentile } from './health.js';
import { figuresOf } from './load.js';
import type { RunOutcome } from './outcome.js';
import type { OwnChange, ProcessPlan } from './policy.js';
import type { RunReport } from './run-report.js';
import { mondayOf, quantitiesOnDay, resolveAt, type Schedule } from './schedule.js';
import { localMinuteAt } from './zoned-time.js';

export const HISTORY_VERSION = 1;
/** Raw records are kept this long. */
export const RAW_DAYS = 8;
/** Hour-of-week aggregates are kept for this many weeks, the current one included. */
export const WEEKS = 5;
export const HOURS_A_WEEK = 168;
/** A restored history larger than this is not read: a fresh one starts. */
export const MAX_HISTORY_BYTES = 64 * 1024 * 1024;
/**
 * The oldest runs are dropped past this, whatever their age, so a big fleet's history stays
 * bounded: 8 days of runs every 10 minutes of 200 apps fit (the cache stores it compressed).
 */
export const MAX_SAVED_BYTES = 48 * 1024 * 1024;

const DAY_MS = 86_400_000;

export type TriggerKind = 'schedule' | 'manual' | 'monitor' | 'other';

/** What went wrong, by kind only: an error's text is outside text and never stored. */
export type ErrorClass = 'refused' | 'api' | 'network' | 'skipped' | 'error';

/** `{web: [3, "Standard-1X"]}`: each type's quantity and size. */
export type FormationRecord = Record<string, [number, string]>;

export interface AppRecord {
  before: FormationRecord;
  /** what the app has after the run (a dry run's is its formation before: it changed nothing) */
  after: FormationRecord;
  /** what the schedule gave each type at the run */
  scheduled: Record<string, number>;
  reason: string;
  health: string;
  latencyMs: number | null;
  changed: boolean;
  error: ErrorClass | null;
  /** the load figures read, by the names the rules use; null for a metric with no reading */
  metrics?: Record<string, number | null>;
  /** per type, the dynos the run found the app needed (load, probe, else schedule), floor aside */
  demand?: Record<string, number>;
}

export interface RunRecord {
  /** when the run started, ms since the epoch */
  at: number;
  /** for a scheduled run, when its cron asked for it; null otherwise */
  cronAt: number | null;
  trigger: TriggerKind;
  dryRun: boolean;
  /** billed minutes of the run */
  minutes: number;
  apps: Record<string, AppRecord>;
}

/** One week of one app, by local hour of the week (Monday 00:00 first): the most seen in each hour. */
export interface WeekAggregate {
  /** the highest median latency the probe saw, ms */
  latencyMs: (number | null)[];
  /** per type, the most dynos a run left */
  dynos: Record<string, (number | null)[]>;
  /** per type, the most dynos a run found the app needed */
  demand?: Record<string, (number | null)[]>;
}

export interface History {
  version: typeof HISTORY_VERSION;
  /** what this history belongs to: the workflow, the job and the app or fleet file */
  scope: string;
  /** the workflow's crons when last known, to count the runs that never came */
  crons: { cron: string; timeZone: string }[];
  runs: RunRecord[];
  /** per app, per week (the local day number of its Monday), the hour-of-week aggregates */
  weeks: Record<string, Record<string, WeekAggregate>>;
}

export function emptyHistory(scope: string): History {
  return { version: HISTORY_VERSION, scope, crons: [], runs: [], weeks: {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000;
const isInstant = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isShortText = (v: unknown) => typeof v === 'string' && v.length <= 64;

function isFormation(value: unknown): boolean {
  return (
    isRecord(value) &&
    Object.entries(value).every(
      ([type, p]) =>
        isShortText(type) && Array.isArray(p) && p.length === 2 && isCount(p[0]) && isShortText(p[1]),
    )
  );
}

const isHourSlots = (v: unknown) =>
  Array.isArray(v) &&
  v.length === HOURS_A_WEEK &&
  v.every((x) => x === null || (typeof x === 'number' && x >= 0 && x < 1e7));

const isTypeSlots = (v: unknown) =>
  isRecord(v) && Object.entries(v).every(([type, slots]) => isShortText(type) && isHourSlots(slots));

function isWeek(value: unknown): boolean {
  return (
    isRecord(value) &&
    isHourSlots(value.latencyMs) &&
    isTypeSlots(value.dynos) &&
    (value.demand === undefined || isTypeSlots(value.demand))
  );
}

/** At most this many metrics a record: a rule a type, and few types. */
const MAX_METRICS = 32;

function isMetrics(value: unknown): boolean {
  return (
    isRecord(value) &&
    Object.keys(value).length <= MAX_METRICS &&
    Object.entries(value).every(
      ([name, v]) => name.length <= 200 && (v === null || (typeof v === 'number' && Number.isFinite(v))),
    )
  );
}

function isAppRecord(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { before, after, scheduled, reason, health, latencyMs, changed, error, metrics, demand } = value;
  return (
    (metrics === undefined || isMetrics(metrics)) &&
    (demand === undefined || (isRecord(demand) && Object.values(demand).every(isCount))) &&
    isFormation(before) &&
    isFormation(after) &&
    isRecord(scheduled) &&
    Object.values(scheduled).every(isCount) &&
    isShortText(reason) &&
    isShortText(health) &&
    (latencyMs === null || (typeof latencyMs === 'number' && latencyMs >= 0 && latencyMs < 1e7)) &&
    typeof changed === 'boolean' &&
    (error === null || ['refused', 'api', 'network', 'skipped', 'error'].includes(error as string))
  );
}

function isRunRecord(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { at, cronAt, trigger, dryRun, minutes, apps } = value;
  return (
    isInstant(at) &&
    (cronAt === null || isInstant(cronAt)) &&
    ['schedule', 'manual', 'monitor', 'other'].includes(trigger as string) &&
    typeof dryRun === 'boolean' &&
    isCount(minutes) &&
    isRecord(apps) &&
    Object.entries(apps).every(([name, record]) => isShortText(name) && isAppRecord(record))
  );
}

/**
 * A restored history, checked: its version, its scope and the shape of every record. What
 * does not pass is not read; the caller starts a fresh history and says why.
 */
export function readHistory(
  text: string,
  scope: string,
): { history: History } | { problem: string; oldFormat?: true } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'it is not JSON' };
  }
  if (!isRecord(value)) return { problem: 'it is not a history object' };
  if (value.version !== HISTORY_VERSION)
    return {
      problem: `it is of format version ${JSON.stringify(value.version)}, not ${HISTORY_VERSION}`,
      oldFormat: true,
    };
  if (value.scope !== scope) return { problem: 'it belongs to another workflow, job or fleet' };
  const { crons, runs } = value;
  if (
    !Array.isArray(crons) ||
    !crons.every(
      (c) => isRecord(c) && typeof c.cron === 'string' && c.cron.length <= 200 && isShortText(c.timeZone),
    )
  )
    return { problem: 'its crons are malformed' };
  if (!Array.isArray(runs) || !runs.every(isRunRecord)) return { problem: 'a run record is malformed' };
  if (
    !isRecord(value.weeks) ||
    !Object.values(value.weeks).every((w) => isRecord(w) && Object.values(w).every(isWeek))
  )
    return { problem: 'its weekly aggregates are malformed' };
  return { history: value as unknown as History };
}

function formationRecord(formation: readonly ProcessFormation[]): FormationRecord {
  return Object.fromEntries(formation.map((p) => [p.type, [p.quantity, p.size]]));
}

function errorClass(error: string | null, status: string): ErrorClass | null {
  if (status === 'skipped') return 'skipped';
  if (error === null) return null;
  if (/^Heroku API error \(4\d\d/.test(error) || /refused/.test(error)) return 'refused';
  if (/Heroku API error|unexpected response/.test(error)) return 'api';
  if (/E[A-Z]+\b|timed out|no whole answer/.test(error)) return 'network';
  return 'error';
}

export interface RunFacts {
  report: RunReport;
  now: number;
  trigger: TriggerKind;
  /** the cron that started a scheduled run, with its zone */
  fired: { cron: Cron; timeZone: string } | null;
  crons: { cron: string; timeZone: string }[];
  minutes: number;
}

/** The history with this run's record added and what is past the bounds dropped. */
export function recordRun(history: History, facts: RunFacts): History {
  const apps: Record<string, AppRecord> = {};
  for (const a of facts.report.apps) {
    const outcome = a.outcome;
    const scheduled: Record<string, number> = {};
    const schedule = outcome?.settings.schedule;
    if (outcome && schedule)
      for (const [type, s] of resolveAt(schedule, facts.now, outcome.settings.timezone))
        scheduled[type] = s.quantity;
    apps[a.app] = {
      before: outcome ? formationRecord(outcome.before) : {},
      // What the app really has after the run: a dry run changed nothing, whatever it planned.
      after:
        a.formation && !outcome?.settings.dryRun
          ? formationRecord(a.formation)
          : outcome
            ? formationRecord(outcome.before)
            : {},
      scheduled,
      reason: a.reason.slice(0, 64),
      health: a.health,
      latencyMs: a.latencyMs,
      changed: a.status === 'changed',
      error: errorClass(a.error, a.status),
      ...(outcome ? loadFacts(outcome, scheduled) : {}),
    };
  }
  const run: RunRecord = {
    at: facts.now,
    cronAt: facts.fired ? lastRunAtOrBefore(facts.fired.cron, facts.now, facts.fired.timeZone) : null,
    trigger: facts.trigger,
    dryRun: facts.report.dryRun,
    minutes: facts.minutes,
    apps,
  };
  const since = facts.now - RAW_DAYS * DAY_MS;
  const runs = [...history.runs.filter((r) => r.at >= since && r.at < facts.now), run];
  const crons = facts.crons.length > 0 ? facts.crons : history.crons;
  const weeks: History['weeks'] = {};
  for (const a of facts.report.apps) {
    const zone = a.outcome?.settings.timezone ?? 'UTC';
    weeks[a.app] = addToWeek(history.weeks[a.app] ?? {}, apps[a.app], facts.now, zone);
  }
  // Past the byte bound, the oldest runs go first, each counted at the size of this one.
  const room = MAX_SAVED_BYTES - JSON.stringify(weeks).length - JSON.stringify(crons).length - 1024;
  const fit = Math.max(1, Math.floor(room / (JSON.stringify(run).length + 1)));
  return { ...history, crons, runs: runs.slice(Math.max(0, runs.length - fit)), weeks };
}

const slots = () => new Array<number | null>(HOURS_A_WEEK).fill(null);
const most = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** An app's weeks with this run in its local hour of the week, and the weeks past the bound dropped. */
export function addToWeek(
  weeks: Record<string, WeekAggregate>,
  record: AppRecord,
  now: number,
  zone: string,
): Record<string, WeekAggregate> {
  const local = localMinuteAt(now, zone);
  const monday = mondayOf(local.day);
  const slot = (local.day - monday) * 24 + Math.floor(local.minute / 60);
  const kept = Object.fromEntries(
    Object.entries(weeks).filter(([start]) => Number(start) > monday - WEEKS * 7),
  );
  const week = kept[monday] ?? { latencyMs: slots(), dynos: {} };
  const latencyMs = [...week.latencyMs];
  latencyMs[slot] = most(latencyMs[slot], record.latencyMs);
  const highest = (rows: Record<string, (number | null)[]>, values: Record<string, number>) => {
    const out = { ...rows };
    for (const [type, quantity] of Object.entries(values)) {
      const row = [...(out[type] ?? slots())];
      row[slot] = most(row[slot], quantity);
      out[type] = row;
    }
    return out;
  };
  const left = Object.fromEntries(Object.entries(record.after).map(([type, [quantity]]) => [type, quantity]));
  const dynos = highest(week.dynos, left);
  const demand = highest(week.demand ?? {}, record.demand ?? {});
  return { ...kept, [monday]: { latencyMs, dynos, ...(Object.keys(demand).length > 0 ? { demand } : {}) } };
}

/**
 * What a run found about load: the figures it read, and per type the dynos the app needed,
 * floor aside: the load rule's demand where one was read; for the probed type, one more than
 * it had when the probe said slow or down, else what it had; otherwise what the schedule gave.
 */
function loadFacts(
  outcome: RunOutcome,
  scheduled: Record<string, number>,
): Pick<AppRecord, 'metrics' | 'demand'> {
  const demand = demandOf(outcome.plan.processes, outcome.probe, outcome.settings.process, scheduled);
  return { demand, ...(outcome.metrics ? { metrics: figuresOf(outcome.metrics) } : {}) };
}

/**
 * Per type, the dynos a run found the app needed, floor aside: the load rule's demand where one
 * was read; for the probed type, one more than it had when the probe said slow or down, no more
 * than it had (nor than the schedule gave) when fast, else what it had; otherwise what the
 * schedule gave.
 */
export function demandOf(
  processes: readonly ProcessPlan[],
  probe: ProbeReport | null,
  probed: string,
  scheduled: Record<string, number>,
): Record<string, number> {
  const demand: Record<string, number> = {};
  for (const p of processes) {
    if (!p.current) continue;
    if (p.demand !== undefined) demand[p.type] = p.demand;
    else if (p.type === probed && probe && p.reason !== 'manual') {
      const q = p.current.quantity;
      const struggling = probe.health === 'slow' || probe.health === 'down';
      const given = scheduled[p.type] ?? q;
      demand[p.type] = struggling ? Math.min(p.max, q + 1) : probe.fast ? Math.min(q, given) : q;
    } else if (scheduled[p.type] !== undefined) demand[p.type] = scheduled[p.type];
  }
  return demand;
}

/** This app's own formation changes over the raw record: to tell them from changes made by hand. */
export function ownChangesOf(history: History, app: string): OwnChange[] {
  const changes: OwnChange[] = [];
  for (const run of history.runs) {
    const record = run.apps[app];
    if (!record || run.dryRun) continue;
    const left: Record<string, number> = {};
    for (const [type, [quantity]] of Object.entries(record.after))
      if (record.before[type]?.[0] !== quantity) left[type] = quantity;
    if (Object.keys(left).length > 0) changes.push({ at: run.at, minutes: run.minutes, left });
  }
  return changes;
}

/** A typical week of one app: for each local hour of the week, the median over the recorded weeks. */
export interface TypicalWeek {
  weeks: number;
  latencyMs: (number | null)[];
  dynos: Record<string, (number | null)[]>;
}

export function typicalWeek(history: History, app: string): TypicalWeek | null {
  const weeks = Object.values(history.weeks[app] ?? {});
  if (weeks.length === 0) return null;
  const column = (rows: (number | null)[][], i: number) =>
    median(rows.map((r) => r[i]).filter((v): v is number => v !== null));
  const latencyRows = weeks.map((w) => w.latencyMs);
  const types = [...new Set(weeks.flatMap((w) => Object.keys(w.dynos)))];
  return {
    weeks: weeks.length,
    latencyMs: Array.from({ length: HOURS_A_WEEK }, (_, i) => column(latencyRows, i)),
    dynos: Object.fromEntries(
      types.map((t) => {
        const rows = weeks.map((w) => w.dynos[t] ?? slots());
        return [t, Array.from({ length: HOURS_A_WEEK }, (_, i) => column(rows, i))];
      }),
    ),
  };
}

/** GitHub's scheduler as this workflow saw it: how late scheduled runs started, and which never came. */
export interface SchedulerFidelity {
  /** days the record covers */
  days: number;
  scheduledRuns: number;
  delayMinutes: { median: number; p90: number; worst: number } | null;
  /** runs the workflow's crons named over the record that no run answered */
  missing: number;
  expected: number;
}

/** A run answers an expected time when its cron named that time. */
export function schedulerFidelity(history: History, now: number): SchedulerFidelity | null {
  if (history.runs.length === 0) return null;
  const from = Math.min(history.runs[0].at, history.runs[0].cronAt ?? Number.POSITIVE_INFINITY);
  const scheduled = history.runs.filter((r) => r.trigger === 'schedule' && r.cronAt !== null);
  const delays = scheduled.map((r) => (r.at - (r.cronAt as number)) / 60_000).sort((a, b) => a - b);
  const answered = new Set(scheduled.map((r) => r.cronAt));
  let expected = 0;
  let missing = 0;
  for (const entry of history.crons) {
    let cron: Cron;
    try {
      cron = parseCron(entry.cron);
    } catch {
      continue;
    }
    // A run asked for in the last hour may still be on its way: it is not counted yet.
    for (const at of runsBetween(cron, from, now - 3_600_000, entry.timeZone)) {
      expected++;
      if (!answered.has(at)) missing++;
    }
  }
  return {
    days: (now - from) / DAY_MS,
    scheduledRuns: scheduled.length,
    delayMinutes:
      delays.length === 0
        ? null
        : { median: percentile(delays, 0.5), p90: percentile(delays, 0.9), worst: delays[delays.length - 1] },
    missing,
    expected,
  };
}

/** One app's type over a span, in buckets: the most dynos that ran and the most the schedule gave in each. */
export interface AsItHappened {
  /** each bucket's start */
  starts: number[];
  ran: (number | null)[];
  scheduled: (number | null)[];
  /** the highest median latency the probe saw in the bucket, ms */
  latencyMs: (number | null)[];
  /** the highest figure of the type's load metric read in the bucket; empty without one */
  figure: (number | null)[];
}

/** The record's span: the last 24 whole hours, or the last 7 days in quarters of a day. */
export const SPANS = {
  day: { bucketMs: 3_600_000, buckets: 24 },
  week: { bucketMs: 6 * 3_600_000, buckets: 28 },
} as const;

/**
 * Each run's formation is held until the next run: the dynos that ran in each bucket of the
 * span ending with the current one, beside what the schedule gave at the runs, and the probe's
 * median latency. Buckets before the record began have no value.
 */
export function asItHappened(
  history: History,
  app: string,
  type: string,
  now: number,
  span: { bucketMs: number; buckets: number },
  metric: string | null = null,
): AsItHappened | null {
  const records = history.runs.filter((r) => r.apps[app]);
  if (records.length < 2) return null;
  const { bucketMs, buckets } = span;
  const end = Math.floor(now / bucketMs) * bucketMs + bucketMs;
  const out: AsItHappened = { starts: [], ran: [], scheduled: [], latencyMs: [], figure: [] };
  for (let start = end - buckets * bucketMs; start < end; start += bucketMs) {
    out.starts.push(start);
    // What held at the start of the bucket, and every run inside it.
    const held = records.filter((r) => r.at < start).at(-1);
    const inside = records.filter((r) => r.at >= start && r.at < start + bucketMs);
    const seen = [...(held ? [held] : []), ...inside];
    const ran = seen.map((r) => r.apps[app].after[type]?.[0]).filter((q): q is number => q !== undefined);
    const sched = seen.map((r) => r.apps[app].scheduled[type]).filter((q): q is number => q !== undefined);
    const lat = inside.map((r) => r.apps[app].latencyMs).filter((v): v is number => v !== null);
    out.ran.push(ran.length > 0 ? Math.max(...ran) : null);
    out.scheduled.push(sched.length > 0 ? Math.max(...sched) : null);
    out.latencyMs.push(lat.length > 0 ? Math.max(...lat) : null);
    if (metric === null) continue;
    const figures = inside
      .map((r) => r.apps[app].metrics?.[metric])
      .filter((v): v is number => typeof v === 'number');
    out.figure.push(figures.length > 0 ? Math.max(...figures) : null);
  }
  return out;
}

/** Dyno-hours and their list price over the record: what ran, and what the schedule planned. */
export interface MeasuredMoney {
  days: number;
  ranDynoHours: number;
  ranUsd: number;
  plannedDynoHours: number;
  plannedUsd: number;
  /** dyno-hours at a size with no list price, left out of the dollars */
  unpricedDynoHours: number;
  runs: number;
  billedMinutes: number;
}

/**
 * Each app's formation after a run held until the next run (the last one until now), priced
 * at list prices per hour of a 720-hour month; the schedule's quantities at the runs, held the
 * same way, at the same sizes.
 */
export function measuredMoney(
  history: History,
  now: number,
  hourlyUsd: (size: string) => number | null,
): MeasuredMoney | null {
  const runs = history.runs;
  if (runs.length < 2) return null;
  const money: MeasuredMoney = {
    days: (now - runs[0].at) / DAY_MS,
    ranDynoHours: 0,
    ranUsd: 0,
    plannedDynoHours: 0,
    plannedUsd: 0,
    unpricedDynoHours: 0,
    runs: runs.length,
    billedMinutes: runs.reduce((sum, r) => sum + r.minutes, 0),
  };
  runs.forEach((run, i) => {
    const hours = ((runs[i + 1]?.at ?? now) - run.at) / 3_600_000;
    for (const app of Object.values(run.apps)) {
      for (const [type, [quantity, size]] of Object.entries(app.after)) {
        const price = hourlyUsd(size);
        const planned = app.scheduled[type] ?? quantity;
        if (price === null) {
          money.unpricedDynoHours += quantity * hours;
          continue;
        }
        money.ranDynoHours += quantity * hours;
        money.ranUsd += quantity * hours * price;
        money.plannedDynoHours += planned * hours;
        money.plannedUsd += planned * hours * price;
      }
    }
  });
  return money;
}

/**
 * The dyno-minutes an app ran below what its schedule gave, over the record: each run's
 * formation held until the next run, against the schedule minute by minute. What a late or
 * missing run costs the app, measured; the schedule is today's.
 */
export function minutesBelowSchedule(
  history: History,
  app: string,
  schedule: Schedule,
  zone: string,
  now: number,
): number {
  const records = history.runs.filter((r) => r.apps[app]);
  if (records.length === 0) return 0;
  const days = new Map<number, Map<string, Int32Array>>();
  let below = 0;
  for (let t = records[0].at, i = 0; t < now; t += 60_000) {
    while (i + 1 < records.length && records[i + 1].at <= t) i++;
    const local = localMinuteAt(t, zone);
    let quantities = days.get(local.day);
    if (!quantities) {
      quantities = quantitiesOnDay(schedule, local.day);
      days.set(local.day, quantities);
    }
    for (const [type, perMinute] of quantities) {
      const held = records[i].apps[app].after[type]?.[0];
      if (held !== undefined && held < perMinute[local.minute]) below += perMinute[local.minute] - held;
    }
  }
  return below;
}
