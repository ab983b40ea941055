/** What a run tells people: the decision line, detail groups, annotations, outputs and summary. */
import * as core from '@actions/core';
import {
  failureFields,
  type NotificationFields,
  notify,
  outcomeFields,
  pausedFields,
} from '../adapters/notify.js';
import { displaySizeName } from '../core/dyno-size.js';
import { formationJson } from '../core/formation.js';
import type { ProbeReport } from '../core/health.js';
import { messageOf } from '../core/input-error.js';
import {
  decisionLine,
  describeChanges,
  healthClause,
  healthOf,
  isChange,
  latencyOf,
  processPlanOf,
  type RunOutcome,
} from '../core/outcome.js';
import type { ProcessPlan } from '../core/policy.js';
import { pastDateWarnings } from '../core/schedule.js';
import type { NotifySettings, Settings } from '../core/settings.js';
import { redact } from '../text/redaction.js';
import { costWarnings } from './cost-summary.js';
import * as log from './log.js';
import { renderFailureSummary, renderPausedSummary, renderSummary } from './summary.js';

function planDetail(p: ProcessPlan): string {
  const current = p.current ? `${p.current.quantity} × ${displaySizeName(p.current.size)}` : 'missing';
  const scheduled = p.scheduled
    ? `${p.scheduled.quantity} (line ${p.scheduled.rule.line}: "${p.scheduled.rule.text}")`
    : 'none';
  const max = Number.isFinite(p.max) ? String(p.max) : 'none';
  return `${p.type}: current ${current}, scheduled ${scheduled}, max ${max} → ${p.target.quantity} [${p.reason}] ${p.why}`;
}

function probeDetail(report: ProbeReport): string[] {
  return [
    healthClause({ probe: report }),
    ...report.samples.map(
      (s, i) => `sample ${i + 1}: ${s.ok ? 'ok' : 'failed'} ${s.outcome} in ${Math.round(s.ms)} ms`,
    ),
  ];
}

function writeOutputs(outcome: RunOutcome): void {
  const main = processPlanOf(outcome);
  const current = outcome.before.find((p) => p.type === outcome.settings.process);
  log.output('changed', String(isChange(outcome)));
  log.output('quantity', String(main?.target.quantity ?? current?.quantity ?? ''));
  log.output('previous-quantity', String(current?.quantity ?? ''));
  log.output('formation', formationJson(outcome.after));
  log.output('reason', main?.reason ?? '');
  log.output('health', healthOf(outcome));
  log.output('latency-ms', latencyOf(outcome));
  log.output('cron', outcome.cost?.servingCron.join('\n') ?? '');
}

/** @param options.bill false for an app of a fleet, whose Actions bill is the fleet's */
export function logOutcome(outcome: RunOutcome, options: { bill: boolean } = { bill: true }): void {
  log.info(decisionLine(outcome));
  log.group('Decision', outcome.plan.processes.map(planDetail));
  if (outcome.probe) log.group('Health probe', probeDetail(outcome.probe));
  log.group(
    'Formation after the run',
    outcome.after.map((p) => `${p.type}: ${p.quantity} × ${displaySizeName(p.size)}`),
  );
  const unreachable = outcome.probe?.samples.filter((sample) => !sample.answered) ?? [];
  if (unreachable.length > 0) {
    log.warning(
      `the health probe could not get an answer for ${unreachable.length} of ${outcome.probe?.samples.length} samples (${[...new Set(unreachable.map((u) => u.outcome))].join(', ')})`,
      'Health probe unreachable',
    );
  }
  const main = processPlanOf(outcome);
  if (main?.reason === 'failsafe') {
    log.warning(`${outcome.settings.app}: ${main.why}`, 'Fail-safe scale-out');
  }
  for (const message of outcome.cost ? costWarnings(outcome.cost, options) : []) {
    log.warning(options.bill ? message : `${outcome.settings.app}: ${message}`, 'Cost and cron');
  }
  if (outcome.maintenance) {
    const verb = outcome.settings.dryRun ? 'dry run, would turn maintenance mode' : 'maintenance mode turned';
    const state = outcome.maintenance === 'on' ? 'is at 0' : 'is above 0';
    log.notice(
      `${outcome.settings.app}: ${verb} ${outcome.maintenance} (${outcome.settings.process} ${state})`,
      'Maintenance mode',
    );
  }
  if (isChange(outcome) && !outcome.settings.dryRun) {
    log.notice(`${outcome.settings.app}: ${describeChanges(outcome)}`, 'Formation changed');
  }
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(redact(markdown), true).write();
  } catch (error) {
    log.warning(`could not write the job summary: ${messageOf(error)}`, 'Job summary');
  }
}

async function sendNotification(settings: NotifySettings | null, fields: NotificationFields): Promise<void> {
  const problem = await notify(settings, fields);
  if (problem) log.warning(problem, 'Notification failed');
}

export async function reportOutcome(
  outcome: RunOutcome,
  notifySettings: NotifySettings | null,
): Promise<void> {
  logOutcome(outcome);
  writeOutputs(outcome);
  await writeSummary(renderSummary(outcome));
  await sendNotification(notifySettings, outcomeFields(outcome));
}

/** A failed run: the error first, then the summary and the notification, which cannot hide it. */
export async function reportFailure(
  app: string,
  message: string,
  notifySettings: NotifySettings | null,
  nothingChanged: boolean,
): Promise<void> {
  log.output('changed', 'false');
  log.fail(message);
  await writeSummary(renderFailureSummary(app, message, nothingChanged));
  await sendNotification(notifySettings, failureFields(app, message));
}

/** When a pause ends, in words. */
export function pauseText(pause: { until: number | null; text: string }): string {
  return pause.until === null
    ? 'until pause-until is cleared'
    : `until ${new Date(pause.until).toISOString().replace(/:00\.000Z$/, 'Z')}`;
}

/** A paused run: nothing was asked of Heroku. */
export async function reportPaused(
  settings: Settings,
  pause: { until: number | null; text: string },
): Promise<void> {
  const until = pauseText(pause);
  log.info(`${settings.app}: paused ${until}; nothing was changed`);
  log.notice(`${settings.app}: paused ${until} (pause-until: ${pause.text})`, 'Paused');
  log.output('changed', 'false');
  log.output('reason', 'paused');
  await writeSummary(renderPausedSummary(settings.app, until));
  await sendNotification(settings.notify, pausedFields(settings.app, until));
}

/** Warnings of rules that never apply shown one by one; the rest are counted in one more. */
const MAX_RULE_WARNINGS = 10;

export function warnAboutSettings(settings: Settings, now: number, prefix = ''): void {
  for (const message of settings.warnings) log.warning(`${prefix}${message}`, 'Input');
  if (!settings.schedule) return;
  const warnings = [
    ...settings.schedule.warnings,
    ...pastDateWarnings(settings.schedule, now, settings.timezone),
  ];
  for (const w of warnings.slice(0, MAX_RULE_WARNINGS))
    log.warning(`${prefix}${w.message}`, 'Schedule rule never applies');
  if (warnings.length > MAX_RULE_WARNINGS) {
    log.warning(
      `${prefix}${warnings.length - MAX_RULE_WARNINGS} more schedule rules can never apply (not listed one by one)`,
      'Schedule rule never applies',
    );
  }
}
