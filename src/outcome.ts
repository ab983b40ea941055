/** The result of a run, and the plain words that describe it. */
import { displaySizeName } from './dyno-size.js';
import type { ProcessFormation } from './formation.js';
import type { ProbeReport } from './health.js';
import type { Settings } from './inputs.js';
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
