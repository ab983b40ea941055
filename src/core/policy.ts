/**
 * The decision: a pure function of the time, the settings, the app's formation and the
 * probe's report, returning the plan. The schedule is the floor; the probe decides when
 * to stay above it.
 */
import { displaySizeName, findDynoSize } from './dyno-size.js';
import type { ForecastFloor } from './foresight.js';
import type { Assignment, ProcessFormation } from './formation.js';
import type { ProbeReport } from './health.js';
import { formatFigure, type LoadRule, type MetricsReport, type Reading } from './load.js';
import {
  resolveAt,
  resolvePeak,
  type Schedule,
  type ScheduledProcess,
  windowStartInstant,
} from './schedule.js';
import { MS_PER_MINUTE } from './zoned-time.js';

export type Reason = 'schedule' | 'load' | 'predicted' | 'manual' | 'failsafe' | 'hold' | 'cooldown';

/** The parts of the settings that the decision reads. */
export interface PolicySettings {
  schedule: Schedule | null;
  timezone: string;
  process: string;
  manual: Assignment[] | null;
  /** ceiling per type; a type without one has none */
  max: ReadonlyMap<string, number>;
  /** types whose ceiling is the schedule's peak because `max` does not name them */
  implicitMax: ReadonlySet<string>;
  cooldownMinutes: number;
  leadMinutes: number;
  /** load rules, one per type at most */
  load: { rules: readonly LoadRule[] } | null;
}

export interface ProcessPlan {
  type: string;
  /** undefined when the app has no such process type */
  current: ProcessFormation | undefined;
  /** what the schedule gives (the peak over the lead time), when it names the type */
  scheduled: ScheduledProcess | undefined;
  max: number;
  target: { quantity: number; size: string };
  reason: Reason;
  /** one sentence: why this target */
  why: string;
  /** what the load rule asks for, floor aside (within 0 and max); undefined without a reading */
  demand?: number;
}

export interface FormationUpdate {
  type: string;
  quantity: number;
  /** present only when the size changes */
  size?: string;
}

export interface Plan {
  processes: ProcessPlan[];
  updates: FormationUpdate[];
  /** reasons the plan must not be applied; empty when it is safe */
  problems: string[];
  /** targets above Heroku's default limits, which an account may have had raised */
  limitWarnings: string[];
}

/** A past run of this app that changed its formation, as the history recorded it. */
export interface OwnChange {
  /** when the run started */
  at: number;
  /** how long the run was billed, whole minutes */
  minutes: number;
  /** each type the run changed, with the quantity it left */
  left: Record<string, number>;
}

export interface DecisionInput {
  now: number;
  settings: PolicySettings;
  formation: readonly ProcessFormation[];
  /** null when no probe ran */
  probe: ProbeReport | null;
  /** the load figures read this run; null when there are no rules or none were read */
  metrics?: MetricsReport | null;
  /** this app's own recent changes, from the history; empty without one */
  ownChanges?: readonly OwnChange[];
  /** per type with a load rule, the floor the recorded weeks set for the hours ahead (`predict`) */
  forecast?: ReadonlyMap<string, ForecastFloor>;
}

/** Heroku's clock and the runner's differ by this much at most, for matching a change to a run. */
const CLOCK_SLACK_MS = 2 * MS_PER_MINUTE;

/**
 * Whether the formation's last change of `type` to `quantity` was this action's own: a run in
 * the history left that quantity while the change was stamped. Without a history, no change
 * is known to be its own.
 */
function changedByThisAction(
  input: DecisionInput,
  type: string,
  quantity: number,
  updatedAt: number,
): boolean {
  return (input.ownChanges ?? []).some(
    (run) =>
      run.left[type] === quantity &&
      updatedAt >= run.at - CLOCK_SLACK_MS &&
      updatedAt <= run.at + run.minutes * MS_PER_MINUTE + CLOCK_SLACK_MS,
  );
}

function sameSize(a: string, b: string): boolean {
  return displaySizeName(a) === displaySizeName(b);
}

/** The rule's own text, as the user wrote it: `"22:00-03:00 web=2"`. */
function ruleQuote(scheduled: ScheduledProcess): string {
  return `"${scheduled.rule.text}"`;
}

/**
 * How long ago a change was, in words. The runner's clock and Heroku's differ by seconds or
 * more, so a time after the runner's own instant is "just now", never a negative age.
 */
function ago(now: number, then: number): string {
  const minutes = Math.floor(Math.max(0, now - then) / MS_PER_MINUTE);
  return minutes === 0 ? 'just now' : `${minutes} min ago`;
}

/**
 * Whether a health probe is worth its requests: one is configured, the run is not manual, and
 * the schedule does not give `process` 0 now or within the lead time (an app scheduled to
 * zero is expected to be down, and probing it would only trigger the fail-safe).
 */
