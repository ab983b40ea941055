/**
 * What a fleet run tells people: each app's decision line and annotations, one job summary with
 * a table of every app and each app's detail folded, the fleet's totals, the `changed` and
 * `results` outputs, one notification, and a failed step naming each app that failed.
 */

import { notify, runUrl } from '../adapters/notify.js';
import type { CostReport } from '../core/cost-report.js';
import type { AppResult } from '../core/outcome.js';
import { decision, healthOf, isChange, processPlanOf } from '../core/outcome.js';
import type { NotifySettings, Settings } from '../core/settings.js';
import { markdownText } from '../text/neutralise.js';
import { billSection, billWarning, usd } from './cost-summary.js';
import * as log from './log.js';
import { logOutcome, pauseText, writeSummary } from './report.js';
import { renderSummary } from './summary.js';

interface AppLine {
  app: string;
  status: 'changed' | 'unchanged' | 'failed' | 'paused' | 'skipped';
  /** `web 1 → 3`, or the reason nothing ran */
  what: string;
  reason: string;
  health: string;
  savedUsd: number | null;
}

function lineOf(result: AppResult): AppLine {
  switch (result.kind) {
    case 'done': {
      const { outcome } = result;
      const main = processPlanOf(outcome);
      return {
        app: result.app,
        status: isChange(outcome) ? 'changed' : 'unchanged',
        what: decision(outcome),
        reason: main?.reason ?? '',
        health: healthOf(outcome),
        savedUsd: outcome.cost?.estimate.savedMonthlyUsd ?? null,
      };
    }
    case 'failed':
      return {
        app: result.app,
        status: 'failed',
        what: result.error,
        reason: 'error',
        health: 'skipped',
        savedUsd: null,
      };
    case 'paused':
      return {
        app: result.app,
        status: 'paused',
        what: `paused ${pauseText(result)}`,
        reason: 'paused',
        health: 'skipped',
        savedUsd: null,
      };
    case 'skipped':
      return {
        app: result.app,
        status: 'skipped',
        what: result.why,
        reason: 'skipped',
        health: 'skipped',
        savedUsd: null,
      };
  }
}

/** `results` output: JSON by app. */
function resultsJson(results: AppResult[]): string {
  const out: Record<string, unknown> = {};
  for (const result of results) {
    const line = lineOf(result);
    const quantity = result.kind === 'done' ? (processPlanOf(result.outcome)?.target.quantity ?? null) : null;
    out[result.app] = {
      changed: line.status === 'changed',
      quantity,
      reason: line.reason,
      health: line.health,
      error: result.kind === 'failed' || result.kind === 'skipped' ? line.what : null,
    };
  }
  return JSON.stringify(out);
}

/** A cost report of the run: each app's carries the same workflow bill. */
function firstCost(results: AppResult[]): CostReport | undefined {
  return results.flatMap((r) => (r.kind === 'done' && r.outcome.cost ? [r.outcome.cost] : []))[0];
}

/** The workflow's Actions bill is shared by every app: it is set against the fleet's saving, once. */
function fleetBill(results: AppResult[], saved: number): string[] {
  const report = firstCost(results);
  return report ? billSection(report.bill, report.billSource, saved) : [];
}

