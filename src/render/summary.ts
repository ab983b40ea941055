/**
 * The job summary, formatted from the run's report: for one app, what it did and why, the
 * schedule as a chart beside what the app has now, a week grid, and what the schedule saves;
 * for a fleet, a table of every app, the fleet's saving and bill, and each app's detail folded,
 * within GitHub's size limit. Pure functions of the report, so tests can read them.
 */

import { RUNNER_PRICES } from '../core/actions-bill.js';
import type { CostReport } from '../core/cost-report.js';
import { displaySizeName, PRICE_SOURCE, PRICES_CHECKED } from '../core/dyno-size.js';
import { FORESIGHT_MIN_DAYS, type Suggestion } from '../core/foresight.js';
import { type AsItHappened, RAW_DAYS, type TypicalWeek } from '../core/history.js';
import { formatFigure } from '../core/load.js';
import { usd } from '../core/money.js';
import {
  changeClauses,
  decision,
  FORMAT_NAMES,
  healthClause,
  isChange,
  loadRows,
  nextChangeClause,
  REASON_LABELS,
  type RunOutcome,
} from '../core/outcome.js';
import { type AppReport, type RunReport, totalsText } from '../core/run-report.js';
import { formatMinute, localMinuteAt, WEEKDAY_NAMES, weekdayOf } from '../core/zoned-time.js';
import { chartText, codeBlock, markdownText } from '../text/neutralise.js';
import { clip } from '../text/redaction.js';
import { billSection, renderCostSection } from './cost-summary.js';
import { dayChart, type ScheduledDay, scheduledWeek, weekGrid } from './schedule-chart.js';
import { markdownTable } from './table.js';

/** An error this long is already more than anyone reads in a summary. */
const MAX_SUMMARY_ERROR = 2000;

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
  return markdownTable(['process type', 'before', 'scheduled', 'target', 'size', 'reason'], rows);
}