export function shouldProbe(settings: PolicySettings & { probe: object | null }, now: number): boolean {
  if (settings.probe === null || settings.manual) return false;
  if (!settings.schedule) return true;
  return (
    resolvePeak(settings.schedule, now, settings.leadMinutes, settings.timezone).get(settings.process)
      ?.quantity !== 0
  );
}

type Decided = Omit<ProcessPlan, 'type' | 'current' | 'scheduled' | 'max'>;

/**
 * Why `type` must not come down from what it has now, or null when it may: a quantity set by
 * hand inside the schedule's window (held until the window ends), the cooldown since the last
 * change, and a probe that does not say fast.
 */
function scaleInGate(
  input: DecisionInput,
  type: string,
  scheduledNow: ScheduledProcess | undefined,
  s: number,
  gates: { cooldown: boolean; probe: boolean },
): { reason: Reason; why: string } | null {
  const { now, settings, probe } = input;
  const current = input.formation.find((p) => p.type === type);
  const c = current?.quantity ?? 0;
  const m = settings.max.get(type) ?? Number.POSITIVE_INFINITY;
  const updatedAt = current?.updatedAt ?? Number.NEGATIVE_INFINITY;
  const windowStart = scheduledNow
    ? windowStartInstant(scheduledNow, settings.timezone)
    : Number.POSITIVE_INFINITY;
  // A change stamped after the runner's own instant is clock skew: it says "just now" (the
  // cooldown holds it) but not when, so it is no evidence that a hand set it inside the window.
  const afterNow = updatedAt > now;
  const byHand =
    !afterNow &&
    updatedAt > windowStart &&
    c !== s &&
    c !== m &&
    !changedByThisAction(input, type, c, updatedAt);
  if (byHand) {
    return {
      reason: 'hold',
      why: `${type}=${c} was set by hand ${ago(now, updatedAt)}, after this schedule window began; kept until the window ends`,
    };
  }
  if (gates.cooldown && Math.max(0, now - updatedAt) < settings.cooldownMinutes * MS_PER_MINUTE) {
    return {
      reason: 'cooldown',
      why: `the formation changed ${ago(now, updatedAt)}; no scale-in within ${settings.cooldownMinutes} min`,
    };
  }
  if (gates.probe && type === settings.process && probe && !probe.fast) {
    return {
      reason: 'hold',
      why:
        probe.failed > 0
          ? `a probe sample failed; scaling in only when the app is fast`
          : `median latency ${probe.medianMs} ms is not below fast-ms; scaling in only when the app is fast`,
    };
  }
  return null;
}

const within = (q: number, low: number, high: number) => Math.min(high, Math.max(low, q));

/** `sidekiq.default_latency 95 > 60`: the rule's metric, the figure and how it stands. */
function loadClause(rule: LoadRule, value: number): string {
  const v = formatFigure(value);
  if (rule.kind === 'per') return `${rule.metric} ${v} per ${formatFigure(rule.per)}`;
  if (value > rule.high) return `${rule.metric} ${v} > ${formatFigure(rule.high)}`;
  if (value < rule.low) return `${rule.metric} ${v} < ${formatFigure(rule.low)}`;
  return `${rule.metric} ${v} within ${formatFigure(rule.low)}..${formatFigure(rule.high)}`;
}

/** What a load rule asks of a type with `c` dynos, floor and ceiling aside. */
function rawDemand(rule: LoadRule, value: number, c: number): number {
  if (rule.kind === 'per') return Math.ceil(value / rule.per);
  if (value > rule.high) return c + rule.step;
  return value < rule.low ? c - 1 : c;
}

/**
 * What a run learns the type needed, within 0 and max: the demand the history keeps. A band's
 * figure below LOW says one fewer would do; so does a per-N figure below what runs, for a
 * queue kept short by c dynos is no evidence that far fewer would keep it short.
 */
export function loadDemand(rule: LoadRule, value: number, c: number, m: number): number {
  const asked = rawDemand(rule, value, c);
  return within(rule.kind === 'per' ? Math.max(asked, c - 1) : asked, 0, m);
}

/**
 * A type with a load rule: the schedule is the floor, max the ceiling, the figure decides in
 * between. Scale-out is at once; scale-in passes the same gates as the schedule's own (a band
 * waits for the cooldown and a fast probe; per N follows the figure). No reading, no scale-in.
 */
