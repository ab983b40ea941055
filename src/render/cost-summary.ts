/**
 * The cost section of the job summary: every figure with the arithmetic that gives it, prices
 * dated and cited, the action's own Actions bill beside the saving, and the cron that would
 * serve the schedule, as YAML to paste.
 */
import {
  ACTIONS_PRICE_SOURCE,
  ACTIONS_PRICES_FROM,
  type ActionsBill,
  INCLUDED_MINUTES,
  RUNNER_PRICES,
} from '../core/actions-bill.js';
import type { TypeCost } from '../core/cost.js';
import type { CostReport } from '../core/cost-report.js';
import { CATCH_UP_MINUTES, LATE_TOLERANCE_MINUTES, PROBE_CADENCE } from '../core/cron-plan.js';
import { findDynoSize, PRICE_SOURCE, PRICES_CHECKED } from '../core/dyno-size.js';
import { count, usd } from '../core/money.js';
import { markdownText } from '../text/neutralise.js';
import { markdownTable } from './table.js';

function price(size: string): string {
  const monthly = findDynoSize(size)?.monthlyUsd;
  return monthly === null || monthly === undefined ? 'no list price' : `$${monthly}`;
}

function sizesText(t: TypeCost): string {
  return t.sizes.map((s) => `${s.size} ${count(s.dynoHours)} h`).join(', ') || 'no dynos';
}

/** One line per type that a reader can check with a calculator. */
function typeArithmetic(t: TypeCost): string[] {
  const name = markdownText(t.type);
  if (t.pooled) {
    return [
      `${name}: Eco dynos share the account's flat $5 a month (1,000 hours): scaling them saves nothing.`,
    ];
  }
  if (t.scheduledMonthlyUsd === null || t.baselineMonthlyUsd === null) {
    return [
      `${name}: ${sizesText(t)} a week; no published list price for ${t.sizes.map((s) => s.size).join(', ')} in the table below, so left out of the dollars.`,
    ];
  }
  const terms = t.sizes.map((s) => `${count(s.dynoHours)} dyno-h × ${price(s.size)} ÷ 168 h`).join(' + ');
  const source =
    t.sizeSource === 'app'
      ? ' No rule gives it a size, so it is priced at the size it has now.'
      : t.sizeSource === 'default'
        ? ` No rule gives it a size and the app does not run it, so it is priced at ${t.sizes[0]?.size ?? 'Standard-1X'}, Heroku's default.`
        : '';
  const basic = findDynoSize(t.peak.size)?.singlePerType
    ? ' Basic allows one dyno per type, so at most $7 a month is at stake.'
    : '';
  return [
    `${name} on the schedule: ${terms} = **${usd(t.scheduledMonthlyUsd)}** a month (a dyno-hour every week is 720 ÷ 168 hours of a 720-hour month).${source}${basic}`,
    `${name} without it: its costliest hour, ${t.peak.quantity} × ${t.peak.size}, all month: ${t.peak.quantity} × ${price(t.peak.size)} = **${usd(t.baselineMonthlyUsd)}** a month.`,
  ];
}

function billLines(bill: ActionsBill, label: string): string[] {
  const perRun =
    bill.minutesPerRun === 1
      ? '1 billed minute (GitHub rounds each job up to a whole minute)'
      : `${bill.minutesPerRun} billed minutes`;
  const lines = [
    `${label}: ${count(bill.runsPerMonth)} runs in 30 days × ${perRun} = **${count(bill.minutesPerMonth)} minutes a month**.`,
  ];
  if (bill.visibility === 'public') {
    lines.push('This repository is public: standard runners cost **$0**.');
  } else {
    const costs = bill.costs.map(
      (c) => `${c.runner}: ${count(bill.minutesPerMonth)} × $${c.usdPerMinute} = **${usd(c.usdPerMonth)}**`,
    );
    lines.push(
      `${costs.join('; ')} a month${bill.visibility === 'unknown' ? ' (the event did not say whether the repository is public; public repositories pay nothing)' : ''}.`,
    );
  }
  return lines;
}

function cronYaml(lines: string[], timeZone: string): string {
  const entries = lines.map(
    (line) => `    - cron: '${line}'${timeZone === 'UTC' ? '' : `\n      timezone: ${timeZone}`}`,
  );
  return ['```yaml', 'on:', '  schedule:', ...entries, '```'].join('\n');
}

