/**
 * The report of a step: one pure function turns the results of the step's apps into every fact
 * the run tells people (each app's status, the outputs, the annotations, the data of the job
 * summary, the notification, the Actions bill placed once, and whether and why the step fails).
 * A single app from the inputs is a fleet of one. Renderers only format this; one effects
 * module writes it.
 */
import type { ActionsBill } from './actions-bill.js';
import type { CostReport } from './cost-report.js';
import type { LateChange } from './cron-plan.js';
import { displaySizeName, findDynoSize } from './dyno-size.js';
import { type Suggestion, suggestionOf } from './foresight.js';
import { formationJson, type ProcessFormation } from './formation.js';
import {
  type AsItHappened,
  asItHappened,
  type History,
  type MeasuredMoney,
  measuredMoney,
  minutesBelowSchedule,
  type SchedulerFidelity,
  SPANS,
  schedulerFidelity,
  type TypicalWeek,
  typicalWeek,
} from './history.js';
import { figuresOf } from './load.js';
import { count, toCents, usd } from './money.js';
import {
  type AppResult,
  decision,
  describeChanges,
  type FailureEffect,
  healthClause,
  healthOf,
  isChange,
  latencyOf,
  loadRows,
  pauseText,
  processPlanOf,
  type RunOutcome,
} from './outcome.js';
import type { ProcessPlan } from './policy.js';
import { pastDateWarnings } from './schedule.js';
import type { NotifyOn, RunSettings } from './settings.js';

