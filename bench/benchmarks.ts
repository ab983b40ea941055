/**
 * `npm run bench`: the cost of one run against the official CLI and a node floor, and
 * schedule fidelity under GitHub's late and dropped scheduled runs. Writes
 * docs/benchmarks.md (or --out FILE). `--quick` runs a few rounds, one trial, no CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../simulator/project.js';
import { MAX_ANSWER_BYTES } from '../src/adapters/heroku-api.js';
import { median } from '../src/core/health.js';
import { markdownTable } from '../src/render/table.js';
import { type FidelitySummary, runFidelity, SIMULATION } from './fidelity.js';
import { MONITOR } from './github-schedule-model.js';
import { type HistoryCostRow, measureHistoryCost } from './history-cost.js';
import { type EntrySize, entrySize } from './history-size.js';
import { runTraffic, TRAFFIC, type TrafficSummary } from './traffic.js';

const MONITOR_TEXT = `${MONITOR.intervalMinutes} minutes (re-checking for ${MONITOR.confirmMinutes * 60} s)`;

import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { RUNNER_PRICES } from '../src/core/actions-bill.js';
import { estimateCost } from '../src/core/cost.js';
import { parseSchedule } from '../src/core/schedule.js';
import { SCENARIOS, type ScheduleModel, SOURCES } from './github-schedule-model.js';
import {
  FLEET_SIZES,
  type FleetRow,
  type GrowthRow,
  measureFleet,
  measureGrowth,
  scheduleOfRules,
} from './growth.js';
import { measureRunCost, type SubjectResult } from './run-cost.js';

const CLI_VERSION = '11.10.0';
const CLI_DIR = path.join(projectRoot, '.bench', 'heroku-cli');

/** Where the report goes unless told otherwise. */
export const BENCHMARKS_DOC = path.join(projectRoot, 'docs', 'benchmarks.md');

function ensureTools(): void {
  execFileSync('bash', [path.join(projectRoot, 'scripts', 'ensure-debian-tools.sh'), 'time:/usr/bin/time'], {
    stdio: 'inherit',
  });
}

/** The CLI's entry as its package.json names it (`bin/run` up to heroku 10, `bin/run.js` from 11), or null. */
function installedCliBin(): string | null {
  const manifest = path.join(CLI_DIR, 'node_modules', 'heroku', 'package.json');
  if (!existsSync(manifest)) return null;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    version?: string;
    bin?: string | Record<string, string>;
  };
  if (pkg.version !== CLI_VERSION) return null;
  const entry = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.heroku;
  const bin = entry ? path.join(path.dirname(manifest), entry) : null;
  return bin && existsSync(bin) ? bin : null;
}

/** The official CLI, from the npm registry, in its own folder outside the project's dependencies; installed once. */
function installCli(): { bin: string | null; note: string } {
  try {
    let bin = installedCliBin();
    if (!bin) {
      mkdirSync(CLI_DIR, { recursive: true });
      console.log(`installing heroku@${CLI_VERSION} into ${path.relative(projectRoot, CLI_DIR)} …`);
      execFileSync(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefix', CLI_DIR, `heroku@${CLI_VERSION}`],
        { stdio: 'ignore' },
      );
      bin = installedCliBin();
    }
    if (!bin) throw new Error('the installed package names no heroku bin');
    return { bin, note: `heroku@${CLI_VERSION} from the npm registry` };
  } catch (error) {
    return {
      bin: null,
      note: `the official CLI could not be installed (${(error as Error).message.split('\n')[0]})`,
    };
  }
}

const fmt = (n: number | null, digits = 0) => (n === null ? '-' : n.toFixed(digits));

