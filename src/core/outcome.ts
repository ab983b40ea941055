/** The result of a run, and the plain words that describe it: every renderer reads these. */

import type { CostReport } from './cost-report.js';
import { displaySizeName } from './dyno-size.js';
import type { ProcessFormation } from './formation.js';
import type { ProbeReport } from './health.js';
import { formatFigure, type MetricsFormat, type MetricsReport } from './load.js';
import type { Plan, ProcessPlan, Reason } from './policy.js';
import { nextChange } from './schedule.js';
import type { RunSettings } from './settings.js';
import { formatMinute, localMinuteAt, WEEKDAY_NAMES, weekdayOf } from './zoned-time.js';

export interface RunOutcome {
  /** the settings, secrets left out */
  settings: RunSettings;
  now: number;
  before: readonly ProcessFormation[];
  /** after the run; in a dry run, the formation it would leave */
  after: readonly ProcessFormation[];
  plan: Plan;
  probe: ProbeReport | null;
  /** the load figures read; null without load rules or when none were asked for */
  metrics: MetricsReport | null;
  /** why `predict` had no effect on this run; null when it is off or had its say */
  predictNote: string | null;
  rateLimitRemaining: number | undefined;
  /** maintenance mode turned (a dry run: would be turned) on or off by this run, or null when it already was */
  maintenance: 'on' | 'off' | null;
  /** what the schedule saves and what the workflow's minutes cost; null without a schedule */
  cost: CostReport | null;
}

/**
 * What a failure left behind: no update sent; an update Heroku refused (a 4xx applies nothing);
 * an update whose answer was lost (it may have been applied); or a formation updated before a
 * later step (maintenance mode) failed.
 */
export type FailureEffect = 'nothing-sent' | 'refused' | 'unknown' | 'formation-applied';

/** How one app's run ended: converged (or tried to), failed, paused, or skipped whole. */
export type AppResult =
  | { kind: 'done'; app: string; outcome: RunOutcome }
  | { kind: 'failed'; app: string; error: string; effect: FailureEffect }
  | { kind: 'paused'; app: string; until: number | null; text: string }
  | { kind: 'skipped'; app: string; why: string };

/** The reason's name in prose; the `why` that follows it never repeats it. */
export const REASON_LABELS: Record<Reason, string> = {
  schedule: 'schedule',
  load: 'load',
  predicted: 'predicted',
  manual: 'manual',
  failsafe: 'fail-safe',
  hold: 'hold',
  cooldown: 'cooldown',
};

export function isChange(outcome: Pick<RunOutcome, 'plan'>): boolean {
  return outcome.plan.updates.length > 0;
}

function changeOf(outcome: Pick<RunOutcome, 'plan'>, type: string): string {
  const update = outcome.plan.updates.find((u) => u.type === type);
  const p = outcome.plan.processes.find((x) => x.type === type) as ProcessPlan;
  const before = p.current?.quantity ?? 0;
  const size = update?.size
    ? ` (${displaySizeName(p.current?.size ?? '')} → ${displaySizeName(update.size)})`
    : '';
  return `${type} ${before} → ${update?.quantity ?? before}${size}`;
}

/** `web 1 → 3, worker 2 → 1`, with sizes when they change. */
export function describeChanges(outcome: Pick<RunOutcome, 'plan'>): string {
  return outcome.plan.updates.map((u) => changeOf(outcome, u.type)).join(', ');
}

/** `schedule: "07:00-22:00 web=3" gives web=3`: a type's own reason. */
function reasonClause(p: ProcessPlan): string {
  return `${REASON_LABELS[p.reason]}: ${p.why}`;
}

/**
 * One clause per changed type, each with its own reason: `web 1 → 3 (schedule: …)`. With no
 * change, the state of `process` and its reason.
 */
export function changeClauses(outcome: Pick<RunOutcome, 'plan' | 'settings'>): string[] {
  if (!isChange(outcome)) {
    const main = processPlanOf(outcome);
    return main ? [`${main.type}=${main.target.quantity} (${reasonClause(main)})`] : [];
  }
  return outcome.plan.updates.map((u) => {
    const p = outcome.plan.processes.find((x) => x.type === u.type) as ProcessPlan;
    return `${changeOf(outcome, u.type)} (${reasonClause(p)})`;
  });
}