/** The Actions bill of the workflow's crons, and the net of `savedMonthlyUsd` less it. */
export function billSection(bill: ActionsBill | null, source: string, savedMonthlyUsd: number): string[] {
  const parts = ['#### The Actions bill', ''];
  if (bill) {
    const crons = bill.entries
      .map((e) => `\`${e.cron.text}\` (${e.timeZone}${e.zoneSource === 'assumed' ? ', assumed' : ''})`)
      .join(', ');
    parts.push(...billLines(bill, `Cron ${crons}, from ${source}`).map((l) => `- ${l}`));
    if (bill.visibility === 'public') {
      parts.push(`- Net saving: **${usd(savedMonthlyUsd)} a month** (the minutes are free).`);
    } else {
      const net = bill.costs.map(
        (c) =>
          `${c.runner}: ${usd(savedMonthlyUsd)} − ${usd(c.usdPerMonth)} = **${usd(savedMonthlyUsd - c.usdPerMonth)}**`,
      );
      parts.push(`- Net saving a month: ${net.join('; ')}.`);
    }
  } else {
    parts.push(
      `- No cron is known for this workflow: ${source}. Run it from \`on.schedule\` to see its bill here.`,
    );
  }
  const each =
    bill?.visibility === 'public'
      ? '$0 in a public repository'
      : RUNNER_PRICES.map((p) => `$${p.usdPerMinute} on ${p.runner}`).join(', ');
  parts.push(
    `- On top: each manual or monitor run (\`workflow_dispatch\`, \`repository_dispatch\`) is 1 billed minute (${each}).`,
  );
  return parts;
}

/**
 * @param bill the step's Actions bill, where this page shows it; null for an app of a fleet,
 *   whose workflow minutes are shared by every app and set against the fleet's saving once
 */
export function renderCostSection(report: CostReport, bill: readonly string[] | null): string {
  const { estimate } = report;
  const rows = estimate.types.map((t) => [
    markdownText(t.type),
    sizesText(t),
    t.scheduledMonthlyUsd === null || t.pooled ? '—' : usd(t.scheduledMonthlyUsd),
    t.baselineMonthlyUsd === null || t.pooled ? '—' : usd(t.baselineMonthlyUsd),
    t.scheduledMonthlyUsd === null || t.baselineMonthlyUsd === null || t.pooled
      ? '—'
      : usd(t.baselineMonthlyUsd - t.scheduledMonthlyUsd),
  ]);
  const table = markdownTable(
    [
      'process type',
      'dyno-hours a week, by size',
      'on the schedule $/month',
      'without it $/month',
      'saved $/month',
    ],
    rows,
  );
  const share = (estimate.savedShare * 100).toFixed(1);
  const parts = [
    '### Cost',
    '',
    table,
    '',
    `Saved by the schedule: ${usd(estimate.baselineMonthlyUsd)} − ${usd(estimate.scheduledMonthlyUsd)} = **${usd(estimate.savedMonthlyUsd)} a month** (${share}% of ${usd(estimate.baselineMonthlyUsd)}), against running each type's costliest hour all month.`,
    '',
    ...estimate.types.flatMap(typeArithmetic).map((l) => `- ${l}`),
    '',
  ];
  if (bill) parts.push(...bill);
  else parts.push("The workflow's Actions bill is the fleet's: it is set against the fleet's saving above.");
  parts.push('');
  const withProbe = report.servingCron.includes(PROBE_CADENCE);
  parts.push(
    '#### A cron that serves this schedule',
    '',
    `Each run is level-triggered, so a run is needed only as each scale-out becomes due and just after each scale-in, with catch-up runs ${CATCH_UP_MINUTES.join(' and ')} minutes later for when GitHub drops or delays one${withProbe ? `; the fail-safe probe adds a steady \`${PROBE_CADENCE}\`` : ''}. Read in ${report.timeZone}, as the \`cron\` output gives it:`,
    '',
    cronYaml(report.servingCron, report.timeZone),
    '',
    ...billLines(report.servingBill, 'These lines').map((l) => `- ${l}`),
    '',
    withProbe
      ? `These lines and a monitor's dispatch when the app is down are the recommended cron (README, "How often to run").`
      : `On their own these lines miss changes when GitHub's scheduler runs hours behind: the recommended cron (README, "How often to run") adds \`${PROBE_CADENCE}\` and a monitor's dispatch when the app is down.`,
    '',
  );
  if (report.late.length > 0) {
    parts.push(
      `The cron in use serves these changes of the coming week more than ${LATE_TOLERANCE_MINUTES} minutes late by design:`,
      '',
      ...report.late.map(
        (l) =>
          `- ${markdownText(l.change)}: ${l.lateMinutes} min late; add \`${l.fix}\` (${report.timeZone})`,
      ),
      '',
    );
  }
  parts.push(
    '<details><summary>Prices and what they leave out</summary>',
    '',
    `Heroku list prices as of ${PRICES_CHECKED} (${PRICE_SOURCE}), prorated per hour on a 720-hour month, for a week of the weekly rules (dated rules left out). A rule without a size is priced at the size carried from the sized rule before it in time, as the policy keeps it. Eco is a flat $5 a month for the account's 1,000-hour pool. Private and Shield dynos are priced by contract and the larger Performance sizes are not in that table: such types are left out of the dollars.`,
    '',
    `Actions prices from ${ACTIONS_PRICES_FROM} (${ACTIONS_PRICE_SOURCE}): each job is billed in whole minutes; public repositories pay nothing on standard runners; private accounts have included minutes (${INCLUDED_MINUTES}).`,
    '',
    '</details>',
    '',
  );
  return parts.join('\n');
}
