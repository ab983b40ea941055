/**
 * One app, one run: read the formation, probe, decide, apply, and converge maintenance mode to
 * what the formation after the run calls for. Every decision is made by the pure policy; this
 * module moves data between it and the outside world, and reports nothing itself: the step's
 * report is built from the result.
 */

import { HerokuApi, HerokuApiError } from './adapters/heroku-api.js';
import { readMetrics } from './adapters/metrics.js';
import { probe } from './adapters/probe.js';
import type { Trigger } from './core/actions-bill.js';
import { costOfRun } from './core/cost-report.js';
import { messageOf } from './core/input-error.js';
import type { AppResult, FailureEffect, RunOutcome } from './core/outcome.js';
import {
  applyUpdates,
  type DecisionInput,
  decide,
  maintenanceTarget,
  type Plan,
  shouldProbe,
} from './core/policy.js';
import { type Settings, withoutSecrets } from './core/settings.js';
import * as effects from './effects.js';

export function apiFor(settings: Settings): HerokuApi {
  return new HerokuApi({
    baseUrl: settings.apiUrl,
    token: settings.apiKey,
    timeoutMs: settings.apiTimeoutMs,
    attempts: settings.apiAttempts,
    onTrace: (t) =>
      effects.debug(
        `${settings.app}: ${t.method} ${t.path} attempt ${t.attempt}: ${t.outcome} in ${t.ms} ms${t.requestId ? ` (Request-Id: ${t.requestId})` : ''}`,
      ),
    onRetry: (retry) => effects.info(`${settings.app}: retrying: ${retry.message}`),
  });
}

/** What the step's memory tells the decision about one app. */
export type Recall = Pick<DecisionInput, 'ownChanges' | 'forecast'> & {
  /** why `predict` has no effect on this run, when it has none */
  predictNote?: string;
};

/** How far a run got, so that a failure can say what it left behind. */
interface RunStage {
  /** an update (formation or maintenance) was sent and its answer not yet read */
  sent: boolean;
  formationApplied: boolean;
}

async function converge(
  settings: Settings,
  api: HerokuApi,
  now: number,
  trigger: Trigger,
  stage: RunStage,
  recall: Recall,
): Promise<RunOutcome> {
  const before = await api.listFormation(settings.app);
  const probeReport = settings.probe && shouldProbe(settings, now) ? await probe(settings.probe) : null;
  // A manual quantity wins whatever the load: its figures are not asked for.
  const metrics = settings.load && !settings.manual ? await readMetrics(settings.load) : null;
  const { predictNote, ...memory } = recall;
  const plan: Plan = decide({ now, settings, formation: before, probe: probeReport, metrics, ...memory });
  if (plan.problems.length > 0) {
    throw new Error(`nothing was changed on app "${settings.app}": ${plan.problems.join('; ')}`);
  }
  // A dry run reports the formation it would leave; a real run, what Heroku answered.
  const apply = plan.updates.length > 0 && !settings.dryRun;
  let after = applyUpdates(before, plan.updates);
  if (apply) {
    stage.sent = true;
    after = applyUpdates(before, await api.updateFormation(settings.app, plan.updates));
    stage.sent = false;
    stage.formationApplied = true;
  }
  // Converged every run, after the formation: on only once the dynos are down, off once they are up.
  let maintenance: RunOutcome['maintenance'] = null;
  const wanted = maintenanceTarget(settings, after);
  if (wanted !== null && (await api.maintenance(settings.app)) !== wanted) {
    maintenance = wanted ? 'on' : 'off';
    if (!settings.dryRun) {
      stage.sent = true;
      await api.setMaintenance(settings.app, wanted);
      stage.sent = false;
    }
  }
  return {
    settings: withoutSecrets(settings),
    now,
    before,
    after,
    plan,
    probe: probeReport,
    metrics,
    predictNote: predictNote ?? null,
    rateLimitRemaining: api.rateLimitRemaining,
    maintenance,
    cost: costOfRun(settings, before, trigger, now, process.uptime()),
  };
}

/** A 4xx answer to an update is a refusal: Heroku applied none of it. */
function effectOf(stage: RunStage, error: unknown): FailureEffect {
  if (stage.formationApplied) return 'formation-applied';
  if (!stage.sent) return 'nothing-sent';
  const status = error instanceof HerokuApiError ? error.status : null;
  return status !== null && status >= 400 && status < 500 ? 'refused' : 'unknown';
}

/** Runs one app to its result; an error becomes a failed result, never an exception. */
export async function runApp(
  settings: Settings,
  now: number,
  trigger: Trigger,
  api = apiFor(settings),
  recall: Recall = {},
): Promise<AppResult> {
  const { pause } = settings;
  if (pause && (pause.until === null || pause.until > now)) {
    return { kind: 'paused', app: settings.app, until: pause.until, text: pause.text };
  }
  const stage: RunStage = { sent: false, formationApplied: false };
  try {
    return {
      kind: 'done',
      app: settings.app,
      outcome: await converge(settings, api, now, trigger, stage, recall),
    };
  } catch (error) {
    return { kind: 'failed', app: settings.app, error: messageOf(error), effect: effectOf(stage, error) };
  }
}
