/** What a run tells people: the decision line, detail groups, annotations and outputs. */
import { displaySizeName } from './dyno-size.js';
import { formationJson, type ProcessFormation } from './formation.js';
import type { ProbeReport } from './health.js';
import type { Settings } from './inputs.js';
import * as log from './log.js';
import type { Plan, ProcessPlan } from './policy.js';

export interface RunOutcome {
  settings: Settings;
  now: number;
  before: readonly ProcessFormation[];
  after: readonly ProcessFormation[];
  plan: Plan;
  probe: ProbeReport | null;
  rateLimitRemaining: number | undefined;
}

export function isChange(outcome: Pick<RunOutcome, 'plan'>): boolean {
  return outcome.plan.updates.length > 0;
}

/** `web 1 → 3, worker 2 → 1`, with sizes when they change. */
export function describeChanges(outcome: Pick<RunOutcome, 'plan'>): string {
  return outcome.plan.updates
    .map((u) => {
      const p = outcome.plan.processes.find((x) => x.type === u.type) as ProcessPlan;
      const before = p.current?.quantity ?? 0;
      const size = u.size ? ` (${displaySizeName(p.current?.size ?? '')} → ${displaySizeName(u.size)})` : '';
      return `${u.type} ${before} → ${u.quantity}${size}`;
    })
    .join(', ');
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

/** The one plain line that says what happened and why. */
export function decisionLine(outcome: RunOutcome): string {
  const { settings } = outcome;
  const main = processPlanOf(outcome);
  const why = main ? ` (${main.reason}: ${main.why})` : '';
  if (!isChange(outcome)) {
    const state = main ? `${main.type}=${main.target.quantity}` : 'formation';
    return `${settings.app}: no change, ${state}${why}`;
  }
  const verb = settings.dryRun ? 'dry run, would scale' : 'scaled';
  return `${settings.app}: ${verb} ${describeChanges(outcome)}${why}`;
}

function planDetail(p: ProcessPlan): string {
  const current = p.current ? `${p.current.quantity} × ${displaySizeName(p.current.size)}` : 'missing';
  const scheduled = p.scheduled ? `${p.scheduled.quantity} (line ${p.scheduled.rule.line})` : 'none';
  const max = Number.isFinite(p.max) ? String(p.max) : 'none';
  return `${p.type}: current ${current}, scheduled ${scheduled}, max ${max} → ${p.target.quantity} [${p.reason}] ${p.why}`;
}

function probeDetail(report: ProbeReport): string[] {
  return [
    `health ${report.health}, median ${report.medianMs === null ? '-' : Math.round(report.medianMs)} ms, ${report.failed} of ${report.samples.length} failed`,
    ...report.samples.map(
      (s, i) => `sample ${i + 1}: ${s.ok ? 'ok' : 'failed'} ${s.outcome} in ${Math.round(s.ms)} ms`,
    ),
  ];
}

export function writeOutputs(outcome: RunOutcome): void {
  const main = processPlanOf(outcome);
  const current = outcome.before.find((p) => p.type === outcome.settings.process);
  log.output('changed', String(isChange(outcome)));
  log.output('quantity', String(main?.target.quantity ?? current?.quantity ?? ''));
  log.output('previous-quantity', String(current?.quantity ?? ''));
  log.output('formation', formationJson(outcome.after));
  log.output('reason', main?.reason ?? 'schedule');
  log.output('health', healthOf(outcome));
  log.output('latency-ms', latencyOf(outcome));
}

export function logOutcome(outcome: RunOutcome): void {
  log.info(decisionLine(outcome));
  log.group('Decision', outcome.plan.processes.map(planDetail));
  if (outcome.probe) log.group('Health probe', probeDetail(outcome.probe));
  log.group(
    'Formation after the run',
    outcome.after.map((p) => `${p.type}: ${p.quantity} × ${displaySizeName(p.size)}`),
  );
  const main = processPlanOf(outcome);
  if (main?.reason === 'failsafe') {
    log.warning(`${outcome.settings.app}: ${main.why}`, 'Fail-safe scale-out');
  }
  if (isChange(outcome) && !outcome.settings.dryRun) {
    log.notice(`${outcome.settings.app}: ${describeChanges(outcome)}`, 'Formation changed');
  }
}

export async function reportOutcome(outcome: RunOutcome): Promise<void> {
  logOutcome(outcome);
  writeOutputs(outcome);
}
