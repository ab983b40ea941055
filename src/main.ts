/**
 * A run of the step: one app from the inputs, or a fleet from the `config` file; then the
 * heartbeat and the keepalive that keep a schedule from dying silently.
 */
import * as core from '@actions/core';
import { enableWorkflow, runningWorkflow } from './adapters/github-api.js';
import { sendHeartbeat } from './adapters/heartbeat.js';
import { RATE_LIMIT_REFILL_PER_MINUTE, worstCaseMs } from './adapters/heroku-api.js';
import { runApp } from './app-run.js';
import type { Trigger } from './core/actions-bill.js';
import { messageOf } from './core/input-error.js';
import type { AppResult } from './core/outcome.js';
import type { NotifySettings, Settings, StepSettings } from './core/settings.js';
import { runFleet } from './fleet.js';
import { readNotifySettings, readSettings, readStepSettings } from './inputs/inputs.js';
import { readTrigger } from './inputs/trigger.js';
import * as log from './render/log.js';
import { reportFailure, reportOutcome, reportPaused, warnAboutSettings } from './render/report.js';
import { registerSecret } from './text/redaction.js';

/** Where to report a failure in the other inputs, if the notification inputs themselves are sound. */
function notifySettingsIfValid(): NotifySettings | null {
  try {
    return readNotifySettings(core.getInput);
  } catch {
    return null;
  }
}

/** Below this many API calls left, warn before the account runs out. */
const LOW_RATE_LIMIT = 100;

/** One app from the step's inputs; null when the inputs were refused. */
async function runSingle(now: number, trigger: Trigger): Promise<AppResult[] | null> {
  let settings: Settings;
  try {
    settings = readSettings(core.getInput);
  } catch (error) {
    await reportFailure(core.getInput('app').trim(), messageOf(error), notifySettingsIfValid(), true);
    return null;
  }
  warnAboutSettings(settings, now);
  log.debug(
    `API requests give up after at most ${Math.ceil(worstCaseMs({ timeoutMs: settings.apiTimeoutMs, attempts: settings.apiAttempts }) / 1000)} s each`,
  );
  const result = await runApp(settings, now, trigger);
  switch (result.kind) {
    case 'done':
      if (
        result.outcome.rateLimitRemaining !== undefined &&
        result.outcome.rateLimitRemaining < LOW_RATE_LIMIT
      ) {
        log.warning(
          `only ${result.outcome.rateLimitRemaining} Heroku API calls are left for this account (RateLimit-Remaining); they refill at about ${RATE_LIMIT_REFILL_PER_MINUTE} a minute`,
          'Heroku rate limit low',
        );
      }
      await reportOutcome(result.outcome, settings.notify);
      break;
    case 'failed':
      await reportFailure(settings.app, result.error, settings.notify, result.nothingChanged);
      break;
    case 'paused':
      await reportPaused(settings, result);
      break;
    case 'skipped':
      break;
  }
  return [result];
}

/** Heartbeat after a run that left every app at its target; keepalive after every run. Neither fails a run. */
async function keepTheScheduleAlive(
  step: StepSettings,
  results: AppResult[] | null,
  trigger: Trigger,
): Promise<void> {
  const atTarget = results?.every((r) => r.kind === 'done' || r.kind === 'paused') ?? false;
  if (step.heartbeatUrl && atTarget) {
    const problem = await sendHeartbeat(step.heartbeatUrl);
    if (problem) log.warning(problem, 'Heartbeat');
  }
  if (step.keepalive && trigger.visibility !== 'private' && trigger.visibility !== 'internal') {
    const workflow = runningWorkflow(process.env);
    const problem = workflow
      ? await enableWorkflow(workflow, step.githubToken)
      : 'keepalive needs GITHUB_WORKFLOW_REF and GITHUB_REPOSITORY, which the runner sets';
    if (problem) log.warning(problem, 'Keepalive');
  }
}

/** `clock` gives the run's instant: the runner's clock, unless a caller runs the step at another. */
export async function run(clock: () => number = Date.now): Promise<void> {
  // Register the secrets before anything can print them.
  registerSecret(core.getInput('api-key').trim());
  registerSecret((process.env.HEROKU_API_KEY ?? '').trim());
  registerSecret(core.getInput('notify-url').trim());
  registerSecret(core.getInput('heartbeat-url').trim());
  registerSecret(core.getInput('github-token').trim());
  let step: StepSettings;
  try {
    step = readStepSettings(core.getInput);
  } catch (error) {
    await reportFailure(core.getInput('app').trim(), messageOf(error), notifySettingsIfValid(), true);
    return;
  }
  const now = clock();
  const trigger = readTrigger(process.env);
  const results = step.config ? await runFleet(step, now, trigger) : await runSingle(now, trigger);
  await keepTheScheduleAlive(step, results, trigger);
}
