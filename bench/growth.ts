/**
 * How the cost of one run grows with the work: schedules of 1 to 1000 weekly rules, apps of 1
 * to 100 process types, each run of `dist/index.js` against the simulator, side by side and
 * rotated round by round, as ratios to the smallest case. And peak memory when the API's
 * answer is 200 MB.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAppServer } from '../simulator/app-server.js';
import { machineClock } from '../simulator/clock.js';
import { startSimulator } from '../simulator/heroku-simulator.js';
import { startHugeAnswer } from '../simulator/hostile-servers.js';
import { projectRoot } from '../simulator/project.js';
import { actionEnvironment } from '../simulator/run-action.js';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { median } from '../src/core/health.js';
import { type Measurement, measure } from './run-cost.js';

const TOKEN = 'hrku-bench-growth-2718';
export const RULE_COUNTS = [1, 10, 100, 1000] as const;
export const TYPE_COUNTS = [1, 5, 20, 100] as const;

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * `count` weekly rules that each own a window of their own (none hidden by another), the
 * last a fallback for the rest of the week: the work grows with every rule.
 */
export function scheduleOfRules(count: number): string {
  const windows = count - 1;
  const perDay = Math.ceil(windows / 7);
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const rules = Array.from({ length: windows }, (_, i) => {
    const slot = Math.floor(i / 7);
    const from = Math.floor((slot * 1440) / perDay);
    const to = Math.floor(((slot + 1) * 1440) / perDay);
    return `${days[i % 7]} ${clock(from)}-${clock(to)} web=${2 + (i % 3)}`;
  });
  return [...rules, 'web=1'].join('\n');
}

export function typeNames(count: number): string[] {
  return ['web', ...Array.from({ length: count - 1 }, (_, i) => `proc${i + 1}`)];
}

/** Every type at 2 by day and 1 by night. */
export function scheduleOfTypes(count: number): string {
  const types = typeNames(count);
  return [`07:00-22:00 ${types.map((t) => `${t}=2`).join(' ')}`, types.map((t) => `${t}=1`).join(' ')].join(
    '\n',
  );
}

export interface GrowthRow {
  label: string;
  wallMs: number;
  cpuMs: number;
  /** wall time against the smallest case of its series */
  ratio: number;
}

export interface GrowthResult {
  rules: GrowthRow[];
  types: GrowthRow[];
  /** peak resident memory of a run whose API answers 200 MB, MiB */
  hugeAnswerPeakMiB: number;
  /** the same run's exit code: 1, refused at the byte cap */
  hugeAnswerExit: number;
}

export async function measureGrowth(options: { rounds: number; warmup: number }): Promise<GrowthResult> {
  // These runs are unfaked, so that faking time adds nothing to what is measured.
  const sim = await startSimulator({ tokens: [TOKEN], clock: machineClock });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-growth-'));
  const command = [process.execPath, path.join(projectRoot, 'dist', 'index.js')];
  const cases = [
    ...RULE_COUNTS.map((n) => ({
      series: 'rules' as const,
      label: `${n} rule${n === 1 ? '' : 's'}`,
      app: `rules-${n}`,
      types: typeNames(1),
      schedule: scheduleOfRules(n),
    })),
    ...TYPE_COUNTS.map((n) => ({
      series: 'types' as const,
      label: `${n} process type${n === 1 ? '' : 's'}`,
      app: `types-${n}`,
      types: typeNames(n),
      schedule: scheduleOfTypes(n),
    })),
  ];
  const runs = cases.map(() => [] as Measurement[]);
  try {
    const envs = cases.map((c) => {
      sim.addApp(
        c.app,
        c.types.map((type) => ({ type, quantity: 1 })),
      );
      return actionEnvironment(
        { app: c.app, 'api-key': TOKEN, 'api-url': sim.url, schedule: c.schedule, 'dry-run': 'true' },
        mkdtempSync(path.join(dir, 'run-')),
      ).env;
    });
    for (let round = 0; round < options.warmup + options.rounds; round++) {
      for (let k = 0; k < cases.length; k++) {
        const i = (k + round) % cases.length;
        sim.setRateLimitRemaining(4500);
        const m = await measure(command, envs[i], sim);
        if (m.exit !== 0) throw new Error(`${cases[i].label} exited ${m.exit}`);
        if (round >= options.warmup) runs[i].push(m);
      }
    }
  } finally {
    await sim.close();
  }
  const rows = cases.map((c, i) => ({
    series: c.series,
    label: c.label,
    wallMs: median(runs[i].map((m) => m.wallMs)) as number,
    cpuMs: median(runs[i].map((m) => m.cpuMs)) as number,
  }));
  const series = (name: 'rules' | 'types'): GrowthRow[] => {
    const list = rows.filter((r) => r.series === name);
    return list.map(({ label, wallMs, cpuMs }) => ({ label, wallMs, cpuMs, ratio: wallMs / list[0].wallMs }));
  };
  const huge = await startHugeAnswer(200 * 1024 * 1024);
  try {
    const env = actionEnvironment(
      { app: 'rules-1', 'api-key': TOKEN, 'api-url': huge.url, schedule: 'web=1' },
      mkdtempSync(path.join(dir, 'huge-')),
    ).env;
    const m = await measure(command, env, sim);
    return {
      rules: series('rules'),
      types: series('types'),
      hugeAnswerPeakMiB: m.peakKb / 1024,
      hugeAnswerExit: m.exit,
    };
  } finally {
    await huge.close();
  }
}