/** The outputs action.yml declares, and the only ones a run writes. */
export const OUTPUT_NAMES = [
  'changed',
  'quantity',
  'previous-quantity',
  'formation',
  'reason',
  'health',
  'latency-ms',
  'results',
  'cron',
  'metrics',
  'suggested-schedule',
  'history-file',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Heroku refills an account's bucket of 4,500 API calls at about this many a minute. */
export const RATE_LIMIT_REFILL_PER_MINUTE = 75;
/** Below this many API calls left for a token, the run warns before the account runs out. */
export const LOW_RATE_LIMIT = 100;
/** Warnings of rules that never apply shown one by one; the rest are counted in one more. */
const MAX_RULE_WARNINGS = 10;
/** Late changes warned about one by one; the rest are counted in one more. */
const MAX_LATE_WARNINGS = 3;

export type AppStatus = 'changed' | 'unchanged' | 'failed' | 'paused' | 'skipped';

export interface Annotation {
  level: 'notice' | 'warning' | 'error';
  title: string;
  text: string;
}

export interface LogGroup {
  title: string;
  lines: string[];
}

/** What a step ran: one app from the inputs, or the apps of a fleet file. */
export type Subject = { kind: 'app'; app: string } | { kind: 'fleet'; file: string };

/** One app's part of the step, every fact a renderer shows of it. */
export interface AppReport {
  app: string;
  status: AppStatus;
  /** what happened, in plain words: the decision, the error, the pause or why it was skipped */
  what: string;
  /** the reason of `process`'s target, or `error`, `paused`, `skipped` */
  reason: string;
  health: string;
  latencyMs: number | null;
  /** `process`'s target when the run decided one, else its quantity before the run, else null */
  quantity: number | null;
  previousQuantity: number | null;
  /** after the run; in a dry run, the formation it would leave */
  formation: readonly ProcessFormation[] | null;
  error: string | null;
  /** what a failure left behind, in words */
  effect: string | null;
  /** until when a paused app is paused, in words */
  pausedUntil: string | null;
  /** what the app's schedule saves a month, in whole cents */
  savedCents: number | null;
  /** the converged run's facts; null for a failed, paused or skipped app */
  outcome: RunOutcome | null;
  /** the detail of the decision, for the log */
  groups: LogGroup[];
}

/** The fields of the webhook's JSON, and of its one line of text. */
export interface NotificationFields {
  app: string;
  status: 'changed' | 'unchanged' | 'failed';
  dry_run: boolean;
  before: Record<string, number>;
  after: Record<string, number>;
  reason: string;
  health: string;
  latency_ms: number | null;
  message: string;
  run_url: string | null;
}

export interface RunReport {
  subject: Subject;
  /** the summary's heading */
  title: string;
  /** every app of the step ran dry */
  dryRun: boolean;
  apps: AppReport[];
  counts: Record<AppStatus, number>;
  /** the sum of the apps' rounded savings, so that the rows and the total agree */
  savedCents: number;
  /** the workflow's cost report (the bill, the crons in use), set against `savedCents` once; null without one */
  cost: CostReport | null;
  outputs: Partial<Record<OutputName, string>>;
  /** in the order they are written; the step's own error last */
  annotations: Annotation[];
  /** the step fails with this message; null when it passes */
  failure: string | null;
  /** set when the step failed before any app ran: the inputs were refused */
  inputError: string | null;
  notification: NotificationFields;
  /** what the step's memory shows; null when history is off or not offered */
  history: HistoryView | null;
}

/** What the history says, for the page. */
export interface HistoryView {
  /** runs recorded, this one included */
  runs: number;
  /** days the record covers */
  days: number;
  /** this run started the history (the first run, or a restored one that could not be read) */
  fresh: boolean;
  fidelity: SchedulerFidelity | null;
  /** what ran and what it cost over the record, beside what the schedule planned */
  money: MeasuredMoney | null;
  /** what running each app's costliest hour all month would have cost over the same days */
  baselineUsd: number | null;
  /** for a step of one app: the dyno-minutes it ran below its schedule over the record */
  belowScheduleMinutes: number | null;
  /** for a step of one app: the median of its recorded weeks, hour by hour */
  typical: TypicalWeek | null;
  /** for a step of one app with a schedule: the schedule its recorded weeks suggest */
  suggestion: Suggestion | null;
  /** for a step of one app: each type's last 24 hours and last 7 days as they happened */
  spans: { type: string; metric: string | null; day: AsItHappened; week: AsItHappened | null }[];
}

export interface AppRun {
  /** null when the app's settings could not be read (then the result is a failure) */
  settings: RunSettings | null;
  result: AppResult;
}

export interface ReportInput {
  subject: Subject;
  now: number;
  runs: AppRun[];
  /** the lowest RateLimit-Remaining seen for each token, with the apps that used it */
  rateLimits: { apps: string[]; remaining: number }[];
  runUrl: string | null;
}

function titleOf(subject: Subject): string {
  return subject.kind === 'app'
    ? `Heroku Autoscale: ${subject.app || 'no app'}`
    : `Heroku Autoscale: fleet ${subject.file}`;
}

function quantities(formation: readonly ProcessFormation[]): Record<string, number> {
  return Object.fromEntries(formation.map((p) => [p.type, p.quantity]));
}

function planDetail(p: ProcessPlan): string {
  const current = p.current ? `${p.current.quantity} × ${displaySizeName(p.current.size)}` : 'missing';
  const scheduled = p.scheduled
    ? `${p.scheduled.quantity} (line ${p.scheduled.rule.line}: "${p.scheduled.rule.text}")`
    : 'none';
  const max = Number.isFinite(p.max) ? String(p.max) : 'none';
  return `${p.type}: current ${current}, scheduled ${scheduled}, max ${max} → ${p.target.quantity} [${p.reason}] ${p.why}`;
}

function groupsOf(outcome: RunOutcome): LogGroup[] {
  const groups: LogGroup[] = [{ title: 'Decision', lines: outcome.plan.processes.map(planDetail) }];
  const { probe } = outcome;
  if (probe) {
    groups.push({
      title: 'Health probe',
      lines: [
        healthClause(outcome),
        ...probe.samples.map(
          (s, i) => `sample ${i + 1}: ${s.ok ? 'ok' : 'failed'} ${s.outcome} in ${Math.round(s.ms)} ms`,
        ),
      ],
    });
  }
  const rows = loadRows(outcome);
  if (rows.length > 0)
    groups.push({ title: 'Load', lines: rows.map((r) => `${r.type}: ${r.rule}: ${r.figure}`) });
  groups.push({
    title: outcome.settings.dryRun ? 'Formation the run would leave' : 'Formation after the run',
    lines: outcome.after.map((p) => `${p.type}: ${p.quantity} × ${displaySizeName(p.size)}`),
  });
  return groups;
}

/** What a failure left behind: a refusal applied nothing; a lost answer may have. */
export function effectText(effect: FailureEffect): string {
  switch (effect) {
    case 'nothing-sent':
      return 'Nothing was changed: the run stopped before it asked Heroku for any change.';
    case 'refused':
      return 'Nothing was changed: Heroku refused the update, so none of it was applied.';
    case 'unknown':
      return 'Heroku may have applied the update before the error: check the formation; the next run converges again.';
    case 'formation-applied':
      return 'The formation was updated; the error came after it. The next run converges again.';
  }
}

/** An app's part with nothing known of it yet: what every status fills in from. */
export function blankAppReport(app: string): AppReport {
  return {
    app,
    status: 'unchanged',
    what: '',
    reason: '',
    health: 'skipped',
    latencyMs: null,
    quantity: null,
    previousQuantity: null,
    formation: null,
    error: null,
    effect: null,
    pausedUntil: null,
    savedCents: null,
    outcome: null,
    groups: [],
  };
}

function appReport(run: AppRun): AppReport {
  const { result } = run;
  const base = blankAppReport(result.app);
  switch (result.kind) {
    case 'done': {
      const { outcome } = result;
      const main = processPlanOf(outcome);
      const before = outcome.before.find((p) => p.type === outcome.settings.process);
      const latency = latencyOf(outcome);
      const saved = outcome.cost?.estimate.savedMonthlyUsd;
      return {
        ...base,
        status: isChange(outcome) ? 'changed' : 'unchanged',
        what: decision(outcome),
        reason: main?.reason ?? '',
        health: healthOf(outcome),
        latencyMs: latency === '' ? null : Number(latency),
        quantity: main?.target.quantity ?? before?.quantity ?? null,
        previousQuantity: before?.quantity ?? null,
        formation: outcome.after,
        savedCents: saved === undefined ? null : toCents(saved),
        outcome,
        groups: groupsOf(outcome),
      };
    }
    case 'failed':
      return {
        ...base,
        status: 'failed',
        what: result.error,
        reason: 'error',
        error: result.error,
        effect: effectText(result.effect),
      };
    case 'paused':
      return {
        ...base,
        status: 'paused',
        what: `paused ${pauseText(result)}; nothing was changed`,
        reason: 'paused',
        pausedUntil: pauseText(result),
      };
    case 'skipped':
      return { ...base, status: 'skipped', what: result.why, reason: 'skipped', error: result.why };
  }
}

function lateWarnings(late: readonly LateChange[], timeZone: string): string[] {
  const warnings = late
    .slice(0, MAX_LATE_WARNINGS)
    .map(
      (l) =>
        `the schedule's change ${l.change} is served ${l.lateMinutes} min late by the cron in use; add the line '${l.fix}' (${timeZone})`,
    );
  if (late.length > MAX_LATE_WARNINGS)
    warnings.push(`${late.length - MAX_LATE_WARNINGS} more changes are served late by the cron in use`);
  return warnings;
}

/** The annotations of one app's run, `prefix` naming the app in a fleet. */
function appAnnotations(run: AppRun, report: AppReport, now: number, prefix: string): Annotation[] {
  const out: Annotation[] = [];
  const add = (level: Annotation['level'], title: string, text: string) => out.push({ level, title, text });
  const { settings, result } = run;
  if (settings) {
    for (const message of settings.warnings) add('warning', 'Input', `${prefix}${message}`);
    if (settings.schedule) {
      const never = [
        ...settings.schedule.warnings,
        ...pastDateWarnings(settings.schedule, now, settings.timezone),
      ];
      for (const w of never.slice(0, MAX_RULE_WARNINGS))
        add('warning', 'Schedule rule never applies', `${prefix}${w.message}`);
      if (never.length > MAX_RULE_WARNINGS)
        add(
          'warning',
          'Schedule rule never applies',
          `${prefix}${never.length - MAX_RULE_WARNINGS} more schedule rules can never apply (not listed one by one)`,
        );
    }
    const { pause } = settings;
    if (pause && pause.until !== null && pause.until <= now)
      add(
        'notice',
        'Pause expired',
        `${result.app}: the pause until ${pause.text} has expired; following the schedule again`,
      );
  }
  if (result.kind === 'paused')
    add('notice', 'Paused', `${result.app}: paused ${pauseText(result)} (pause-until: ${result.text})`);
  const { outcome } = report;
  if (!outcome) return out;
  for (const message of outcome.plan.limitWarnings)
    add('warning', 'Above Heroku default limit', `${result.app}: ${message}`);
  const unreachable = outcome.probe?.samples.filter((sample) => !sample.answered) ?? [];
  if (unreachable.length > 0) {
    const codes = [...new Set(unreachable.map((u) => u.outcome))].join(', ');
    add(
      'warning',
      'Health probe unreachable',
      `${prefix}the health probe could not get an answer for ${unreachable.length} of ${outcome.probe?.samples.length} samples (${codes})`,
    );
  }
  for (const [problem, metrics] of unreadMetrics(outcome))
    add(
      'warning',
      'No load reading',
      `${result.app}: no reading of ${metrics.join(', ')}: it ${problem}; no scale-in on load without one`,
    );
  if (outcome.predictNote) add('notice', 'Predict', `${prefix}${outcome.predictNote}`);
  const main = processPlanOf(outcome);
  if (main?.reason === 'failsafe') add('warning', 'Fail-safe scale-out', `${result.app}: ${main.why}`);
  if (outcome.cost)
    for (const message of lateWarnings(outcome.cost.late, outcome.cost.timeZone))
      add('warning', 'Cost and cron', `${prefix}${message}`);
  if (outcome.maintenance) {
    const verb = outcome.settings.dryRun ? 'dry run, would turn maintenance mode' : 'maintenance mode turned';
    const state = outcome.maintenance === 'on' ? 'is at 0' : 'is above 0';
    add(
      'notice',
      'Maintenance mode',
      `${result.app}: ${verb} ${outcome.maintenance} (${outcome.settings.process} ${state})`,
    );
  }
  if (isChange(outcome) && !outcome.settings.dryRun)
    add('notice', 'Formation changed', `${result.app}: ${describeChanges(outcome)}`);
  return out;
}

/** When the workflow's Actions minutes cost more than the step's schedules save, what to change; or null. */
export function billWarning(
  bill: ActionsBill | null,
  savedUsd: number,
  servingUsd: number | null,
): string | null {
  if (!bill || bill.visibility === 'public' || bill.costs[0].usdPerMonth <= savedUsd) return null;
  const serving = servingUsd === null ? '' : ` (${usd(servingUsd)} a month)`;
  return `the Actions minutes of this workflow (${usd(bill.costs[0].usdPerMonth)} a month on ${bill.costs[0].runner}) cost more than the schedule saves (${usd(savedUsd)}): run on the crons of the \`cron\` output${serving} or on ubuntu-slim (${usd(bill.costs[1].usdPerMonth)})`;
}

function rateLimitWarnings(input: ReportInput): Annotation[] {
  const single = input.subject.kind === 'app';
  return input.rateLimits
    .filter((r) => r.remaining < LOW_RATE_LIMIT)
    .map((r) => ({
      level: 'warning' as const,
      title: 'Heroku rate limit low',
      text: `only ${r.remaining} Heroku API calls are left for ${single ? 'this account' : `the token of ${r.apps.join(', ')}`} (RateLimit-Remaining); they refill at about ${RATE_LIMIT_REFILL_PER_MINUTE} a minute`,
    }));
}

function countsOf(apps: readonly AppReport[]): Record<AppStatus, number> {
  const counts = { changed: 0, unchanged: 0, failed: 0, paused: 0, skipped: 0 };
  for (const a of apps) counts[a.status]++;
  return counts;
}

/** The metrics with no reading, grouped by what happened: one warning for each. */
function unreadMetrics(outcome: RunOutcome): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [metric, reading] of outcome.metrics?.readings ?? [])
    if (!reading.ok) groups.set(reading.problem, [...(groups.get(reading.problem) ?? []), metric]);
  return groups;
}

