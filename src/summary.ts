/**
 * The job summary: what the action did and why, the schedule as a chart and a week grid,
 * and what the schedule saves. Rendered as Markdown by pure functions so tests can read it.
 */
import { type CostEstimate, estimateCost } from './cost.js';
import { displaySizeName, PRICE_SOURCE, PRICES_CHECKED } from './dyno-size.js';
import type { Settings } from './inputs.js';
import { describeChanges, isChange, type RunOutcome } from './outcome.js';
import type { ProcessPlan } from './policy.js';
import { dayChart, weekGrid } from './schedule-chart.js';
import { formatMinute, localMinuteAt } from './zoned-time.js';

const REASON_WORDS: Record<ProcessPlan['reason'], string> = {
  schedule: 'following the schedule',
  manual: 'manual quantity',
  failsafe: 'fail-safe: the app is unhealthy',
  hold: 'holding above the schedule',
  cooldown: 'cooling down after a recent change',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function usd(value: number | null): string {
  return value === null ? 'not published' : `$${value.toFixed(2)}`;
}

function hours(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function headline(outcome: RunOutcome): string {
  const { settings, probe } = outcome;
  const what = isChange(outcome)
    ? `${settings.dryRun ? 'Would scale' : 'Scaled'} **${describeChanges(outcome)}**`
    : 'No change';
  const main = outcome.plan.processes.find((p) => p.type === settings.process);
  const reason = main ? ` — ${REASON_WORDS[main.reason]}: ${main.why}` : '';
  const health = probe
    ? ` Health: **${probe.health}**, median ${probe.medianMs === null ? 'n/a' : `${Math.round(probe.medianMs)} ms`} (${probe.failed} of ${probe.samples.length} samples failed).`
    : '';
  const dry = settings.dryRun ? '**Dry run: nothing was changed.** ' : '';
  return `${dry}${what}${reason}.${health}`;
}

function formationTable(outcome: RunOutcome): string {
  const rows = outcome.plan.processes.map((p) => [
    p.type,
    p.current ? String(p.current.quantity) : '—',
    p.scheduled ? `${p.scheduled.quantity} (line ${p.scheduled.rule.line})` : '—',
    String(p.target.quantity),
    displaySizeName(p.target.size || p.current?.size || ''),
    p.reason,
  ]);
  return table(['process type', 'before', 'scheduled', 'target', 'size', 'reason'], rows);
}

export function costSection(cost: CostEstimate): string {
  const rows = cost.types.map((t) => [
    t.type,
    displaySizeName(t.size),
    hours(t.scheduledDynoHours),
    hours(t.maxDynoHours),
    usd(t.scheduledMonthlyUsd),
    usd(t.maxMonthlyUsd),
  ]);
  rows.push([
    '**total**',
    '',
    hours(cost.scheduledDynoHours),
    hours(cost.maxDynoHours),
    usd(cost.scheduledMonthlyUsd),
    usd(cost.maxMonthlyUsd),
  ]);
  const saved = (cost.savedShare * 100).toFixed(1);
  const dollars =
    cost.scheduledMonthlyUsd !== null && cost.maxMonthlyUsd !== null
      ? `, about ${usd(cost.maxMonthlyUsd - cost.scheduledMonthlyUsd)} a month`
      : '';
  const notes = [
    `Under the schedule: **${hours(cost.scheduledDynoHours)} dyno-hours a week**, against ${hours(cost.maxDynoHours)} with every type at its max all week: **${saved}% saved**${dollars}.`,
    `This is an estimate, not a bill: Heroku list prices as of ${PRICES_CHECKED} (${PRICE_SOURCE}), prorated per hour on a 720-hour month, for a week without dated rules.`,
  ];
  if (cost.pooled) {
    notes.push(
      "Eco dynos are billed as a $5 monthly pool of 1000 hours shared by all of an account's Eco dynos, not per dyno: their figures only indicate a share of that pool.",
    );
  }
  if (cost.unpriced.length > 0) {
    notes.push(
      `No published list price for ${cost.unpriced.join(', ')} (priced by contract); left out of the dollar totals.`,
    );
  }
  return [
    table(['process type', 'size', 'dyno-hours/week', 'at max', 'est. $/month', 'at max $/month'], rows),
    '',
    ...notes.map((n) => `${n}\n`),
  ].join('\n');
}

function scheduleSection(settings: Settings, now: number): string {
  const schedule = settings.schedule;
  if (!schedule) return '';
  const local = localMinuteAt(now, settings.timezone);
  const nowHour = Math.floor(local.minute / 60);
  const parts = [`### Schedule (${settings.timezone}, now ${formatMinute(local.minute)})`, ''];
  for (const type of schedule.types) {
    parts.push('```mermaid', dayChart(schedule, type, local.day, nowHour, settings.timezone), '```', '');
  }
  parts.push('This week, dynos per hour (`>` marks today):', '', '```text');
  parts.push(schedule.types.map((type) => weekGrid(schedule, type, local.day)).join('\n\n'), '```', '');
  return parts.join('\n');
}

export function renderSummary(outcome: RunOutcome): string {
  const { settings } = outcome;
  const parts = [
    `## Heroku Autoscale: ${settings.app}`,
    '',
    headline(outcome),
    '',
    formationTable(outcome),
    '',
  ];
  parts.push(scheduleSection(settings, outcome.now));
  if (settings.schedule) {
    const sizes = new Map(outcome.after.map((p) => [p.type, p.size]));
    parts.push('### Cost', '', costSection(estimateCost(settings.schedule, sizes, settings.max)));
  }
  return parts.join('\n');
}

export function renderFailureSummary(app: string, message: string): string {
  return [
    `## Heroku Autoscale: ${app || '(no app)'}`,
    '',
    '**The run failed.** Nothing was changed unless the error came after Heroku accepted the update; the next run converges again.',
    '',
    '```text',
    message,
    '```',
    '',
  ].join('\n');
}
