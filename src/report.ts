/** What a run tells people: the decision line, detail groups, annotations, outputs and summary. */
import * as core from '@actions/core';
import { costWarnings } from './cost-summary.js';
import { displaySizeName } from './dyno-size.js';
import { formationJson } from './formation.js';
import type { ProbeReport } from './health.js';
import type { NotifySettings } from './inputs.js';
import * as log from './log.js';
import { failureFields, type NotificationFields, notify, outcomeFields } from './notify.js';
import {
  decisionLine,
  describeChanges,
  healthClause,
  healthOf,
  isChange,
  latencyOf,
  processPlanOf,
  type RunOutcome,
} from './outcome.js';
import type { ProcessPlan } from './policy.js';
import { redact } from './redaction.js';
import { renderFailureSummary, renderSummary } from './summary.js';

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

export function writeOutputs(outcome: RunOutcome): void {
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

export function logOutcome(outcome: RunOutcome): void {
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
  for (const message of outcome.cost ? costWarnings(outcome.cost) : []) log.warning(message, 'Cost and cron');
  if (isChange(outcome) && !outcome.settings.dryRun) {
    log.notice(`${outcome.settings.app}: ${describeChanges(outcome)}`, 'Formation changed');
  }
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(redact(markdown), true).write();
  } catch (error) {
    log.warning(`could not write the job summary: ${(error as Error).message}`, 'Job summary');
  }
}

async function sendNotification(settings: NotifySettings | null, fields: NotificationFields): Promise<void> {
  const problem = await notify(settings, fields);
  if (problem) log.warning(problem, 'Notification failed');
}

export async function reportOutcome(outcome: RunOutcome): Promise<void> {
  logOutcome(outcome);
  writeOutputs(outcome);
  await writeSummary(renderSummary(outcome));
  await sendNotification(outcome.settings.notify, outcomeFields(outcome));
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