export function processPlanOf(outcome: Pick<RunOutcome, 'plan' | 'settings'>): ProcessPlan | undefined {
  return outcome.plan.processes.find((p) => p.type === outcome.settings.process);
}

export function healthOf(outcome: Pick<RunOutcome, 'probe'>): string {
  return outcome.probe?.health ?? 'skipped';
}

export function latencyOf(outcome: Pick<RunOutcome, 'probe'>): string {
  const ms = outcome.probe?.medianMs;
  return ms === null || ms === undefined ? '' : String(Math.round(ms));
}

/** `health healthy, median 312 ms (0 of 3 samples failed)`, or '' when no probe ran. */
export function healthClause(outcome: Pick<RunOutcome, 'probe'>): string {
  const { probe } = outcome;
  if (!probe) return '';
  const median = probe.medianMs === null ? 'no median' : `median ${Math.round(probe.medianMs)} ms`;
  return `health ${probe.health}, ${median} (${probe.failed} of ${probe.samples.length} samples failed)`;
}

/**
 * `next: 22:00 web 3 → 2` (with the day when it is not today), or '' when the schedule never
 * changes. Each change starts from what the app has after this run (a fail-safe's 5, a held
 * hand-set quantity), not from what the schedule gave, and a change to what it already has is none.
 */
export function nextChangeClause(outcome: Pick<RunOutcome, 'settings' | 'now' | 'after'>): string {
  const { schedule, timezone } = outcome.settings;
  if (!schedule) return '';
  const next = nextChange(schedule, outcome.now, timezone);
  if (!next) return '';
  const today = localMinuteAt(outcome.now, timezone).day;
  const day = next.day === today ? '' : `${WEEKDAY_NAMES[weekdayOf(next.day)]} `;
  const changes = next.changes
    .map((c) => ({
      ...c,
      from: outcome.after.find((p) => p.type === c.type)?.quantity ?? c.from,
      // The schedule changes only the size: a change whatever the app has.
      sizeOnly: c.from === c.to,
    }))
    .filter((c) => c.from !== c.to || c.sizeOnly)
    .map((c) => `${c.type} ${c.from} → ${c.to}`);
  if (changes.length === 0) return '';
  return `next: ${day}${formatMinute(next.minute)} ${changes.join(', ')}`;
}

/** When a pause ends, in words. */
export function pauseText(pause: { until: number | null }): string {
  return pause.until === null
    ? 'until pause-until is cleared'
    : `until ${new Date(pause.until).toISOString().replace(/:00\.000Z$/, 'Z')}`;
}

/** What happened and why, in plain words: `scaled web 1 → 3 (schedule: …)`. */
export function decision(outcome: Pick<RunOutcome, 'plan' | 'settings'>): string {
  const clauses = changeClauses(outcome).join('; ');
  if (!isChange(outcome)) return `no change, ${clauses || 'formation as scheduled'}`;
  return `${outcome.settings.dryRun ? 'dry run, would scale' : 'scaled'} ${clauses}`;
}

/** The one plain line that says what happened and why. */
export function decisionLine(outcome: RunOutcome): string {
  return `${outcome.settings.app}: ${decision(outcome)}`;
}

/** One load rule's part of a run: the rule, the figure read (or why none) and what it gave. */
export interface LoadRow {
  type: string;
  rule: string;
  figure: string;
  target: number | null;
  reason: string;
}

export const FORMAT_NAMES: Record<MetricsFormat, string> = {
  hirefire: 'HireFire info JSON',
  prometheus: 'Prometheus text',
  json: 'JSON, by dotted path',
};

/** The rows of the load table: one per rule, in the order of the `load` input. */
export function loadRows(outcome: Pick<RunOutcome, 'settings' | 'metrics' | 'plan'>): LoadRow[] {
  const rules = outcome.settings.load?.rules ?? [];
  return rules.map((rule) => {
    const reading = outcome.metrics?.readings.get(rule.metric);
    const p = outcome.plan.processes.find((x) => x.type === rule.type);
    return {
      type: rule.type,
      rule: rule.text,
      figure: !reading
        ? 'not read (a manual run)'
        : reading.ok
          ? formatFigure(reading.value)
          : `no reading: it ${reading.problem}`,
      target: p ? p.target.quantity : null,
      reason: p ? REASON_LABELS[p.reason] : '',
    };
  });
}
