/**
 * The job summary: what the action did and why, the schedule as a chart and a week grid,
 * and what the schedule saves. Rendered as Markdown by pure functions so tests can read it.
 */

import { displaySizeName } from '../core/dyno-size.js';
import {
  changeClauses,
  healthClause,
  isChange,
  nextChangeClause,
  REASON_LABELS,
  type RunOutcome,
} from '../core/outcome.js';
import type { RunSettings } from '../core/settings.js';
import { formatMinute, localMinuteAt } from '../core/zoned-time.js';
import { codeBlock, markdownText } from '../text/neutralise.js';
import { clip } from '../text/redaction.js';
import { renderCostSection } from './cost-summary.js';
import { dayChart, type ScheduledDay, scheduledWeek, weekGrid } from './schedule-chart.js';

/** An error this long is already more than anyone reads in a summary. */
const MAX_SUMMARY_ERROR = 2000;

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

/** What happened, one clause per changed type with its own reason, then what comes next and the health. */
function headline(outcome: RunOutcome): string {
  const { settings } = outcome;
  const clauses = changeClauses(outcome).map((c) => markdownText(c));
  const what = isChange(outcome)
    ? `${settings.dryRun ? 'Would scale' : 'Scaled'} ${clauses.map((c) => `**${c}**`).join('; ')}`
    : `No change: ${clauses.join('; ') || 'formation as scheduled'}`;
  const next = nextChangeClause(outcome);
  const health = healthClause(outcome);
  const dry = settings.dryRun ? '**Dry run: nothing was changed.** ' : '';
  const tail = [next, health].filter((t) => t !== '').map((t) => `${markdownText(t)}.`);
  return [`${dry}${what}.`, ...tail].join(' ');
}

function formationTable(outcome: RunOutcome): string {
  const rows = outcome.plan.processes.map((p) => [
    markdownText(p.type),
    p.current ? String(p.current.quantity) : '—',
    p.scheduled ? `${p.scheduled.quantity} (${markdownText(`"${p.scheduled.rule.text}"`)})` : '—',
    String(p.target.quantity),
    markdownText(displaySizeName(p.target.size || p.current?.size || '')),
    REASON_LABELS[p.reason],
  ]);
  return table(['process type', 'before', 'scheduled', 'target', 'size', 'reason'], rows);
}

function scheduleSection(settings: RunSettings, now: number): string {
  const schedule = settings.schedule;
  if (!schedule) return '';
  const local = localMinuteAt(now, settings.timezone);
  const nowHour = Math.floor(local.minute / 60);
  const parts = [`### Schedule (${settings.timezone}, now ${formatMinute(local.minute)})`, ''];
  // Each day is worked out once for all types; the chart's day is one of the week's.
  const week = scheduledWeek(schedule, local.day, settings.timezone);
  const today = week.find((d) => d.day === local.day) as ScheduledDay;
  for (const type of schedule.types) {
    const chart = dayChart(today, type, nowHour, settings.timezone);
    parts.push(chart.kind === 'flat' ? `${chart.text}\n` : `\`\`\`mermaid\n${chart.text}\n\`\`\`\n`);
  }
  const grid = schedule.types.map((type) => weekGrid(week, type, local.day)).join('\n\n');
  parts.push(
    details(
      'This week, dynos per hour',
      `\`>\` marks today; \`-\` an hour the clocks skip.\n\n${codeBlock(grid)}`,
    ),
  );
  return parts.join('\n');
}

/** @param options.bill false for an app of a fleet, whose Actions bill is the fleet's */
export function renderSummary(outcome: RunOutcome, options: { bill: boolean } = { bill: true }): string {
  const { settings } = outcome;
  const parts = [
    `## Heroku Autoscale: ${markdownText(settings.app)}`,
    '',
    headline(outcome),
    '',
    formationTable(outcome),
    '',
    ...outcome.plan.limitWarnings.map((w) => `> **Warning:** ${markdownText(w)}\n`),
  ];
  parts.push(scheduleSection(settings, outcome.now));
  if (outcome.cost) parts.push(renderCostSection(outcome.cost, options));
  return parts.join('\n');
}

/**
 * A failed run: what it means for the app first, then the error and its fix as wrapped prose
 * (a code block would hide the end of a long line off to the right).
 */
export function renderFailureSummary(app: string, message: string, nothingChanged: boolean): string {
  const effect = nothingChanged
    ? 'Nothing was changed: the run stopped before it asked Heroku for any change.'
    : 'Heroku may have applied the update before the error: check the formation; the next run converges again.';
  return [
    `## Heroku Autoscale: ${app ? markdownText(app) : '(no app)'}`,
    '',
    `**The run failed.** ${effect}`,
    '',
    `> ${markdownText(clip(message, MAX_SUMMARY_ERROR))}`,
    '',
  ].join('\n');
}

export function renderPausedSummary(app: string, until: string): string {
  return [
    `## Heroku Autoscale: ${markdownText(app)}`,
    '',
    `**Paused** ${markdownText(until)}: nothing was changed.`,
    '',
  ].join('\n');
}
