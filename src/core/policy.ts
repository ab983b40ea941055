/**
 * The decision: a pure function of the time, the settings, the app's formation and the
 * probe's report, returning the plan. The schedule is the floor; the probe decides when
 * to stay above it.
 */
import { displaySizeName, findDynoSize } from './dyno-size.js';
import type { Assignment, ProcessFormation } from './formation.js';
import type { ProbeReport } from './health.js';
import {
  resolveAt,
  resolvePeak,
  type Schedule,
  type ScheduledProcess,
  windowStartInstant,
} from './schedule.js';
import { MS_PER_MINUTE } from './zoned-time.js';

export type Reason = 'schedule' | 'manual' | 'failsafe' | 'hold' | 'cooldown';

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

interface DecisionInput {
  now: number;
  settings: PolicySettings;
  formation: readonly ProcessFormation[];
  /** null when no probe ran */
  probe: ProbeReport | null;
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

function decideOne(
  input: DecisionInput,
  type: string,
  scheduled: ScheduledProcess | undefined,
  scheduledNow: ScheduledProcess | undefined,
): Omit<ProcessPlan, 'type' | 'current' | 'scheduled' | 'max'> {
  const { now, settings, probe } = input;
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
  const updatedAt = current?.updatedAt ?? Number.NEGATIVE_INFINITY;
  const windowStart = scheduledNow
    ? windowStartInstant(scheduledNow, settings.timezone)
    : Number.POSITIVE_INFINITY;
  // A change stamped after the runner's own instant is clock skew: it says "just now" (the
  // cooldown holds it) but not when, so it is no evidence that a hand set it inside the window.
  const afterNow = updatedAt > now;
  if (!afterNow && updatedAt > windowStart && c !== s && c !== m) {
    return keep(
      'hold',
      `${type}=${c} was set by hand ${ago(now, updatedAt)}, after this schedule window began; kept until the window ends`,
    );
  }
  if (Math.max(0, now - updatedAt) < settings.cooldownMinutes * MS_PER_MINUTE) {
    return keep(
      'cooldown',
      `the formation changed ${ago(now, updatedAt)}; no scale-in within ${settings.cooldownMinutes} min`,
    );
  }
  if (type === settings.process && probe && !probe.fast) {
    return keep(
      'hold',
      probe.failed > 0
        ? `a probe sample failed; scaling in only when the app is fast`
        : `median latency ${probe.medianMs} ms is not below fast-ms; scaling in only when the app is fast`,
    );
  }
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