function decideByLoad(
  input: DecisionInput,
  rule: LoadRule,
  scheduled: ScheduledProcess,
  scheduledNow: ScheduledProcess | undefined,
): Decided {
  const { type } = rule;
  const current = input.formation.find((p) => p.type === type);
  const c = current?.quantity ?? 0;
  const size = scheduled.size ?? current?.size ?? '';
  const m = input.settings.max.get(type) ?? Number.POSITIVE_INFINITY;
  // A forecast only raises the floor, never above max: scale-in still follows load and schedule.
  const forecast = input.forecast?.get(type);
  const predicted = forecast ? Math.min(m, forecast.quantity) : 0;
  const s = Math.max(scheduled.quantity, predicted);
  const floorReason: Reason = predicted > scheduled.quantity ? 'predicted' : 'schedule';
  const floor =
    floorReason === 'predicted' && forecast
      ? `${forecast.hours} needed ${type}=${forecast.quantity} in the recorded weeks (the ${weeksText(forecast.weeks)})${forecast.quantity > m ? `, capped at max ${type}=${m}` : ''}; the schedule gives ${scheduled.quantity}`
      : `${ruleQuote(scheduled)} gives ${type}=${s}`;
  const to = (quantity: number, reason: Reason, why: string, demand?: number): Decided => ({
    target: { quantity, size },
    reason,
    why,
    ...(demand === undefined ? {} : { demand }),
  });
  const reading: Reading = input.metrics?.readings.get(rule.metric) ?? {
    ok: false,
    problem: 'was not read',
  };
  if (!reading.ok) {
    if (c <= s) return to(s, floorReason, `${floor}; no reading of ${rule.metric}, so load adds none`);
    const kept = within(c, s, m);
    return to(kept, 'hold', `no reading of ${rule.metric} (it ${reading.problem}); no scale-in without one`);
  }
  const clause = loadClause(rule, reading.value);
  const demand = loadDemand(rule, reading.value, c, m);
  const wanted = within(rawDemand(rule, reading.value, c), s, m);
  const capped = rawDemand(rule, reading.value, c) > m ? `, capped at max ${type}=${m}` : '';
  if (wanted <= s && c <= s) return to(s, floorReason, `${floor}; ${clause}`, demand);
  if (wanted >= c) return to(wanted, 'load', `${clause}${capped}`, demand);
  // Scale-in: a band comes down one at a time once nothing says to stay; per N at once.
  const stay = scaleInGate(input, type, scheduledNow, s, {
    cooldown: rule.kind === 'band',
    probe: rule.kind === 'band',
  });
  if (stay) return to(Math.min(c, m), stay.reason, `${stay.why} (${clause})`, demand);
  if (wanted === s) return to(wanted, floorReason, `${floor}; ${clause}`, demand);
  return to(wanted, 'load', clause, demand);
}

const weeksText = (n: number) => (n === 1 ? 'one week recorded' : `90th percentile of ${n} weeks`);

function decideOne(
  input: DecisionInput,
  type: string,
  scheduled: ScheduledProcess | undefined,
  scheduledNow: ScheduledProcess | undefined,
): Decided {
  const { settings, probe } = input;
  const current = input.formation.find((p) => p.type === type);
  const c = current?.quantity ?? 0;
  const currentSize = current?.size ?? '';
  const m = settings.max.get(type) ?? Number.POSITIVE_INFINITY;
  const keep = (reason: Reason, why: string) => ({ target: { quantity: c, size: currentSize }, reason, why });

  const manual = settings.manual?.find((a) => a.type === type);
  if (manual) {
    return {
      target: { quantity: manual.quantity, size: manual.size ?? scheduled?.size ?? currentSize },
      reason: 'manual',
      why: `the quantity input gives ${type}=${manual.quantity}`,
    };
  }
  if (type === settings.process && probe && (probe.health === 'down' || probe.health === 'slow')) {
    const quantity = Math.max(c, Number.isFinite(m) ? m : c);
    const ceiling = settings.implicitMax.has(type)
      ? `max ${type}=${m}, the schedule's peak as max does not name ${type} (set max above it to let the fail-safe add more)`
      : `max ${type}=${m}`;
    const why =
      probe.health === 'down'
        ? `the app is down (${probe.failed} of ${probe.samples.length} probe samples failed): scaling out to ${ceiling}, never in`
        : `the app is slow (median ${Math.round(probe.medianMs ?? 0)} ms): scaling out to ${ceiling}, never in`;
    return { target: { quantity, size: currentSize }, reason: 'failsafe', why };
  }
  if (!scheduled) return keep('schedule', `the schedule does not name ${type}`);
  const rule = settings.load?.rules.find((r) => r.type === type);
  if (rule) return decideByLoad(input, rule, scheduled, scheduledNow);
  const s = scheduled.quantity;
  const scheduledTarget = {
    target: { quantity: s, size: scheduled.size ?? currentSize },
    reason: 'schedule' as Reason,
  };
  if (c <= s) {
    const lead = scheduledNow && scheduledNow.quantity < s ? ', starting within the lead time' : '';
    return { ...scheduledTarget, why: `${ruleQuote(scheduled)} gives ${type}=${s}${lead}` };
  }
  // Above the schedule: come down only when nothing says to stay.
  const stay = scaleInGate(input, type, scheduledNow, s, { cooldown: true, probe: true });
  if (stay) return keep(stay.reason, stay.why);
  return { ...scheduledTarget, why: `${ruleQuote(scheduled)} gives ${type}=${s}; scaling in` };
}