/** The figures an app's run read, by the names its rules use; null when it read none. */
export function metricsOf(outcome: RunOutcome | null): Record<string, number | null> | null {
  return outcome?.metrics ? figuresOf(outcome.metrics) : null;
}

/** The `results` output: JSON by app, the same fields for one app or two hundred. */
function resultsJson(apps: readonly AppReport[]): string {
  const out: Record<string, unknown> = {};
  for (const a of apps) {
    const metrics = metricsOf(a.outcome);
    out[a.app] = {
      changed: a.status === 'changed',
      quantity: a.quantity,
      reason: a.reason,
      health: a.health,
      error: a.error,
      ...(metrics ? { metrics } : {}),
    };
  }
  return JSON.stringify(out);
}

/** The `metrics` output: one app's figures by metric, a fleet's by app; empty when none were read. */
function metricsJson(apps: readonly AppReport[], single: boolean): string {
  const read = apps.flatMap((a) => {
    const metrics = metricsOf(a.outcome);
    return metrics ? [[a.app, metrics] as const] : [];
  });
  if (read.length === 0) return '';
  return JSON.stringify(single ? read[0][1] : Object.fromEntries(read));
}

function outputsOf(apps: readonly AppReport[], single: boolean): Partial<Record<OutputName, string>> {
  const outputs: Partial<Record<OutputName, string>> = {
    changed: String(apps.some((a) => a.status === 'changed')),
    results: resultsJson(apps),
    metrics: metricsJson(apps, single),
  };
  // One app: its own outputs too, as a step of one app has always given them.
  if (apps.length === 1) {
    const [a] = apps;
    outputs.quantity = a.quantity === null ? '' : String(a.quantity);
    outputs['previous-quantity'] = a.previousQuantity === null ? '' : String(a.previousQuantity);
    outputs.formation = a.formation ? formationJson(a.formation) : '';
    outputs.reason = a.reason;
    outputs.health = a.health;
    outputs['latency-ms'] = a.latencyMs === null ? '' : String(a.latencyMs);
    outputs.cron = a.outcome?.cost?.servingCron.join('\n') ?? '';
  }
  return outputs;
}

