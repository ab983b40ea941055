/**
 * A run of the step: the apps it names (one from the inputs, or a fleet from the `config`
 * file, the same path either way), run and reported as one; then the heartbeat and the
 * keepalive that keep a schedule from dying silently.
 */
import * as core from '@actions/core';
import { enableWorkflow, runningWorkflow } from './adapters/github-api.js';
import { sendHeartbeat } from './adapters/heartbeat.js';
import { worstCaseMs } from './adapters/heroku-api.js';
import { runUrl } from './adapters/notify.js';
import type { Trigger } from './core/actions-bill.js';
import { messageOf } from './core/input-error.js';
import { buildRunReport, inputFailureReport, type RunReport, type Subject } from './core/run-report.js';
import type { NotifySettings, StepSettings } from './core/settings.js';
import * as effects from './effects.js';
import { readApps, runApps } from './fleet.js';
import { readNotifySettings, readStepSettings } from './inputs/inputs.js';
import { readTrigger } from './inputs/trigger.js';
import { openMemory, recallOf, remember } from './memory.js';

/** What the step was asked to run, for a failure before it could read more. */
function subjectOfInputs(): Subject {
  const config = core.getInput('config').trim();
  return config ? { kind: 'fleet', file: config } : { kind: 'app', app: core.getInput('app').trim() };
}

/** Heartbeat after a run that left every app at its target; keepalive after every run. Neither fails a run. */
async function keepTheScheduleAlive(step: StepSettings, report: RunReport, trigger: Trigger): Promise<void> {
  const atTarget =
    report.inputError === null && report.apps.every((a) => a.status !== 'failed' && a.status !== 'skipped');
  if (step.heartbeatUrl && atTarget) {
    const problem = await sendHeartbeat(step.heartbeatUrl);
    if (problem) effects.warning(problem, 'Heartbeat');
  }
  if (step.keepalive && trigger.visibility !== 'private' && trigger.visibility !== 'internal') {
    const workflow = runningWorkflow(process.env);
    const problem = workflow
      ? await enableWorkflow(workflow, step.githubToken)
      : 'keepalive needs GITHUB_WORKFLOW_REF and GITHUB_REPOSITORY, which the runner sets';
    if (problem) effects.warning(problem, 'Keepalive');
  }
}

/** `clock` gives the run's instant: the runner's clock, unless a caller runs the step at another. */
export async function run(clock: () => number = Date.now): Promise<void> {
  // Register the secrets before anything can print them.
  for (const name of [
    'api-key',
    'notify-url',
    'heartbeat-url',
    'github-token',
    'metrics-url',
    'metrics-header',
  ])
    effects.registerSecret(core.getInput(name).trim());
  effects.registerSecret((process.env.HEROKU_API_KEY ?? '').trim());
  const link = runUrl();
  let step: StepSettings;
  try {
    step = readStepSettings(core.getInput);
  } catch (error) {
    // The notification inputs may be sound when another step input is not.
    let notify: NotifySettings | null = null;
    try {
      notify = readNotifySettings(core.getInput);
    } catch {}
    await effects.writeReport(inputFailureReport(subjectOfInputs(), messageOf(error), link), notify);
    return;
  }
  const now = clock();
  const trigger = await readTrigger(process.env);
  let chosen: Awaited<ReturnType<typeof readApps>>;
  try {
    chosen = await readApps(step, core.getInput, process.env);
  } catch (error) {
    const report = inputFailureReport(subjectOfInputs(), messageOf(error), link);
    await effects.writeReport(report, step.notify);
    // A broken app or fleet file still keeps the workflow alive: the next commit may fix it.
    await keepTheScheduleAlive(step, report, trigger);
    return;
  }
  for (const settings of chosen.apps) {
    const bound = worstCaseMs({ timeoutMs: settings.apiTimeoutMs, attempts: settings.apiAttempts });
    effects.debug(`${settings.app}: API requests give up after at most ${Math.ceil(bound / 1000)} s each`);
  }
  // The history is restored first (within its own deadline): it tells the decision which of the
  // formation's changes were the action's own, so that only a hand's are held.
  const memory = await openMemory(step.history, chosen.subject, step, process.env);
  const { runs, rateLimits } = await runApps(chosen.apps, step.parallel, now, trigger, (settings) =>
    recallOf(memory, settings, now),
  );
  const report = await remember(
    memory,
    buildRunReport({ subject: chosen.subject, now, runs, rateLimits, runUrl: link }),
    trigger,
    now,
  );
  await effects.writeReport(report, step.notify);
  await keepTheScheduleAlive(step, report, trigger);
}