function problemsOf(processes: ProcessPlan[], formation: readonly ProcessFormation[]): string[] {
  const problems: string[] = [];
  const known = formation.map((p) => p.type).join(', ') || 'none';
  for (const p of processes) {
    if (!p.current) {
      problems.push(`the app has no process type "${p.type}" (it has: ${known})`);
      continue;
    }
    const size = findDynoSize(p.target.size);
    if (size?.singlePerType && p.target.quantity > 1) {
      problems.push(
        `${p.type}=${p.target.quantity} is refused: Heroku allows at most 1 ${size.name} dyno per process type`,
      );
    }
  }
  return problems;
}

/** Heroku's default dyno limit per app (Cedar); accounts can have it raised. */
const DEFAULT_APP_DYNO_LIMIT = 100;

/** Targets above the default limits Heroku publishes per size and per app: warned, not refused. */
function limitWarningsOf(processes: ProcessPlan[]): string[] {
  const warnings: string[] = [];
  for (const p of processes) {
    const size = findDynoSize(p.target.size);
    if (size && !size.singlePerType && p.target.quantity > size.defaultMaxPerType) {
      warnings.push(
        `${p.type}=${p.target.quantity} is above Heroku's default limit of ${size.defaultMaxPerType} ${size.name} dynos per process type; Heroku will refuse it unless the account's limit was raised`,
      );
    }
  }
  const total = processes.reduce((sum, p) => sum + p.target.quantity, 0);
  if (total > DEFAULT_APP_DYNO_LIMIT) {
    warnings.push(
      `${total} dynos in all is above Heroku's default limit of ${DEFAULT_APP_DYNO_LIMIT} per app; Heroku will refuse it unless the app's limit was raised`,
    );
  }
  return warnings;
}

/** The formation once `updates` are applied: what a dry run would leave, and what a real run asks for. */
export function applyUpdates(
  formation: readonly ProcessFormation[],
  updates: readonly (FormationUpdate | ProcessFormation)[],
): ProcessFormation[] {
  return formation.map((p) => {
    const update = updates.find((u) => u.type === p.type);
    if (!update) return p;
    // Heroku's answer is the item itself; a planned update changes only what it names.
    return 'updatedAt' in update ? update : { ...p, quantity: update.quantity, size: update.size ?? p.size };
  });
}

export function decide(input: DecisionInput): Plan {
  const { settings, now, formation } = input;
  const peak = settings.schedule
    ? resolvePeak(settings.schedule, now, settings.leadMinutes, settings.timezone)
    : new Map<string, ScheduledProcess>();
  const atNow =
    settings.schedule && settings.leadMinutes > 0
      ? resolveAt(settings.schedule, now, settings.timezone)
      : peak;
  const types = [
    ...new Set([...(settings.schedule?.types ?? []), ...(settings.manual ?? []).map((a) => a.type)]),
  ];
  const processes = types.map((type): ProcessPlan => {
    const scheduled = peak.get(type);
    return {
      type,
      current: formation.find((p) => p.type === type),
      scheduled,
      max: settings.max.get(type) ?? Number.POSITIVE_INFINITY,
      ...decideOne(input, type, scheduled, atNow.get(type)),
    };
  });
  const updates: FormationUpdate[] = [];
  for (const p of processes) {
    if (!p.current) continue;
    const sizeChanges = p.target.size !== '' && !sameSize(p.target.size, p.current.size);
    if (p.target.quantity !== p.current.quantity || sizeChanges) {
      updates.push(
        sizeChanges
          ? { type: p.type, quantity: p.target.quantity, size: p.target.size }
          : { type: p.type, quantity: p.target.quantity },
      );
    }
  }
  return {
    processes,
    updates,
    problems: problemsOf(processes, formation),
    limitWarnings: limitWarningsOf(processes.filter((p) => p.current)),
  };
}

/**
 * The maintenance mode a formation calls for, when the run owns it (`maintenance-when-zero`):
 * on while `process` is at 0, off otherwise; null when the run leaves it alone. Level-triggered:
 * a run converges to it whatever the last run did, so one killed between the formation and the
 * maintenance update is repaired by the next.
 */
export function maintenanceTarget(
  settings: { maintenanceWhenZero: boolean; process: string },
  after: readonly ProcessFormation[],
): boolean | null {
  if (!settings.maintenanceWhenZero) return null;
  const main = after.find((p) => p.type === settings.process);
  return main ? main.quantity === 0 : null;
}