/** One message for the step: an app's own, or the fleet's listing every app that changed or did not run. */
function notificationOf(input: ReportInput, apps: readonly AppReport[], dryRun: boolean): NotificationFields {
  const failed = apps.filter((a) => a.status === 'failed' || a.status === 'skipped');
  const changed = apps.filter((a) => a.status === 'changed');
  const status = failed.length > 0 ? 'failed' : changed.length > 0 ? 'changed' : 'unchanged';
  const base = { status, dry_run: dryRun, run_url: input.runUrl } as const;
  if (input.subject.kind === 'app' && apps.length === 1) {
    const [a] = apps;
    return {
      ...base,
      app: a.app,
      before: a.outcome ? quantities(a.outcome.before) : {},
      after: a.formation ? quantities(a.formation) : {},
      reason: a.reason,
      health: a.health,
      latency_ms: a.latencyMs,
      message: a.what,
    };
  }
  const listed = [
    ...failed.map((a) => `${a.app} ${a.status === 'skipped' ? 'SKIPPED' : 'FAILED'}: ${a.what}`),
    ...changed.map((a) => `${a.app}: ${a.what}`),
  ];
  const others = apps.length - failed.length - changed.length;
  const rest = others > 0 && listed.length > 0 ? `; ${others} unchanged or paused` : '';
  return {
    ...base,
    app: `fleet of ${apps.length} app${apps.length === 1 ? '' : 's'}`,
    before: {},
    after: {},
    reason: status === 'failed' ? 'error' : '',
    health: 'skipped',
    latency_ms: null,
    message: listed.length > 0 ? `${listed.join('; ')}${rest}` : `all ${apps.length} apps as scheduled`,
  };
}