function renderFleetSummary(results: AppResult[], dryRun: boolean): string {
  const lines = results.map(lineOf);
  const count = (status: AppLine['status']) => lines.filter((l) => l.status === status).length;
  const saved = lines.reduce((sum, l) => sum + (l.savedUsd ?? 0), 0);
  const totals = [
    `${results.length} app${results.length === 1 ? '' : 's'}`,
    `${count('changed')} ${dryRun ? 'would change' : 'changed'}`,
    `${count('unchanged')} unchanged`,
    `${count('failed')} failed`,
    count('paused') > 0 ? `${count('paused')} paused` : '',
    count('skipped') > 0 ? `${count('skipped')} skipped` : '',
  ].filter((t) => t !== '');
  const parts = [
    '## Heroku Autoscale: fleet',
    '',
    `${totals.join(', ')}. Their schedules save **${usd(saved)} a month** against each type's costliest hour all month (each app's detail below shows the arithmetic and the Actions bill).`,
    '',
    '| app | what happened | reason | health | saved $/month |',
    '|---|---|---|---|---|',
    ...lines.map(
      (l) =>
        `| ${markdownText(l.app)} | ${l.status === 'failed' ? '**failed**: ' : ''}${markdownText(l.what)} | ${l.reason} | ${l.health} | ${l.savedUsd === null ? '—' : usd(l.savedUsd)} |`,
    ),
    '',
    ...fleetBill(results, saved),
    '',
  ];
  const details = results.flatMap((result) => {
    if (result.kind !== 'done') return [];
    const heading = `${markdownText(result.app)}: ${markdownText(decision(result.outcome))}`;
    const detail = renderSummary(result.outcome, { bill: false }).replace(/^## .*\n/, '');
    return [
      { full: `<details><summary>${heading}</summary>\n\n${detail}\n</details>\n`, short: `- ${heading}` },
    ];
  });
  return withinBudget(parts.join('\n'), details, SUMMARY_BUDGET_BYTES);
}

/**
 * GitHub shows nothing of a step summary over 1 MiB. The fleet's table always shows; each app's
 * folded detail follows while it fits, then a line per app, and past that the detail is left out
 * with a count, so that the page stays under the budget whatever the fleet's size.
 */
export const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** Room kept for the closing note that says what was left out. */
const NOTE_RESERVE_BYTES = 512;

export function withinBudget(
  head: string,
  details: readonly { full: string; short: string }[],
  budget: number,
): string {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8') + 1;
  let used = bytes(head) + NOTE_RESERVE_BYTES;
  if (used > budget) {
    // A fleet so large that its table alone passes the budget: cut the table, keep the note.
    const cut = Buffer.from(head, 'utf8')
      .subarray(0, budget - NOTE_RESERVE_BYTES)
      .toString('utf8');
    const kept = cut.slice(0, cut.lastIndexOf('\n'));
    return `${kept}\n\n_The table was cut here to keep this page under GitHub's 1 MiB limit: every app's result is in the \`results\` output._\n`;
  }
  const out = [head];
  let full = 0;
  let short = 0;
  // Room is kept for a line for every app still to come, so that the apps at the end are not the ones left out.
  let restShort = details.reduce((sum, d) => sum + bytes(d.short), 0);
  for (const detail of details) {
    restShort -= bytes(detail.short);
    if (short === 0 && used + bytes(detail.full) + restShort <= budget) {
      out.push(detail.full);
      used += bytes(detail.full);
      full++;
    } else if (used + bytes(detail.short) <= budget) {
      if (short === 0) out.push('Detail of the other apps, in one line each:', '');
      out.push(detail.short);
      used += bytes(detail.short);
      short++;
    } else break;
  }
  const left = details.length - full - short;
  if (short > 0 || left > 0) {
    const parts = [
      short > 0 ? `${short} app${short === 1 ? "'s" : "s'"} detail shortened to one line` : '',
      left > 0 ? `${left} app${left === 1 ? "'s" : "s'"} detail left out` : '',
    ].filter((p) => p !== '');
    out.push(
      '',
      `_${parts.join(' and ')} to keep this page under GitHub's 1 MiB limit for a job summary; every app's result is in the \`results\` output, and each app's own line in the log._`,
      '',
    );
  }
  return out.join('\n');
}

/** One message for the whole fleet, listing the apps that changed or failed. */
async function notifyFleet(settings: NotifySettings | null, lines: AppLine[]): Promise<void> {
  const failed = lines.filter((l) => l.status === 'failed');
  const changed = lines.filter((l) => l.status === 'changed');
  const status = failed.length > 0 ? 'failed' : changed.length > 0 ? 'changed' : 'unchanged';
  const listed = [
    ...failed.map((l) => `${l.app} FAILED: ${l.what}`),
    ...changed.map((l) => `${l.app}: ${l.what}`),
  ];
  const message = listed.length > 0 ? listed.join('; ') : `all ${lines.length} apps as scheduled`;
  const problem = await notify(settings, {
    app: `fleet of ${lines.length} apps`,
    status,
    dry_run: false,
    before: {},
    after: {},
    reason: status === 'failed' ? 'error' : '',
    health: 'skipped',
    latency_ms: null,
    message,
    run_url: runUrl(),
  });
  if (problem) log.warning(problem, 'Notification failed');
}

export async function reportFleet(
  results: AppResult[],
  chosen: Settings[],
  notifySettings: NotifySettings | null,
): Promise<void> {
  for (const result of results) {
    if (result.kind === 'done') logOutcome(result.outcome, { bill: false });
    else log.info(`${result.app}: ${lineOf(result).status}: ${lineOf(result).what}`);
  }
  const lines = results.map(lineOf);
  log.output('changed', String(lines.some((l) => l.status === 'changed')));
  log.output('results', resultsJson(results));
  await writeSummary(
    renderFleetSummary(
      results,
      chosen.every((s) => s.dryRun),
    ),
  );
  const saved = lines.reduce((sum, l) => sum + (l.savedUsd ?? 0), 0);
  const report = firstCost(results);
  const expensive = report ? billWarning(report.bill, saved) : null;
  if (expensive) log.warning(`fleet: ${expensive}`, 'Cost and cron');
  await notifyFleet(notifySettings, lines);
  const failed = lines.filter((l) => l.status === 'failed' || l.status === 'skipped');
  if (failed.length > 0) {
    log.fail(
      `${failed.length} of ${lines.length} apps did not reach their target: ${failed.map((l) => `${l.app} (${l.status === 'skipped' ? 'skipped: ' : ''}${l.what})`).join('; ')}`,
    );
  }
}