function costTable(results: SubjectResult[]): string {
  const rows = results.map((r) => {
    const stat = (f: (m: SubjectResult['runs'][number]) => number, digits = 0) => {
      const values = r.runs.map(f);
      return `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;
    };
    return [
      r.name,
      stat((m) => m.wallMs),
      stat((m) => m.cpuMs),
      stat((m) => m.peakKb / 1024, 1),
      fmt(median(r.runs.map((m) => m.requests))),
    ];
  });
  return markdownTable(
    ['subject', 'wall ms, median (min–max)', 'CPU ms', 'peak memory MiB', 'API requests'],
    rows,
  );
}

function ratios(results: SubjectResult[]): string {
  const wall = (name: string) => {
    const r = results.find((x) => x.name.startsWith(name));
    return r ? median(r.runs.map((m) => m.wallMs)) : null;
  };
  const floor = wall('floor');
  const cli = wall('heroku ps:scale');
  const plain = wall('plain node:http script');
  const rows = ['this action, steady state', 'this action, scaling'].map((name) => {
    const ours = wall(name) as number;
    const against = name.endsWith('scaling') && plain !== null ? `${fmt(ours / plain, 2)}×` : '—';
    const byCli =
      cli === null ? 'not measured' : `${fmt(ours / cli, 3)}× (CLI ${fmt(cli / ours, 1)}× slower)`;
    return [name, `${fmt(ours / (floor as number), 2)}×`, against, byCli];
  });
  return markdownTable(
    ['run', 'ours / floor (wall)', 'ours / a plain script of the same requests', 'ours / CLI (wall)'],
    rows,
  );
}

function growthTable(title: string, rows: GrowthRow[]): string {
  return markdownTable(
    [title, 'wall ms, median', 'CPU ms, median', 'wall / smallest'],
    rows.map((r) => [r.label, fmt(r.wallMs), fmt(r.cpuMs), `${fmt(r.ratio, 2)}×`]),
  );
}

function fleetTable(rows: FleetRow[]): string {
  const base = rows[0];
  return markdownTable(
    [
      'apps',
      'wall ms, median',
      'CPU ms',
      'peak memory MiB',
      'Heroku API requests (rate-limit tokens)',
      'probe requests',
      'wall / 10 apps',
    ],
    rows.map((r) => [
      String(r.apps),
      fmt(r.wallMs),
      fmt(r.cpuMs),
      fmt(r.peakMiB, 1),
      fmt(r.apiRequests),
      fmt(r.probeRequests),
      `${fmt(r.wallMs / base.wallMs, 2)}×`,
    ]),
  );
}

function historyCostTable(rows: HistoryCostRow[]): string {
  return markdownTable(
    ['step', 'history off, wall ms', 'history on, wall ms', 'on / off', 'peak memory MiB, off / on'],
    rows.map((r) => [
      r.subject,
      fmt(r.offMs),
      fmt(r.onMs),
      `${fmt(r.onMs / r.offMs, 2)}×`,
      `${fmt(r.offPeakMiB, 1)} / ${fmt(r.onPeakMiB, 1)}`,
    ]),
  );
}

function entrySizeTable(rows: EntrySize[]): string {
  return markdownTable(
    ['apps', 'runs kept', 'days of raw records', 'history file (JSON) KiB', 'cache entry (zstd) KiB'],
    rows.map((r) => [
      String(r.apps),
      String(r.runs),
      fmt(r.days, 1),
      fmt(r.jsonBytes / 1024),
      fmt(r.zstdBytes / 1024),
    ]),
  );
}

/** What a real Platform API request takes, as measured by Heroku users: 100–300 ms. */
const API_LATENCY_MS = 300;

function throughputTable(rows: { parallel: number; row: FleetRow }[]): string {
  const base = rows[0].row;
  return markdownTable(
    ['parallel', 'wall ms', 'CPU ms', 'peak memory MiB', 'Heroku API requests', 'wall against parallel 4'],
    rows.map(({ parallel, row }) => [
      String(parallel),
      fmt(row.wallMs),
      fmt(row.cpuMs),
      fmt(row.peakMiB, 1),
      fmt(row.apiRequests),
      `${fmt(row.wallMs / base.wallMs, 2)}×`,
    ]),
  );
}

function minutes(value: number | null): string {
  return value === null ? 'never' : fmt(value, 1);
}

/** What the seed table saves a month on each size, against running its peak all month. */
const SEED_SAVINGS = (['Standard-1X', 'Standard-2X'] as const).map((size) => ({
  size,
  saved: estimateCost(parseSchedule(SEED_SCHEDULE, 'web'), new Map([['web', size]])).savedMonthlyUsd,
}));

function dollars(value: number): string {
  return `${value < 0 ? '−' : ''}$${fmt(Math.abs(value), 2)}`;
}

function fidelityTable(rows: FidelitySummary[]): string {
  const [twoCore, oneCore] = RUNNER_PRICES;
  const header = [
    'strategy',
    'dyno-minutes below schedule',
    'changes missed',
    'outage → scale-out, median / worst (min)',
    'outages never answered',
    'Actions minutes / month',
    '$ / month, 2-core / 1-core',
    `net a month, private, ${SEED_SAVINGS.map((s) => s.size).join(' / ')} (2-core)`,
  ];
  return markdownTable(
    header,
    rows.map((r) => {
      const bill = (perMinute: number) => r.actionsMinutesPerMonth * perMinute;
      const net = SEED_SAVINGS.map((s) => dollars(s.saved - bill(twoCore.usdPerMinute))).join(' / ');
      return [
        r.name,
        fmt(r.underMinutes),
        `${fmt(r.transitionsMissed, 1)} of ${r.transitions}`,
        `${minutes(r.responseMedian)} / ${minutes(r.responseWorst)}`,
        `${r.unanswered} of ${r.trials * SIMULATION.outages.length}`,
        fmt(r.actionsMinutesPerMonth),
        `${dollars(bill(twoCore.usdPerMinute))} / ${dollars(bill(oneCore.usdPerMinute))}`,
        net,
      ];
    }),
  );
}

function trafficTable(rows: TrafficSummary[]): string {
  const oracle = rows[rows.length - 1];
  return markdownTable(
    [
      'strategy',
      'dyno $ a month',
      'minutes over 500 ms',
      'job-minutes waited',
      'runs',
      'Actions $',
      'net vs the peak all month',
      'from the oracle: dyno $, minutes over',
    ],
    rows.map((r) => [
      r.name,
      dollars(r.dynoUsd),
      fmt(r.overMinutes),
      `${fmt(r.jobMinutes / 1000)}k`,
      fmt(r.runs),
      dollars(r.actionsUsd),
      dollars(r.netUsd),
      r === oracle
        ? '—'
        : `+${dollars(r.dynoUsd - oracle.dynoUsd)}, +${fmt(r.overMinutes - oracle.overMinutes)}`,
    ]),
  );
}

/** How much of the gap that load on the cron leaves to the oracle prediction closes, and at what price. */
function gapText(rows: TrafficSummary[]): string {
  const find = (start: string) => rows.find((r) => r.name.startsWith(start)) as TrafficSummary;
  const load = find('**schedule + load**');
  const predict = find('schedule + load + **predict**');
  const reactive = find('reactive');
  const oracle = rows[rows.length - 1];
  const share = (f: (r: TrafficSummary) => number) => {
    const gap = f(load) - f(oracle);
    return gap <= 0 ? '-' : `${fmt((100 * (f(load) - f(predict))) / gap)}%`;
  };
  return `Prediction closes ${share((r) => r.overMinutes)} of the gap in minutes over target and ${share((r) => r.jobMinutes)} of the gap in job-minutes that load on the recommended cron leaves to the oracle, for ${dollars(predict.dynoUsd - load.dynoUsd)} more in dynos a month. The reactive scaler is ${fmt(reactive.overMinutes - oracle.overMinutes)} minutes over target and ${dollars(reactive.dynoUsd - oracle.dynoUsd)} from the oracle; load + predict is ${fmt(predict.overMinutes - oracle.overMinutes)} minutes and ${dollars(predict.dynoUsd - oracle.dynoUsd)}.`;
}

function scenarioText(m: ScheduleModel): string {
  const backlog =
    m.backlogDays.length === 0
      ? 'no day behind'
      : `${m.backlogDays.length} day${m.backlogDays.length === 1 ? '' : 's'} of 28 running ${m.backlogHours[0]}–${m.backlogHours[1]} h behind, with a third of runs started`;
  return `**${m.name}**: at most ${m.deliveredPerHour} runs an hour started, ${fmt(m.dropRate * 100)}% of the rest dropped; lateness log-normal with a median of ${m.medianLateMinutes} min, shared by the runs of each hour, ×${m.topOfHourFactor} at minute 0; ${backlog}; a dispatched run starts ${m.dispatchMinutes[0]}–${m.dispatchMinutes[1]} min after the monitor's call.`;
}

/** Measures everything and writes the report; `quick`: a few rounds, one trial, no CLI. */
export async function runBenchmarks({
  quick,
  outFile,
}: {
  quick: boolean;
  outFile: string;
}): Promise<string> {
  ensureTools();
  const cli = quick ? { bin: null, note: 'not measured with --quick' } : installCli();
  const rounds = quick ? 2 : 15;
  const warmup: number = quick ? 0 : 3;
  const trials = quick ? 1 : 20;
  console.log(`measuring the cost of one run: ${rounds} rounds after ${warmup} warm-up …`);
  const cost = await measureRunCost({ rounds, warmup, cliBin: cli.bin });
  console.log('measuring how a run grows with rules and process types …');
  const growth = await measureGrowth(quick ? { rounds: 1, warmup: 0 } : { rounds, warmup });
  console.log('measuring fleets of 10, 50 and 200 apps …');
  const fleets = await measureFleet({
    rounds: quick ? 1 : 5,
    sizes: quick ? FLEET_SIZES.slice(0, 2) : FLEET_SIZES,
  });
  const throughputApps = quick ? 8 : 200;
  const parallels = quick ? [4, 16] : [4, 8, 16, 32];
  console.log(
    `measuring a fleet of ${throughputApps} at ${API_LATENCY_MS} ms a request, parallel ${parallels.join(', ')} …`,
  );
  const throughput: { parallel: number; row: FleetRow }[] = [];
  for (const parallel of parallels) {
    const [row] = await measureFleet({
      rounds: 1,
      sizes: [throughputApps],
      parallel,
      latencyMs: API_LATENCY_MS,
    });
    throughput.push({ parallel, row });
  }
  console.log('measuring what memory across runs costs …');
  const historyCost = await measureHistoryCost({ rounds: quick ? 1 : 5, fleetSize: quick ? 10 : 200 });
  const entrySizes = quick ? [entrySize(1, 1), entrySize(5, 1)] : [entrySize(1), entrySize(200)];
  console.log(`simulating ${trials} × ${SIMULATION.days} days of scheduled runs …`);
  const fidelity = SCENARIOS.map((m) => ({ model: m, rows: runFidelity(m, trials, 20261128) }));
  const trafficTrials = quick ? 1 : 5;
  console.log(`simulating ${trafficTrials} × ${TRAFFIC.days} days of traffic on each scheduler scenario …`);
  // The quick run checks the traffic model on one scenario; the full run gives all three.
  const trafficScenarios = quick ? SCENARIOS.filter((m) => m.name === 'typical') : SCENARIOS;
  const traffic = trafficScenarios.map((m) => ({ model: m, rows: runTraffic(m, trafficTrials, 20261203) }));
  const distSize = statSync(path.join(projectRoot, 'dist', 'index.js')).size;
  const writtenOn = new Date().toISOString().slice(0, 10); // wall clock: the day the benchmark ran
  const doc = `# Benchmarks

Written by \`npm run bench\`${quick ? ' --quick' : ''} on ${writtenOn}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}, Node.js ${process.version}.
Numbers are from this machine and this run; rerun the command to compare.

## 1. Cost of one run

Every subject runs against the local Heroku API simulator on loopback, in turn, rotating the
order each round, ${warmup} warm-up round${warmup === 1 ? '' : 's'} then ${rounds} measured. Wall time on a monotonic clock
around the process; CPU time (user + system) and peak resident memory from GNU time; API
requests counted by the simulator. The action runs the seed table; "scaling" starts each run
from web=0, "steady state" from the scheduled quantity. The CLI (${cli.note}) makes the
same change with \`heroku ps:scale web=N -a APP\`, pointed at the simulator with
\`HEROKU_HOST\` and \`HEROKU_API_KEY\`.

${costTable(cost)}

${ratios(cost)}

"Load only" is the bundle refused at its first input, before any request: the fixed cost of
starting Node.js and evaluating \`dist/index.js\`. Most of it is the runtime library: the row
above it imports \`@actions/http-client\` alone (unbundled), which evaluates undici for its
proxy support. The action's own HTTP path does not use undici (it takes only the proxy-aware
agent of \`@actions/http-client\`), but \`@actions/core\` imports \`@actions/http-client\` for
its OIDC client, so undici is evaluated whatever the action does; it cannot be taken off the
run's path without leaving \`@actions/core\`. \`yaml\` is loaded only when a fleet file or a
workflow file is read (a chunk of its own), so a run of one app without a checkout never
evaluates it.

\`dist/index.js\`: ${fmt(distSize / 1024)} KiB (bundled with ncc, with the YAML reader in a chunk beside it, and \`dist/licenses.txt\`).

## 2. How a run grows with the work

Dry runs of \`dist/index.js\` against the simulator, side by side and rotated each round as
above (${warmup} warm-up, ${rounds} measured), each as a ratio to the smallest case of its series.
Rules: N weekly rules that each own a window of the week (none hidden by another), the last a
fallback; 1000 such rules (${fmt(Buffer.byteLength(scheduleOfRules(1000)) / 1024)} KiB) are about as many as the runner's 128 KiB input limit
allows. Process types: an app with N types, each scheduled 2 by day and 1 by night. Checking the
schedule is linear in rules and types (one running union per type for the rules that can never
apply), and the summary works out each day once for every type.

${growthTable('schedule', growth.rules)}

${growthTable('app', growth.types)}

An API answer of 200 MB: the run reads at most ${MAX_ANSWER_BYTES / 1024} KiB of it, refuses it (exit ${growth.hugeAnswerExit}) and peaks at
${fmt(growth.hugeAnswerPeakMiB, 1)} MiB of resident memory.

### Fleets

One step runs a fleet file of N apps (\`config\`), each with the seed table and a health probe
of 3 samples, \`parallel: 4\`, every app scaling from web=1 (so each makes a GET and a PATCH);
${quick ? 'one round' : 'median of 5 rounds'}. Every Heroku API request takes one token of the account's bucket of 4,500
(refilled at about 75 a minute).

${fleetTable(fleets)}

A fleet of 50 apps fits one billed minute with room to spare; the work grows linearly with the
apps (two API requests and three probe requests each). Past a few hundred apps, or to keep one
account's rate limit for other tools, split the fleet with \`shard\` across a matrix of jobs.

#### Throughput against a slow API

The same fleet of ${throughputApps} apps against a simulator that answers every request after
${API_LATENCY_MS} ms, as the real API's 100–300 ms, one round each. The requests and the CPU are the
same at every \`parallel\`; only the waiting overlaps:

${throughputTable(throughput)}

The default \`parallel\` is 16: a run of 200 apps ends in a fraction of the time of 4, well inside
one billed minute, and makes the same ${fmt(throughput[0].row.apiRequests)} requests, so it takes no more of the
rate limit. Heroku's limit is a bucket of 4,500 requests per token refilled at about 75 a
minute (4,500 an hour); a run of N apps takes about 2N, whatever the parallelism, so a fleet of
200 on the recommended cron (about 50 runs a day, most of them changing nothing: one request
an app) stays far below it. More than 16 at once gains little and bunches the requests.

### Memory across runs

A run with \`history\` restores the entry the run before saved and saves its own, through
\`@actions/cache\` against the local cache service (\`simulator/cache-service.ts\`); the same
run with \`history: false\` beside it, ${quick ? 'one round' : 'median of 5 rounds'} after one that leaves the first entry.
The cache library (a chunk of its own, with the Azure storage SDK) is loaded only when history
is on; most of the difference for one app is loading it and running \`tar\` and \`zstd\`:

${historyCostTable(historyCost)}

The entry after ${quick ? 'one week' : '5 weeks'} of runs every 10 minutes, built by the action's own \`recordRun\`
(raw records for the last 8 days, hour-of-week aggregates for the last 5 weeks; the cache
stores the file as a zstd archive):

${entrySizeTable(entrySizes)}

Each app adds about one JSON record a run (~160 bytes) and ~2 KiB of weekly aggregates; the
archive compresses them about seventy-fold.

## 3. Schedule fidelity, outage response and the Actions bill

Four weeks (${SIMULATION.days} days from ${SIMULATION.start.slice(0, 10)}, UTC), minute by minute, for the seed table
(07:00-22:00 web=3, 22:00-03:00 web=2, 03:00-07:00 web=1, max 3) with a one-hour outage on two
days (day 3 at 23:30 and day 17 at 04:00, when the schedule is below max). Averages over ${trials}
independent trial${trials === 1 ? '' : 's'} (seeded) per scenario; outage response over all outages of all trials.

- Edge-triggered: one job per transition (07:00 → 3, 22:00 → 2, 03:00 → 1), as a direct port of
  the original script; it has no working health check, so it never answers an outage.
- This action, level-triggered, with a health probe, \`cooldown-minutes: ${SIMULATION.cooldownMinutes}\`, the policy
  and schedule code of \`src/\` itself, on each cron. "Derived" is what the \`cron\` output gives for
  the seed table: a run at each change, off the hour, and catch-up runs 15 and 30 minutes later.
  "+ monitor dispatch" adds an uptime monitor that checks every ${MONITOR_TEXT} and calls
  \`repository_dispatch\`, which starts a run at once.
- Actions minutes count the runs GitHub started (a dropped run bills nothing), one billed minute
  each, scaled to a 30-day month; dollars at ${RUNNER_PRICES.map((p) => `$${p.usdPerMinute} a minute for ${p.runner}`).join(' and ')} (GitHub's prices from 2026-01-01). The net is what the seed table saves on that size (${SEED_SAVINGS.map((s) => `$${fmt(s.saved, 2)} on ${s.size}`).join(', ')}) less the 2-core bill of a private repository.

### GitHub's scheduler, in three scenarios

GitHub documents that scheduled runs are delayed under load, most at the start of every hour,
and may be dropped, and promises nothing more: no start time, no share of runs. The scenarios
are built from what users measured (\`bench/github-schedule-model.ts\`):

${fidelity.map((f) => `- ${scenarioText(f.model)}`).join('\n')}

Sources:

${SOURCES.map(([source, what]) => `- ${source}: ${what}`).join('\n')}

${fidelity.map((f) => `### ${f.model.name}\n\n${fidelityTable(f.rows)}`).join('\n\n')}

An edge-triggered run "answers" an outage only by luck: when the 22:00 job had not yet run,
the app was still at the daytime 3 when the outage began.

## 4. Traffic: scaling on load against scaling on the clock

A model app (bench/traffic.ts) over ${TRAFFIC.days} days of synthetic traffic, ${trafficTrials} month${trafficTrials === 1 ? '' : 's'} a scenario: web
requests at ${TRAFFIC.nightRate}/s at night and ${TRAFFIC.peakRate}/s on a weekday afternoon (weekends ${TRAFFIC.weekend * 100}% of that), ramping up
07:00–09:00 and down 19:00–23:00, with ${TRAFFIC.surges} surges a month of ${TRAFFIC.surgeMinutes} minutes at ${TRAFFIC.surgeFactor}×; jobs at ${TRAFFIC.jobsPerRequest} a minute
per request a second, plus a batch of ${TRAFFIC.batchJobs} at 02:00.

**The queueing model**, minute by minute with c dynos. A web dyno serves ${TRAFFIC.webMu} requests a second
(${TRAFFIC.serviceMs} ms each alone). What the dynos cannot serve waits in a backlog, B ← max(0, B + 60·(λ − c·μ)).
The response time is the M/M/1 time of each dyno's share, s / (1 − ρ) with ρ = λ / (c·μ) (at most
0.98), plus the backlog's wait B / (c·μ); the app reports its request queue time, the response
time less s. A worker dyno works ${TRAFFIC.workerNu} jobs a minute; the queue J ← max(0, J + arrivals − c·ν),
and job-minutes waited is ΣJ. A change takes effect one minute after the run that asked for it.

**The strategies.** The schedule is \`${TRAFFIC.schedule.replace(/\n/g, ' / ')}\`, max web=${TRAFFIC.max.web} worker=${TRAFFIC.max.worker},
cooldown ${TRAFFIC.cooldownMinutes} min. The load rules are \`${TRAFFIC.load.replace(/\n/g, ' / ')}\`; the probe's slow-ms ${TRAFFIC.slowMs},
fast-ms ${TRAFFIC.fastMs}. Every strategy marked "schedule" runs \`decide\` from src/ at the minutes the
scheduler model starts its runs, with the history's record of its own changes; the monitor
dispatches a run when the app answers slower than slow-ms. "The peak all month" runs the most
dynos the oracle ever needs, all month; "reactive" is the same load rules looked at every
minute with a floor of one (a hosted autoscaler; its subscription is not in the dollars);
"oracle" knows each minute's demand and runs the fewest dynos that meet the target and clear
the queue (the lower bound). Dollars at Standard-1X, $25 a 720-hour month; Actions minutes at
$0.006 (private repository, one billed minute a run).

${traffic.map((t) => `### ${t.model.name}\n\n${trafficTable(t.rows)}\n\n${gapText(t.rows)}`).join('\n\n')}

What it shows: the clock alone is cheapest among the action's strategies but leaves the app
over target for hours a week wherever the schedule guessed low (surges, a late batch); load
rules cut those minutes by an order of magnitude on the same cron, for more dyno dollars, since
a band comes down one dyno a run after the cooldown. A scaler that looks every minute stays
closer to the oracle on both counts: GitHub's cadence is the cost of running without an agent.
Prediction (\`predict: true\`, the 90th percentile of the recorded weeks, which with four weeks
is each hour's worst) buys back most of the minutes the cadence loses, and pays for them in
dynos: it raises the floor ahead of every hour that was ever busy, surges included. The
suggested schedule alone, re-derived each Monday from what the load rules would have asked,
follows the weekly shape but not the surges, and a batch it cannot see coming waits.
`;
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, doc);
  return doc;
}