function failureOf(input: ReportInput, apps: readonly AppReport[]): string | null {
  const failed = apps.filter((a) => a.status === 'failed' || a.status === 'skipped');
  if (failed.length === 0) return null;
  if (input.subject.kind === 'app' && apps.length === 1) return failed[0].what;
  const named = failed.map((a) => `${a.app} (${a.status === 'skipped' ? 'skipped: ' : ''}${a.what})`);
  return `${failed.length} of ${apps.length} apps did not reach their target: ${named.join('; ')}`;
}

export function buildRunReport(input: ReportInput): RunReport {
  const apps = input.runs.map(appReport);
  const inFleet = input.subject.kind === 'fleet';
  const dryRun = input.runs.length > 0 && input.runs.every((r) => r.settings?.dryRun === true);
  const savedCents = apps.reduce((sum, a) => sum + (a.savedCents ?? 0), 0);
  // Every app's cost report carries the same workflow bill: it is placed once, for the step.
  const cost = apps.find((a) => a.outcome?.cost)?.outcome?.cost ?? null;
  const annotations = input.runs.flatMap((run, i) =>
    appAnnotations(run, apps[i], input.now, inFleet ? `${run.result.app}: ` : ''),
  );
  annotations.push(...rateLimitWarnings(input));
  const servingUsd = !inFleet && cost ? cost.servingBill.costs[0].usdPerMonth : null;
  const expensive = cost ? billWarning(cost.bill, savedCents / 100, servingUsd) : null;
  if (expensive)
    annotations.push({
      level: 'warning',
      title: 'Cost and cron',
      text: inFleet ? `fleet: ${expensive}` : expensive,
    });
  const failure = failureOf(input, apps);
  if (failure) annotations.push({ level: 'error', title: '', text: failure });
  return {
    subject: input.subject,
    title: titleOf(input.subject),
    dryRun,
    apps,
    counts: countsOf(apps),
    savedCents,
    cost,
    outputs: outputsOf(apps, !inFleet),
    annotations,
    failure,
    inputError: null,
    notification: notificationOf(input, apps, dryRun),
    history: null,
  };
}