function scheduleSection(outcome: RunOutcome): string {
  const { settings, now } = outcome;
  const schedule = settings.schedule;
  if (!schedule) return '';
  const local = localMinuteAt(now, settings.timezone);
  const time = formatMinute(local.minute);
  const parts = [`### Schedule (${settings.timezone}, now ${time})`, ''];
  // Each day is worked out once for all types; the chart's day is one of the week's.
  const week = scheduledWeek(schedule, local.day, settings.timezone);
  const today = week.find((d) => d.day === local.day) as ScheduledDay;
  for (const type of schedule.types) {
    const has = outcome.after.find((p) => p.type === type);
    const nowMark = has ? { hour: Math.floor(local.minute / 60), time, quantity: has.quantity } : null;
    const chart = dayChart(today, type, nowMark, settings.timezone);
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

/** The load rules, the figure each read and the target it gave. */
function loadSection(outcome: RunOutcome): string {
  const rows = loadRows(outcome);
  if (rows.length === 0) return '';
  const format = outcome.metrics?.format;
  const source = format ? `, read as ${FORMAT_NAMES[format]}` : '';
  return [
    `### Load (figures from the metrics URL${source})`,
    '',
    markdownTable(
      ['process type', 'rule', 'figure', 'target', 'reason'],
      rows.map((r) => [
        markdownText(r.type),
        markdownText(r.rule),
        markdownText(r.figure),
        r.target === null ? '—' : String(r.target),
        r.reason,
      ]),
    ),
    '',
  ].join('\n');
}

/**
 * One app's detail: what it did and why, its formation, schedule and cost. `bill` is the
 * step's Actions bill where this page is the step's own (one app); a fleet shows it once above.
 */
function appDetail(outcome: RunOutcome, bill: string[] | null): string {
  const parts = [
    headline(outcome),
    '',
    formationTable(outcome),
    '',
    ...outcome.plan.limitWarnings.map((w) => `> **Warning:** ${markdownText(w)}\n`),
    loadSection(outcome),
    ...(outcome.predictNote ? [`_${markdownText(outcome.predictNote)}._\n`] : []),
    scheduleSection(outcome),
  ];
  if (outcome.cost) parts.push(renderCostSection(outcome.cost, bill));
  return parts.join('\n');
}

/** The Actions bill of the workflow, set against the step's whole saving: shown once a page. */
function stepBill(report: RunReport): string[] | null {
  const cost: CostReport | null = report.cost;
  return cost ? billSection(cost.bill, cost.billSource, report.savedCents / 100) : null;
}

function failurePage(title: string, message: string, effect: string): string {
  return [
    `## ${markdownText(title)}`,
    '',
    `**The run failed.** ${effect}`,
    '',
    `> ${markdownText(clip(message, MAX_SUMMARY_ERROR))}`,
    '',
  ].join('\n');
}

const fmt1 = (n: number) => (Math.round(n * 10) / 10).toString();
const daysText = (n: number) => `${fmt1(n)} day${fmt1(n) === '1' ? '' : 's'}`;

/** A chart of one line alone: drawn in a colour that shows, not the pale one bars are filled with. */
const LINE_ONLY_THEME = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da"}}}}%%';

/** One series of figures by the hour, drawn as a line in a chart of its own. */
function hourLineChart(
  title: string,
  axis: string,
  labels: string[],
  values: string[],
  [bottom, top]: [number, number],
): string {
  return [
    '```mermaid',
    LINE_ONLY_THEME,
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "hour" [${labels.join(', ')}]`,
    `  y-axis "${axis}" ${bottom} --> ${top}`,
    `  line [${values.join(', ')}]`,
    '```',
    '',
  ].join('\n');
}

/** A type's span as it happened: bars of the dynos that ran, a line of the schedule; and the probe's latency. */
function spanCharts(
  type: string,
  span: AsItHappened,
  zone: string,
  week: boolean,
  metric: string | null = null,
): string[] {
  const points = span.starts.map((at, i) => ({
    at,
    ran: span.ran[i],
    scheduled: span.scheduled[i],
    latency: span.latencyMs[i],
  }));
  const known = points.filter((p) => p.ran !== null);
  if (known.length < 2) return [];
  const label = (at: number) => {
    const local = localMinuteAt(at, zone);
    const hour = String(Math.floor(local.minute / 60)).padStart(2, '0');
    return week ? `"${WEEKDAY_NAMES[weekdayOf(local.day)]} ${hour}"` : `"${hour}"`;
  };
  const what = week ? 'last 7 days' : 'last 24 h';
  const top = Math.max(4, ...known.map((p) => Math.max(p.ran ?? 0, p.scheduled ?? 0))) + 1;
  const charts = [
    [
      '```mermaid',
      'xychart-beta',
      `  title "${type}: dynos that ran (bars), schedule (line), ${what} (${zone})"`,
      `  x-axis "${week ? 'day and hour, 6-hour steps' : 'hour'}" [${known.map((p) => label(p.at)).join(', ')}]`,
      `  y-axis "dynos" 0 --> ${top}`,
      `  bar [${known.map((p) => p.ran).join(', ')}]`,
      `  line [${known.map((p) => p.scheduled ?? p.ran).join(', ')}]`,
      '```',
      '',
    ].join('\n'),
  ];
  const figures = span.starts
    .map((at, i) => ({ at, value: span.figure[i] ?? null }))
    .filter((p): p is { at: number; value: number } => p.value !== null);
  if (!week && metric && figures.length >= 2) {
    const high = Math.max(...figures.map((p) => p.value));
    const low = Math.min(0, ...figures.map((p) => p.value));
    charts.push(
      hourLineChart(
        `${type}: ${chartText(metric)}, the highest figure read in each hour (${zone})`,
        chartText(metric),
        figures.map((p) => label(p.at)),
        figures.map((p) => formatFigure(p.value)),
        [Math.floor(low), Math.ceil(high * 1.2) || 1],
      ),
    );
  }
  const timed = known.filter((p) => p.latency !== null);
  if (!week && timed.length >= 2) {
    const most = Math.max(...timed.map((p) => p.latency as number));
    charts.push(
      hourLineChart(
        `Probe: the highest median latency in each hour, ms (${zone})`,
        'ms',
        timed.map((p) => label(p.at)),
        timed.map((p) => String(Math.round(p.latency as number))),
        [0, Math.ceil((most * 1.2) / 10) * 10 || 10],
      ),
    );
  }
  return charts;
}

const LATENCY_AND_DYNOS =
  "The probe's highest median latency in each hour, in tenths of a second (3 is 300 ms), and the most dynos a run left;";
const DYNOS_ONLY = 'The most dynos a run left in each hour;';

/** A typical week as text: a row per day, a column per local hour, `.` where nothing was seen. */
function typicalWeekGrid(typical: TypicalWeek): string {
  const header = (label: string) =>
    `${label.padEnd(15).slice(0, 15)}${Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0').padStart(3)).join('')}`;
  const grid = (label: string, slots: (number | null)[], cell: (v: number) => string) => [
    header(label),
    ...WEEKDAY_NAMES.map((day, d) => {
      const cells = slots.slice(d * 24, d * 24 + 24).map((v) => (v === null ? '.' : cell(v)).padStart(3));
      return `${day.padEnd(15)}${cells.join('')}`;
    }),
  ];
  // The latency grid only where a probe ran: without one it would be all dots.
  const timed = typical.latencyMs.some((v) => v !== null);
  const grids = [
    ...(timed ? [grid('latency ×100ms', typical.latencyMs, (v) => String(Math.round(v / 100)))] : []),
    ...Object.entries(typical.dynos).map(([type, slots]) =>
      grid(`${type} dynos`, slots, (v) => String(Math.round(v))),
    ),
  ];
  const lines = grids.flatMap((g, i) => (i === 0 ? g : ['', ...g]));
  const weeks =
    typical.weeks === 1
      ? 'the one week recorded so far'
      : `the median of the ${typical.weeks} weeks recorded`;
  return details(
    `A typical week, hour by hour (${weeks})`,
    `${timed ? LATENCY_AND_DYNOS : DYNOS_ONLY} \`.\` where no run came.\n\n${codeBlock(lines.join('\n'))}`,
  );
}

/** Differences listed one by one; the rest are counted. */
const MAX_DIFFERENCES = 12;

/** What the recorded weeks suggest: the schedule to paste, where it differs and why, and its price. */
function suggestionSection(suggestion: Suggestion): string[] {
  const title = `#### What the last ${daysText(suggestion.days)} suggest`;
  if (!suggestion.text || !suggestion.suggested)
    return [
      title,
      '',
      `_${daysText(suggestion.days)} recorded; a suggested schedule needs ${FORESIGHT_MIN_DAYS}._`,
      '',
    ];
  const { current, suggested } = suggestion;
  const delta = suggested.monthlyUsd - current.monthlyUsd;
  const rows = suggestion.differences
    .slice(0, MAX_DIFFERENCES)
    .map((d) => [
      markdownText(d.type),
      `${d.day} ${d.from}-${d.to}`,
      String(d.scheduled),
      String(d.suggested),
      d.suggested > d.scheduled
        ? 'needed more: slow, or the load rule asked for more, at the scheduled quantity'
        : 'needed less: the load rule asked for fewer, or fast at fewer',
    ]);
  const more = suggestion.differences.length - rows.length;
  return [
    title,
    '',
    `For each hour of the week, the dynos the app needed in the ${suggestion.weeks === 1 ? 'one week' : `${suggestion.weeks} weeks`} recorded (the load rule's target, else the fewest at which the probe stayed fast, else the schedule; the 90th percentile over the weeks), as the shortest schedule that gives at least that (\`suggested-schedule\` output). Sizes stay as the app has them; dated rules are not part of it.`,
    '',
    codeBlock(suggestion.text),
    '',
    rows.length === 0
      ? 'It gives what the schedule gives now, hour for hour.'
      : markdownTable(['process type', 'hours', 'schedule', 'suggested', 'why'], rows),
    more > 0 ? `\n${more} more differences are not listed.` : '',
    '',
    `Priced as the cost section prices: now ${fmt1(current.dynoHours)} dyno-h a week = ${usd(current.monthlyUsd)} a month; suggested ${fmt1(suggested.dynoHours)} dyno-h = ${usd(suggested.monthlyUsd)} a month; **${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${usd(Math.abs(delta))} a month**.`,
    '',
  ];
}

/** A month is scaled from the record only once it covers this many days. */
const DAYS_TO_SCALE = 7;

/** What ran and what it cost over the days recorded, with its arithmetic, net of the Actions minutes. */
function moneySection(report: RunReport): string[] {
  const money = report.history?.money;
  const baseline = report.history?.baselineUsd;
  if (!money || baseline === null || baseline === undefined) return [];
  const days = daysText(money.days);
  const visibility = report.cost?.bill?.visibility ?? 'unknown';
  const [big, slim] = RUNNER_PRICES;
  const actions = visibility === 'public' ? 0 : money.billedMinutes * big.usdPerMinute;
  const net = baseline - money.ranUsd - actions;
  const minutes =
    visibility === 'public'
      ? `${money.billedMinutes} billed minutes, $0 in a public repository`
      : `${money.billedMinutes} billed minutes × $${big.usdPerMinute} = **${usd(actions)}** on ${big.runner} (${usd(money.billedMinutes * slim.usdPerMinute)} on ${slim.runner})`;
  const lines = [
    '#### What it cost, as measured',
    '',
    `Over the ${days} recorded (${money.runs} runs), at Heroku list prices per hour of a 720-hour month (${PRICES_CHECKED}, ${PRICE_SOURCE}):`,
    '',
    `- Dynos that ran: ${fmt1(money.ranDynoHours)} dyno-h = **${usd(money.ranUsd)}**.`,
    `- The schedule's plan at the same runs: ${fmt1(money.plannedDynoHours)} dyno-h = ${usd(money.plannedUsd)}; what ran above it is the fail-safe, load, holds and hand-set quantities.`,
    `- Each type's costliest hour all along instead: **${usd(baseline)}**.`,
    `- The Actions minutes of the recorded runs: ${minutes}.`,
    `- Measured net saving: ${usd(baseline)} − ${usd(money.ranUsd)} − ${usd(actions)} = **${usd(net)}** over ${days}.`,
    money.days >= DAYS_TO_SCALE
      ? `- At this rate, about **${usd((net * 30) / money.days)} a month** (× 30 ÷ ${fmt1(money.days)} days).`
      : `- Scaled to a month once ${DAYS_TO_SCALE} days are recorded (${fmt1(money.days)} so far).`,
  ];
  if (money.unpricedDynoHours > 0)
    lines.push(
      `- ${fmt1(money.unpricedDynoHours)} dyno-h at sizes with no list price are left out of the dollars.`,
    );
  return [...lines, ''];
}

/** What the history shows: the scheduler as measured and, for one app, its last day as it happened. */
function historySection(report: RunReport, zone: string | null): string {
  const { history } = report;
  if (!history) return '';
  const parts = ['### What happened', ''];
  if (history.runs <= 1) {
    parts.push(
      history.fresh && history.runs === 1
        ? "_History starts with this run: the next runs will show what happened, kept in this repository's Actions cache._"
        : '',
      '',
    );
    return parts.join('\n');
  }
  parts.push(
    `_${history.runs} runs recorded over ${daysText(history.days)}, kept in this repository's Actions cache (the last ${RAW_DAYS} days)._`,
    '',
  );
  if (zone)
    for (const { type, metric, day, week } of history.spans) {
      parts.push(...spanCharts(markdownText(type), day, zone, false, metric));
      if (week) parts.push(...spanCharts(markdownText(type), week, zone, true));
    }
  const typical = history.typical;
  if (typical && history.runs > 1) parts.push(typicalWeekGrid(typical), '');
  if (history.suggestion) parts.push(...suggestionSection(history.suggestion));
  parts.push(...moneySection(report));
  const f = history.fidelity;
  if (f) {
    parts.push("#### GitHub's scheduler, measured for this workflow", '');
    parts.push(
      f.delayMinutes
        ? `- ${f.scheduledRuns} scheduled run${f.scheduledRuns === 1 ? '' : 's'} over ${daysText(f.days)} started a median of **${fmt1(f.delayMinutes.median)} min** after the time their cron named; p90 ${fmt1(f.delayMinutes.p90)} min, worst ${fmt1(f.delayMinutes.worst)} min.`
        : '- No scheduled run is recorded yet.',
      f.expected === 0
        ? '- The workflow file was not read, so the runs its crons named cannot be counted: check the repository out.'
        : `- ${f.missing} of the ${f.expected} runs the workflow's crons named over the record never came${f.missing > 0 ? ': the formation stayed as the run before left it until the next run.' : '.'}`,
      history.belowScheduleMinutes === null
        ? ''
        : `- The app ran **${history.belowScheduleMinutes} dyno-minutes below its schedule** over the record, while late and missing runs kept it on the formation the run before had left (against today's schedule).`,
      '',
    );
  }
  return parts.join('\n');
}

function appPage(report: RunReport, a: AppReport): string {
  const title = `## ${markdownText(report.title)}`;
  if (a.outcome)
    return [
      title,
      '',
      appDetail(a.outcome, stepBill(report) ?? []),
      historySection(report, a.outcome.settings.timezone),
    ].join('\n');
  if (a.status === 'paused')
    return [title, '', `**Paused** ${markdownText(a.pausedUntil ?? '')}: nothing was changed.`, ''].join(
      '\n',
    );
  return failurePage(report.title, a.what, a.effect ?? '');
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
  parts: readonly { full: string; short: string }[],
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
  let restShort = parts.reduce((sum, d) => sum + bytes(d.short), 0);
  for (const part of parts) {
    restShort -= bytes(part.short);
    if (short === 0 && used + bytes(part.full) + restShort <= budget) {
      out.push(part.full);
      used += bytes(part.full);
      full++;
    } else if (used + bytes(part.short) <= budget) {
      if (short === 0) out.push('Detail of the other apps, in one line each:', '');
      out.push(part.short);
      used += bytes(part.short);
      short++;
    } else break;
  }
  const left = parts.length - full - short;
  if (short > 0 || left > 0) {
    const told = [
      short > 0 ? `${short} app${short === 1 ? "'s" : "s'"} detail shortened to one line` : '',
      left > 0 ? `${left} app${left === 1 ? "'s" : "s'"} detail left out` : '',
    ].filter((p) => p !== '');
    out.push(
      '',
      `_${told.join(' and ')} to keep this page under GitHub's 1 MiB limit for a job summary; every app's result is in the \`results\` output, and each app's own line in the log._`,
      '',
    );
  }
  return out.join('\n');
}

function fleetPage(report: RunReport): string {
  const rows = report.apps.map((a) => {
    const what = `${a.status === 'failed' || a.status === 'skipped' ? `**${a.status}**: ` : ''}${markdownText(a.what)}`;
    const saved = a.savedCents === null ? '—' : usd(a.savedCents / 100);
    return [markdownText(a.app), what, a.reason, a.health, saved];
  });
  const head = [
    `## ${markdownText(report.title)}`,
    '',
    `${totalsText(report)}. Their schedules save **${usd(report.savedCents / 100)} a month** against each type's costliest hour all month; each app's detail below shows its own arithmetic, and the workflow's Actions bill is set against the fleet's saving once, below the table.`,
    '',
    markdownTable(['app', 'what happened', 'reason', 'health', 'saved $/month'], rows),
    '',
    ...(stepBill(report) ?? []),
    '',
  ].join('\n');
  const parts = report.apps.flatMap((a) => {
    if (!a.outcome) return [];
    const heading = `${markdownText(a.app)}: ${markdownText(decision(a.outcome))}`;
    const detail = appDetail(a.outcome, null);
    return [
      { full: `<details><summary>${heading}</summary>\n\n${detail}\n</details>\n`, short: `- ${heading}` },
    ];
  });
  return withinBudget(`${head}\n${historySection(report, null)}`, parts, SUMMARY_BUDGET_BYTES);
}

/** The job summary of a step. */
export function renderPage(report: RunReport): string {
  if (report.inputError !== null)
    return failurePage(
      report.title,
      report.inputError,
      'Nothing was changed: the inputs were refused before any request to Heroku.',
    );
  const [only] = report.apps;
  if (report.subject.kind === 'app' && report.apps.length === 1) return appPage(report, only);
  return fleetPage(report);
}