export const FLEET_SIZES = [10, 50, 200] as const;

export interface FleetRow {
  apps: number;
  wallMs: number;
  cpuMs: number;
  peakMiB: number;
  /** Heroku API requests, each one token of the account's rate-limit bucket */
  apiRequests: number;
  probeRequests: number;
}

/**
 * One step running a fleet of N apps, each with the seed schedule and a health probe, `parallel`
 * at a time (4 unless given), against an API that answers after `latencyMs` (0 unless given).
 */
export async function measureFleet(options: {
  rounds: number;
  sizes: readonly number[];
  parallel?: number;
  latencyMs?: number;
}): Promise<FleetRow[]> {
  // These runs are unfaked, so that faking time adds nothing to what is measured.
  const sim = await startSimulator({ tokens: [TOKEN], clock: machineClock, latencyMs: options.latencyMs });
  const site = await startAppServer();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-fleet-'));
  const command = [process.execPath, path.join(projectRoot, 'dist', 'index.js')];
  try {
    const rows: FleetRow[] = [];
    for (const size of options.sizes) {
      const names = Array.from({ length: size }, (_, i) => `fleet-${size}-${String(i).padStart(3, '0')}`);
      const workspace = mkdtempSync(path.join(dir, 'ws-'));
      const config = [
        'defaults:',
        `  health-url: ${site.url}/health`,
        '  schedule: |',
        ...SEED_SCHEDULE.split('\n').map((line) => `    ${line}`),
        'apps:',
        ...names.map((name) => `  ${name}: {}`),
      ].join('\n');
      writeFileSync(path.join(workspace, 'fleet.yml'), config);
      const runs: FleetRow[] = [];
      for (let round = 0; round < options.rounds; round++) {
        for (const name of names) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
        sim.setRateLimitRemaining(4500);
        const probesBefore = site.requests.length;
        const env = {
          ...actionEnvironment(
            {
              'api-key': TOKEN,
              'api-url': sim.url,
              config: 'fleet.yml',
              parallel: String(options.parallel ?? 4),
            },
            mkdtempSync(path.join(dir, 'run-')),
          ).env,
          GITHUB_WORKSPACE: workspace,
        };
        const m = await measure(command, env, sim);
        if (m.exit !== 0) throw new Error(`the fleet of ${size} exited ${m.exit}`);
        runs.push({
          apps: size,
          wallMs: m.wallMs,
          cpuMs: m.cpuMs,
          peakMiB: m.peakKb / 1024,
          apiRequests: m.requests,
          probeRequests: site.requests.length - probesBefore,
        });
      }
      const mid = (f: (r: FleetRow) => number) => median(runs.map(f)) as number;
      rows.push({
        apps: size,
        wallMs: mid((r) => r.wallMs),
        cpuMs: mid((r) => r.cpuMs),
        peakMiB: mid((r) => r.peakMiB),
        apiRequests: mid((r) => r.apiRequests),
        probeRequests: mid((r) => r.probeRequests),
      });
    }
    return rows;
  } finally {
    await Promise.all([sim.close(), site.close()]);
  }
}
