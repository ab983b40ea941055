/**
 * What memory across runs costs a run: one app and a fleet of 200, each with history off and on
 * (restoring the entry the run before saved, then saving its own), against the local cache
 * service that `@actions/cache` itself talks to; side by side, rotated round by round.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCacheService } from '../simulator/cache-service.js';
import { machineClock } from '../simulator/clock.js';
import { startSimulator } from '../simulator/heroku-simulator.js';
import { projectRoot } from '../simulator/project.js';
import { actionEnvironment } from '../simulator/run-action.js';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { median } from '../src/core/health.js';
import { measure } from './run-cost.js';

const TOKEN = 'hrku-bench-history-1414';

export interface HistoryCostRow {
  subject: string;
  offMs: number;
  onMs: number;
  offPeakMiB: number;
  onPeakMiB: number;
}

export async function measureHistoryCost(options: {
  rounds: number;
  fleetSize: number;
}): Promise<HistoryCostRow[]> {
  const sim = await startSimulator({ tokens: [TOKEN], clock: machineClock });
  const cache = await startCacheService();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-history-'));
  const command = [process.execPath, path.join(projectRoot, 'dist', 'index.js')];
  const names = Array.from({ length: options.fleetSize }, (_, i) => `hist-${String(i).padStart(3, '0')}`);
  for (const name of ['hist-one', ...names]) sim.addApp(name, [{ type: 'web', quantity: 1 }]);
  const workspace = mkdtempSync(path.join(dir, 'ws-'));
  writeFileSync(
    path.join(workspace, 'fleet.yml'),
    ['defaults:', '  schedule: web=1', 'apps:', ...names.map((n) => `  ${n}: {}`)].join('\n'),
  );
  const temp = mkdtempSync(path.join(dir, 'temp-'));
  const subjects: { subject: string; inputs: Record<string, string> }[] = [
    { subject: 'one app', inputs: { app: 'hist-one', schedule: SEED_SCHEDULE } },
    { subject: `a fleet of ${options.fleetSize}`, inputs: { config: 'fleet.yml', parallel: '16' } },
  ];
  const times = subjects.map(() => ({
    off: [] as number[],
    on: [] as number[],
    offKb: [] as number[],
    onKb: [] as number[],
  }));
  try {
    let runId = 1;
    for (let round = 0; round < options.rounds + 1; round++) {
      for (const [i, s] of subjects.entries()) {
        for (const history of ['false', 'true'] as const) {
          sim.setRateLimitRemaining(4500);
          const env = {
            ...actionEnvironment(
              { 'api-key': TOKEN, 'api-url': sim.url, history, ...s.inputs },
              mkdtempSync(path.join(dir, 'run-')),
            ).env,
            ...cache.env(),
            GITHUB_WORKSPACE: workspace,
            RUNNER_TEMP: temp,
            GITHUB_RUN_ID: String(runId++),
            GITHUB_RUN_ATTEMPT: '1',
          };
          const m = await measure(command, env, sim);
          if (m.exit !== 0) throw new Error(`${s.subject} with history ${history} exited ${m.exit}`);
          // The first round only leaves an entry to restore.
          if (round === 0) continue;
          times[i][history === 'true' ? 'on' : 'off'].push(m.wallMs);
          times[i][history === 'true' ? 'onKb' : 'offKb'].push(m.peakKb);
        }
      }
    }
  } finally {
    await Promise.all([sim.close(), cache.close()]);
  }
  return subjects.map((s, i) => ({
    subject: s.subject,
    offMs: median(times[i].off) as number,
    onMs: median(times[i].on) as number,
    offPeakMiB: (median(times[i].offKb) as number) / 1024,
    onPeakMiB: (median(times[i].onKb) as number) / 1024,
  }));
}
