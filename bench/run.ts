/**
 * `npm run bench`: the cost of one run against the official CLI and a node floor, and
 * schedule fidelity under GitHub's late and dropped scheduled runs. Writes
 * docs/benchmarks.md (or --out FILE). `--quick` runs a few rounds, one trial, no CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../simulator/project.js';
import { median } from '../src/health.js';
import { type FidelitySummary, runFidelity, SIMULATION } from './fidelity.js';
import { DEFAULT_MODEL } from './github-schedule-model.js';
import { measureRunCost, type SubjectResult } from './run-cost.js';

const CLI_VERSION = '11.10.0';
const CLI_DIR = path.join(projectRoot, '.bench', 'heroku-cli');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const outFile =
  outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(projectRoot, 'docs', 'benchmarks.md');

function ensureTools(): void {
  execFileSync('bash', [path.join(projectRoot, 'scripts', 'ensure-debian-tools.sh'), 'time:/usr/bin/time'], {
    stdio: 'inherit',
  });
}

/** The official CLI, from the npm registry, in its own folder outside the project's dependencies. */
function installCli(): { bin: string | null; note: string } {
  const bin = path.join(CLI_DIR, 'node_modules', 'heroku', 'bin', 'run');
  try {
    if (!existsSync(bin)) {
      mkdirSync(CLI_DIR, { recursive: true });
      console.log(`installing heroku@${CLI_VERSION} into ${path.relative(projectRoot, CLI_DIR)} …`);
      execFileSync(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefix', CLI_DIR, `heroku@${CLI_VERSION}`],
        {
          stdio: 'ignore',
        },
      );
    }
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
    return `| ${r.name} | ${stat((m) => m.wallMs)} | ${stat((m) => m.cpuMs)} | ${stat((m) => m.peakKb / 1024, 1)} | ${fmt(median(r.runs.map((m) => m.requests)))} |`;
  });
  return [
    '| subject | wall ms, median (min–max) | CPU ms | peak memory MiB | API requests |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function ratios(results: SubjectResult[]): string {
  const wall = (name: string) => {
    const r = results.find((x) => x.name.startsWith(name));
    return r ? median(r.runs.map((m) => m.wallMs)) : null;
  };
  const floor = wall('floor');
  const cli = wall('heroku ps:scale');
  const lines: string[] = [];
  for (const name of ['this action, steady state', 'this action, scaling']) {
    const ours = wall(name) as number;
    lines.push(
      `| ${name} | ${fmt(ours / (floor as number), 2)}× | ${cli === null ? 'not measured' : `${fmt(ours / cli, 3)}× (CLI ${fmt(cli / ours, 1)}× slower)`} |`,
    );
  }
  return ['| run | ours / floor (wall) | ours / CLI (wall) |', '|---|---|---|', ...lines].join('\n');
}

function minutes(value: number | null): string {
  return value === null ? 'never' : fmt(value, 1);
}

function fidelityTable(rows: FidelitySummary[]): string {
  return [
    '| strategy | dyno-minutes below schedule | above schedule | transitions missed | outage → scale-out, median / worst (min) | outages never answered | Actions minutes / month |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.underMinutes)} | ${fmt(r.overMinutes)} | ${fmt(r.transitionsMissed, 1)} of ${r.transitions} | ${minutes(r.responseMedian)} / ${minutes(r.responseWorst)} | ${r.unanswered} of ${r.trials * SIMULATION.outages.length} | ${fmt(r.actionsMinutesPerMonth)} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  ensureTools();
  const cli = quick ? { bin: null, note: 'not measured with --quick' } : installCli();
  const rounds = quick ? 3 : 15;
  const warmup = quick ? 1 : 3;
  const trials = quick ? 1 : 20;
  console.log(`measuring the cost of one run: ${rounds} rounds after ${warmup} warm-up …`);
  const cost = await measureRunCost({ rounds, warmup, cliBin: cli.bin });
  console.log(`simulating ${trials} × ${SIMULATION.days} days of scheduled runs …`);
  const fidelity = runFidelity(DEFAULT_MODEL, trials, 20261128);
  const distSize = statSync(path.join(projectRoot, 'dist', 'index.js')).size;
  const m = DEFAULT_MODEL;
  const doc = `# Benchmarks

Written by \`npm run bench\`${quick ? ' --quick' : ''} on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}, Node.js ${process.version}.
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
proxy support; \`@actions/core\` imports it too.

\`dist/index.js\`: ${fmt(distSize / 1024)} KiB (one file, bundled with ncc; \`dist/licenses.txt\` beside it).

## 2. Schedule fidelity and outage response

Four weeks (${SIMULATION.days} days from ${SIMULATION.start.slice(0, 10)}, UTC), minute by minute, for the seed table
(07:00-22:00 web=3, 22:00-03:00 web=2, 03:00-07:00 web=1, max 3) with a one-hour outage on two
days (day 3 at 23:30 and day 17 at 04:00, when the schedule is below max). Averages over ${trials}
independent trial${trials === 1 ? '' : 's'} (seeded); outage response over all outages of all trials.

- Edge-triggered: one job per transition (07:00 → 3, 22:00 → 2, 03:00 → 1), as a direct port of
  the original script; it has no working health check, so it never answers an outage.
- This action, level-triggered, with a health probe, \`cooldown-minutes: ${SIMULATION.cooldownMinutes}\`, the policy
  and schedule code of \`src/\` itself.

GitHub's scheduler model (\`bench/github-schedule-model.ts\`): ${fmt(m.dropRate * 100)}% of runs dropped; the
rest start late: ${fmt((1 - m.longShare - m.veryLongShare) * 100)}% log-normal with a median of ${m.typicalMedianMinutes} min, ${fmt(m.longShare * 100)}% 10–45 min,
${fmt(m.veryLongShare * 100)}% 60–120 min, and ×${m.topOfHourFactor} for runs due at minute 0 of an hour. GitHub documents that
scheduled runs are delayed under load, especially at the start of an hour, and that some are
dropped, but publishes no figures: these defaults are assumptions in the range users report.

${fidelityTable(fidelity)}

An edge-triggered run "answers" an outage only by luck: when the 22:00 job had not yet run,
the app was still at the daytime 3 when the outage began.

"Above schedule" counts the dyno-minutes spent at max during and just after an outage (the
fail-safe) and during cooldown. Actions minutes assume each job bills one minute, the least
GitHub bills, and are scaled to a 30-day month.
`;
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, doc);
  console.log(doc);
  console.log(`written to ${path.relative(process.cwd(), outFile)}`);
}

await main();
