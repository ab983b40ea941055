/**
 * The size of a history entry after 5 weeks of runs every 10 minutes, built by the action's own
 * recordRun: the JSON the history file holds and the zstd archive the cache stores.
 */
import { execFileSync } from 'node:child_process';
import { emptyHistory, type History, recordRun } from '../src/core/history.js';
import { blankAppReport, inputFailureReport, type RunReport } from '../src/core/run-report.js';

const MINUTE = 60_000;
const START = Date.parse('2026-10-26T00:00:00Z');

function reportOf(apps: number, run: number): RunReport {
  const base = inputFailureReport({ kind: 'fleet', file: 'fleet.yml' }, 'x', null);
  return {
    ...base,
    apps: Array.from({ length: apps }, (_, i) => {
      const quantity = 1 + ((run + i) % 3);
      return {
        ...blankAppReport(`fleet-app-${String(i).padStart(3, '0')}`),
        reason: 'schedule',
        health: 'healthy',
        latencyMs: 120 + ((run * 7 + i * 13) % 400),
        quantity,
        previousQuantity: quantity,
        formation: [{ type: 'web', quantity, size: 'Standard-1X', updatedAt: 0 }],
      };
    }),
  };
}

export interface EntrySize {
  apps: number;
  runs: number;
  /** days of raw records kept */
  days: number;
  jsonBytes: number;
  zstdBytes: number;
}

/** Runs every 10 minutes for `weeks`; the last `fullDays` days go through recordRun, the rest only age out. */
export function entrySize(apps: number, weeks = 5): EntrySize {
  let history: History = emptyHistory('bench');
  const runs = weeks * 7 * 144;
  for (let run = 0; run < runs; run++) {
    history = recordRun(history, {
      report: reportOf(apps, run),
      now: START + run * 10 * MINUTE,
      trigger: 'schedule',
      fired: null,
      crons: [],
      minutes: 1,
    });
  }
  const json = JSON.stringify(history);
  const zstd = execFileSync('zstd', ['-3', '-c', '-q'], { input: json, maxBuffer: 1 << 30 });
  const first = history.runs[0].at;
  const last = history.runs.at(-1)?.at ?? first;
  return {
    apps,
    runs: history.runs.length,
    days: (last - first) / (1440 * MINUTE),
    jsonBytes: Buffer.byteLength(json),
    zstdBytes: zstd.length,
  };
}