/**
 * The report with what the history shows: the scheduler as measured, and for one app each
 * type's last day; `problems` (a cache that could not be read or written) become one warning each.
 */
export function withHistory(
  report: RunReport,
  memory: { history: History; fresh: boolean; file: string | null } | null,
  problems: readonly { level: 'warning' | 'notice'; text: string }[],
  now: number,
): RunReport {
  const annotations = [...report.annotations];
  // Before the step's own error, which stays last.
  const at = annotations.findIndex((a) => a.level === 'error');
  const warnings = problems.map((p) => ({ level: p.level, title: 'History', text: p.text }));
  annotations.splice(at < 0 ? annotations.length : at, 0, ...warnings);
  if (!memory) return { ...report, annotations };
  const { history } = memory;
  const single = report.subject.kind === 'app' && report.apps.length === 1 ? report.apps[0] : null;
  const types = single?.outcome ? single.outcome.plan.processes.map((p) => p.type) : [];
  const spans = single
    ? types.flatMap((type) => {
        const metric = single.outcome?.settings.load?.rules.find((r) => r.type === type)?.metric ?? null;
        const day = asItHappened(history, single.app, type, now, SPANS.day, metric);
        if (!day) return [];
        // A week's chart once the record is longer than the day's.
        const longer = now - (history.runs[0]?.at ?? now) > 86_400_000;
        const week = longer ? asItHappened(history, single.app, type, now, SPANS.week, metric) : null;
        return [{ type, metric, day, week }];
      })
    : [];
  const first = history.runs[0]?.at ?? now;
  const outcome = single?.outcome;
  const suggestion =
    outcome?.settings.schedule && single
      ? suggestionOf(
          history.weeks[single.app] ?? {},
          outcome.settings.schedule,
          outcome.settings.process,
          outcome.settings.schedule.types.filter((t) => outcome.before.some((p) => p.type === t)),
          new Map(outcome.before.map((p) => [p.type, p.size])),
        )
      : null;
  const money = measuredMoney(history, now, (size) => {
    const monthly = findDynoSize(size)?.monthlyUsd;
    return monthly === null || monthly === undefined || findDynoSize(size)?.pooled ? null : monthly / 720;
  });
  // The no-action baseline of today's schedules, over the days recorded.
  const baselineMonthly = report.apps.reduce(
    (sum, a) => sum + (a.outcome?.cost?.estimate.baselineMonthlyUsd ?? 0),
    0,
  );
  return {
    ...report,
    annotations,
    outputs: {
      ...report.outputs,
      'history-file': memory.file ?? '',
      ...(single ? { 'suggested-schedule': suggestion?.text ?? '' } : {}),
    },
    history: {
      runs: history.runs.length,
      days: (now - first) / 86_400_000,
      fresh: memory.fresh,
      fidelity: schedulerFidelity(history, now),
      money,
      baselineUsd: money ? (baselineMonthly * money.days * 24) / 720 : null,
      typical: single ? typicalWeek(history, single.app) : null,
      suggestion,
      belowScheduleMinutes:
        single?.outcome?.settings.schedule && history.runs.length > 1
          ? minutesBelowSchedule(
              history,
              single.app,
              single.outcome.settings.schedule,
              single.outcome.settings.timezone,
              now,
            )
          : null,
      spans,
    },
  };
}

