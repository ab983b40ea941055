/**
 * One run: read the settings, read the formation, probe, decide, apply, report.
 * Every decision is made by the pure policy; this module only moves data between it
 * and the outside world.
 */
import * as core from '@actions/core';
import { costReport } from './cost-report.js';
import { HerokuApi, worstCaseMs } from './heroku-api.js';
import { type NotifySettings, readNotifySettings, readSettings, type Settings } from './inputs.js';
import * as log from './log.js';
import type { RunOutcome } from './outcome.js';
import { applyUpdates, decide, type Plan, scheduledPeakFor } from './policy.js';
import { probe } from './probe.js';
import { registerSecret } from './redaction.js';
import { reportFailure, reportOutcome } from './report.js';
import { pastDateWarnings } from './schedule.js';
import { readTrigger } from './trigger.js';

/** Warnings of rules that never apply shown one by one; the rest are counted in one more. */
const MAX_RULE_WARNINGS = 10;

/** Below this many API calls left, warn before the account runs out. */
export const LOW_RATE_LIMIT = 100;

function warnAboutSettings(settings: Settings, now: number): void {
  for (const message of settings.warnings) log.warning(message, 'Input');
  if (!settings.schedule) return;
  const warnings = [
    ...settings.schedule.warnings,
    ...pastDateWarnings(settings.schedule, now, settings.timezone),
  ];
  for (const w of warnings.slice(0, MAX_RULE_WARNINGS)) log.warning(w.message, 'Schedule rule never applies');
  if (warnings.length > MAX_RULE_WARNINGS) {
    log.warning(
      `${warnings.length - MAX_RULE_WARNINGS} more schedule rules can never apply (not listed one by one)`,
      'Schedule rule never applies',
    );
  }
}

/** How far a run got: a failure before the update was sent changed nothing. */
interface RunStage {
  patchSent: boolean;
}

async function converge(
  settings: Settings,
  api: HerokuApi,
  now: number,
  stage: RunStage,
): Promise<RunOutcome> {
  const before = await api.listFormation(settings.app);
  const scheduledForProcess = scheduledPeakFor(settings, now, settings.process);
  // An app scheduled to zero is expected to be down: probing it would only trigger the fail-safe.
  const probeReport =
    settings.probe && scheduledForProcess !== 0 && !settings.manual ? await probe(settings.probe) : null;
  const plan: Plan = decide({ now, settings, formation: before, probe: probeReport });
  if (plan.problems.length > 0) {
    throw new Error(`nothing was changed on app "${settings.app}": ${plan.problems.join('; ')}`);
  }
  for (const message of plan.limitWarnings)
    log.warning(`${settings.app}: ${message}`, 'Above Heroku default limit');
  // A dry run reports the formation it would leave; a real run, what Heroku answered.
  const apply = plan.updates.length > 0 && !settings.dryRun;
  stage.patchSent = apply;
  const after = applyUpdates(
    before,
    apply ? await api.updateFormation(settings.app, plan.updates) : plan.updates,
  );
  return {
    settings,
    now,
    before,
    after,
    plan,
    probe: probeReport,
    rateLimitRemaining: api.rateLimitRemaining,
    cost: settings.schedule
      ? costReport({
          schedule: settings.schedule,
          timeZone: settings.timezone,
          leadMinutes: settings.leadMinutes,
          withProbe: settings.probe !== null,
          appSizes: new Map(before.map((p) => [p.type, p.size])),
          trigger: readTrigger(process.env),
          now,
          runSeconds: process.uptime(),
        })
      : null,
  };
}

/** Where to report a failure in the other inputs, if the notification inputs themselves are sound. */
function notifySettingsIfValid(): NotifySettings | null {
  try {
    return readNotifySettings(core.getInput);
  } catch {
    return null;
  }
}

export async function run(): Promise<void> {
  // Register the token before anything can print it.
  registerSecret(core.getInput('api-key').trim());
  registerSecret((process.env.HEROKU_API_KEY ?? '').trim());
  registerSecret(core.getInput('notify-url').trim());
  let settings: Settings;
  try {
    settings = readSettings(core.getInput);
  } catch (error) {
    await reportFailure(core.getInput('app').trim(), (error as Error).message, notifySettingsIfValid(), true);
    return;
  }
  const now = Date.now();
  warnAboutSettings(settings, now);
  const api = new HerokuApi({
    baseUrl: settings.apiUrl,
    token: settings.apiKey,
    timeoutMs: settings.apiTimeoutMs,
    attempts: settings.apiAttempts,
    onTrace: (t) =>
      log.debug(
        `${t.method} ${t.path} attempt ${t.attempt}: ${t.outcome} in ${t.ms} ms${t.requestId ? ` (Request-Id: ${t.requestId})` : ''}`,
      ),
    onRetry: (message) => log.info(`retrying: ${message}`),
  });
  log.debug(
    `API requests give up after at most ${Math.ceil(worstCaseMs({ timeoutMs: settings.apiTimeoutMs, attempts: settings.apiAttempts }) / 1000)} s each`,
  );
  const stage: RunStage = { patchSent: false };
  try {
    const outcome = await converge(settings, api, now, stage);
    if (outcome.rateLimitRemaining !== undefined && outcome.rateLimitRemaining < LOW_RATE_LIMIT) {
      log.warning(
        `only ${outcome.rateLimitRemaining} Heroku API calls are left for this account (RateLimit-Remaining); they refill at about 75 a minute`,
        'Heroku rate limit low',
      );
    }
    await reportOutcome(outcome);
  } catch (error) {
    await reportFailure(settings.app, (error as Error).message, settings.notify, !stage.patchSent);
  }
}
