/**
 * The cost of one run, measured side by side against the local simulator: this action in
 * steady state and when scaling, a bare `node -e 0` as the floor, and the official Heroku
 * CLI making the same change. Subjects alternate round by round after a warm-up.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { machineClock } from '../simulator/clock.js';
import { type HerokuSimulator, startSimulator } from '../simulator/heroku-simulator.js';
import { projectRoot } from '../simulator/project.js';
import { actionEnvironment } from '../simulator/run-action.js';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { parseSchedule, resolveAt } from '../src/core/schedule.js';

const TOKEN = 'hrku-bench-token-31415';
const APP = 'bench-app';

export interface Measurement {
  wallMs: number;
  cpuMs: number;
  peakKb: number;
  requests: number;
  exit: number;
}

export interface Subject {
  name: string;
  command: string[];
  env: Record<string, string>;
  /** set the app's formation before each run */
  prepare: (sim: HerokuSimulator) => void;
  /** the exit code a run must end with */
  exit?: number;
}

export interface SubjectResult {
  name: string;
  command: string;
  runs: Measurement[];
}

/** Runs a command under GNU time for CPU and peak memory; wall time from a monotonic clock. */
export function measure(
  command: string[],
  env: Record<string, string>,
  sim: HerokuSimulator,
): Promise<Measurement> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-run-'));
  const timeFile = path.join(dir, 'time');
  const before = sim.count();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, ...command], {
      env,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const [user, system, peakKb] =
        readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
      resolve({
        wallMs,
        cpuMs: (user + system) * 1000,
        peakKb,
        requests: sim.count() - before,
        exit: code ?? -1,
      });
    });
  });
}

function setWeb(sim: HerokuSimulator, quantity: number): void {
  const app = sim.apps.get(APP);
  if (!app) throw new Error('bench app missing');
  for (const p of app.formation) {
    p.quantity = quantity;
    p.updatedAt = new Date(sim.clock.now() - 86_400_000).toISOString();
  }
}

function actionEnv(sim: HerokuSimulator, dir: string): Record<string, string> {
  return actionEnvironment({ app: APP, 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE }, dir)
    .env;
}

/** A script that reads the formation and scales web, with nothing else: the floor a run is measured against. */
function plainScript(baseUrl: string, quantity: number): string {
  const headers = {
    Accept: 'application/vnd.heroku+json; version=3',
    Authorization: `Bearer ${TOKEN}`,
    'Content-Type': 'application/json',
  };
  return `
import http from 'node:http';
const call = (method, path, body) => new Promise((resolve, reject) => {
  const req = http.request(${JSON.stringify(baseUrl)} + path, { method, headers: ${JSON.stringify(headers)} }, (res) => {
    let text = '';
    res.on('data', (d) => { text += d; });
    res.on('end', () => resolve(JSON.parse(text)));
  });
  req.on('error', reject);
  req.end(body === undefined ? undefined : JSON.stringify(body));
});
await call('GET', '/apps/${APP}/formation');
await call('PATCH', '/apps/${APP}/formation', { updates: [{ type: 'web', quantity: ${quantity} }] });
`;
}

export function subjects(sim: HerokuSimulator, cliBin: string | null, dir: string): Subject[] {
  const scheduled =
    resolveAt(parseSchedule(SEED_SCHEDULE, 'web'), sim.clock.now(), 'UTC').get('web')?.quantity ?? 1;
  const node = process.execPath;
  const entry = path.join(projectRoot, 'dist', 'index.js');
  const list: Subject[] = [
    {
      name: 'floor: node -e 0',
      command: [node, '-e', '0'],
      env: { PATH: process.env.PATH ?? '' },
      prepare: () => {},
    },
    {
      // The runtime library alone: @actions/http-client 4 evaluates undici when imported.
      name: 'import @actions/http-client only',
      command: [
        node,
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(path.join(projectRoot, 'node_modules', '@actions', 'http-client', 'lib', 'index.js'))})`,
      ],
      env: { PATH: process.env.PATH ?? '' },
      prepare: () => {},
    },
    {
      // Refused at the first input, before any request: what loading the bundle costs.
      name: 'this action, load only (bad input)',
      command: [node, entry],
      env: { PATH: process.env.PATH ?? '', INPUT_APP: 'Bad_App' },
      prepare: () => {},
      exit: 1,
    },
    {
      name: 'this action, steady state',
      command: [node, entry],
      env: actionEnv(sim, mkdtempSync(path.join(dir, 'steady-'))),
      prepare: (s) => setWeb(s, scheduled),
    },
    {
      name: 'this action, scaling',
      command: [node, entry],
      env: actionEnv(sim, mkdtempSync(path.join(dir, 'scaling-'))),
      prepare: (s) => setWeb(s, 0),
    },
    {
      // The least a run could be: the same GET and PATCH from a bare script, no checks, no report.
      name: 'plain node:http script, the same GET and PATCH',
      command: [node, '--input-type=module', '-e', plainScript(sim.url, scheduled)],
      env: { PATH: process.env.PATH ?? '' },
      prepare: (s) => setWeb(s, 0),
    },
  ];
  if (cliBin) {
    const home = path.join(dir, 'cli-home');
    mkdirSync(home, { recursive: true });
    list.push({
      name: 'heroku ps:scale (official CLI)',
      command: [node, cliBin, 'ps:scale', `web=${scheduled}`, '-a', APP],
      env: {
        PATH: `${path.dirname(cliBin)}:${process.env.PATH ?? ''}`,
        HOME: home,
        HEROKU_API_KEY: TOKEN,
        HEROKU_HOST: sim.url,
        DISABLE_TELEMETRY: 'true',
      },
      prepare: (s) => setWeb(s, 0),
    });
  }
  return list;
}

export async function measureRunCost(options: {
  rounds: number;
  warmup: number;
  cliBin: string | null;
}): Promise<SubjectResult[]> {
  // The action runs unfaked here, so that faking time adds nothing to what is measured.
  const sim = await startSimulator({ tokens: [TOKEN], clock: machineClock });
  sim.addApp(APP, [{ type: 'web', quantity: 1 }]);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
  try {
    const list = subjects(sim, options.cliBin, dir);
    const results = list.map((s) => ({
      name: s.name,
      command: s.command.join(' '),
      runs: [] as Measurement[],
    }));
    for (let round = 0; round < options.warmup + options.rounds; round++) {
      // Rotate the order every round so that no subject always runs first.
      for (let k = 0; k < list.length; k++) {
        const i = (k + round) % list.length;
        sim.setRateLimitRemaining(4500);
        list[i].prepare(sim);
        const m = await measure(list[i].command, list[i].env, sim);
        if (m.exit !== (list[i].exit ?? 0)) throw new Error(`${list[i].name} exited ${m.exit}`);
        if (round >= options.warmup) results[i].runs.push(m);
      }
    }
    return results;
  } finally {
    await sim.close();
  }
}