/** A step whose inputs were refused: nothing was asked of Heroku for any app. */
export function inputFailureReport(subject: Subject, message: string, runUrl: string | null): RunReport {
  return {
    subject,
    title: titleOf(subject),
    dryRun: false,
    apps: [],
    counts: countsOf([]),
    savedCents: 0,
    cost: null,
    outputs: { changed: 'false' },
    annotations: [{ level: 'error', title: '', text: message }],
    failure: message,
    inputError: message,
    history: null,
    notification: {
      app: subject.kind === 'app' ? subject.app || 'no app' : `fleet ${subject.file}`,
      status: 'failed',
      dry_run: false,
      before: {},
      after: {},
      reason: 'error',
      health: 'skipped',
      latency_ms: null,
      message,
      run_url: runUrl,
    },
  };
}

/** `3 apps, 2 changed, 0 unchanged, 1 failed`. */
export function totalsText(report: RunReport): string {
  const { counts } = report;
  const n = report.apps.length;
  return [
    `${count(n)} app${n === 1 ? '' : 's'}`,
    `${counts.changed} ${report.dryRun ? 'would change' : 'changed'}`,
    `${counts.unchanged} unchanged`,
    `${counts.failed} failed`,
    counts.paused > 0 ? `${counts.paused} paused` : '',
    counts.skipped > 0 ? `${counts.skipped} skipped` : '',
  ]
    .filter((t) => t !== '')
    .join(', ');
}

/** Whether `notify-on` asks for a notification of a step that ended so. */
export function shouldNotify(on: NotifyOn, status: NotificationFields['status']): boolean {
  if (on === 'always') return true;
  if (on === 'change') return status !== 'unchanged';
  return status === 'failed';
}
