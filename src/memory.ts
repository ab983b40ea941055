/**
 * The step's memory across runs: restored from the Actions cache before the step reports,
 * this run's record added, written to the `history-file` and saved again. A cache that is not
 * offered is one debug line; one that cannot be read or written is one warning and a run
 * without history, never a failed run.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { cacheServiceOffered, restoreHistory, saveHistory } from './adapters/history-store.js';
import type { Recall } from './app-run.js';
import type { Trigger } from './core/actions-bill.js';
import { FORESIGHT_MIN_DAYS, forecastFloors, neededWeek } from './core/foresight.js';
import {
  emptyHistory,
  type History,
  MAX_HISTORY_BYTES,
  ownChangesOf,
  readHistory,
  recordRun,
  type TriggerKind,
} from './core/history.js';
import { type RunReport, type Subject, withHistory } from './core/run-report.js';
import type { Settings } from './core/settings.js';
import * as effects from './effects.js';
import { readBoundedFile } from './inputs/files.js';
import { clip } from './text/redaction.js';

/** Where a step's history lives: the same path on every run, so the cache's version matches. */
interface Place {
  scope: string;
  prefix: string;
  key: string;
  file: string;
}

/**
 * Which part of a fleet a step runs. A matrix of shards shares the job's name and the run's id,
 * so each shard keeps a history of its own; a run of a few `apps` by hand adds its record to the
 * fleet's, as any other run does.
 */
export interface Selection {
  shard: { index: number; count: number } | null;
}

function placeOf(subject: Subject, selection: Selection, env: NodeJS.ProcessEnv): Place {
  // The workflow file (without its ref), the job, the app or fleet file and the part of it:
  // two workflows, or two shards of one, never share a history or a key.
  const workflow = (env.GITHUB_WORKFLOW_REF ?? '').replace(/@.*$/, '');
  const what = subject.kind === 'app' ? `app ${subject.app}` : `fleet ${subject.file}`;
  const part = selection.shard ? ` shard ${selection.shard.index}/${selection.shard.count}` : '';
  const scope = `${workflow} job ${env.GITHUB_JOB ?? ''} ${what}${part}`;
  const id = createHash('sha256').update(scope).digest('hex').slice(0, 16);
  const prefix = `heroku-autoscale-history-v1-${id}-`;
  return {
    scope,
    prefix,
    key: `${prefix}${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    file: path.join(env.RUNNER_TEMP || os.tmpdir(), 'heroku-autoscale', `history-${id}.json`),
  };
}

function triggerKind(event: string): TriggerKind {
  if (event === 'schedule') return 'schedule';
  if (event === 'workflow_dispatch') return 'manual';
  if (event === 'repository_dispatch') return 'monitor';
  return 'other';
}

interface Opened {
  place: Place;
  history: History;
  fresh: boolean;
  /** whether to save this run's history to the cache */
  save: boolean;
  problems: { level: 'warning' | 'notice'; text: string }[];
}

/** The history so far, restored and checked; null when history is off or the runner offers no cache. */
export async function openMemory(
  enabled: boolean,
  subject: Subject,
  selection: Selection,
  env: NodeJS.ProcessEnv,
): Promise<Opened | null> {
  if (!enabled) return null;
  if (!cacheServiceOffered(env)) {
    effects.debug(
      'history: the runner offers no cache service (no ACTIONS_RESULTS_URL), so this run keeps none',
    );
    return null;
  }
  const place = placeOf(subject, selection, env);
  const { value: restored, demoted } = await effects.quietly('History: restore', () =>
    restoreHistory(place.file, place.key, place.prefix),
  );
  const fresh = (problem?: string, save = true, level: 'warning' | 'notice' = 'warning'): Opened => ({
    place,
    history: emptyHistory(place.scope),
    fresh: true,
    save,
    problems: problem
      ? [
          {
            level,
            text: `${problem}; a fresh history starts with this run${save ? '' : '; not saved, as the cache did not answer'}`,
          },
        ]
      : [],
  });
  // A service that did not answer in time is not asked again to save: one wait, one warning.
  if (!restored.ok) return fresh(restored.problem, !restored.late);
  // The library answers a failure as it answers a miss, after warning of it: its words tell which.
  // A lookup that failed means the service is not there: it is not asked again to save.
  const unreachable = demoted.some((m) =>
    /GetCacheEntryDownloadURL|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(m),
  );
  if (restored.value === null && unreachable)
    return fresh(`the cache could not restore the history (${clip(demoted[0], 300)})`, false);
  if (restored.value === null)
    return fresh(
      demoted.length > 0 ? `the cache could not restore the history (${clip(demoted[0], 300)})` : undefined,
    );
  const read = readBoundedFile(place.file, MAX_HISTORY_BYTES);
  if (!read.ok) return fresh(`the restored history ${read.problem}`);
  const checked = readHistory(read.text, place.scope);
  // An entry of another format version is not an error: the history restarts, with a notice.
  if ('problem' in checked)
    return fresh(
      `the restored history was not read: ${checked.problem}`,
      true,
      checked.oldFormat ? 'notice' : 'warning',
    );
  return { place, history: checked.history, fresh: false, save: true, problems: [] };
}

/**
 * What the history tells the decision about one app: its own recent changes and, with
 * `predict`, the floors the recorded weeks set for the hours ahead (or why there are none yet).
 */
export function recallOf(opened: Opened | null, settings: Settings, now: number): Recall {
  const unready = (why: string): Recall =>
    settings.predict ? { predictNote: `predict has no effect yet: ${why}` } : {};
  if (!opened) return unready('the step keeps no history (history is off, or the runner offers no cache)');
  const ownChanges = ownChangesOf(opened.history, settings.app);
  if (!settings.predict || !settings.load) return { ownChanges };
  const week = neededWeek(
    opened.history.weeks[settings.app] ?? {},
    settings.load.rules.map((r) => r.type),
  );
  if (week.days < FORESIGHT_MIN_DAYS)
    return {
      ownChanges,
      ...unready(`${week.days} of the ${FORESIGHT_MIN_DAYS} days it needs are recorded`),
    };
  return { ownChanges, forecast: forecastFloors(week, now, settings.leadMinutes, settings.timezone) };
}

/** The report with this run remembered: recorded, written to the history file, saved to the cache. */
export async function remember(
  opened: Opened | null,
  report: RunReport,
  trigger: Trigger,
  now: number,
): Promise<RunReport> {
  if (!opened) return report;
  const history = recordRun(opened.history, {
    report,
    now,
    trigger: triggerKind(trigger.event),
    fired: trigger.fired ? { cron: trigger.fired.cron, timeZone: trigger.fired.timeZone } : null,
    crons: trigger.entries
      .filter((e) => e.zoneSource === 'workflow')
      .map((e) => ({ cron: e.cron.text, timeZone: e.timeZone })),
    minutes: Math.max(1, Math.ceil(process.uptime() / 60)),
  });
  const problems = [...opened.problems];
  effects.writeHistoryFile(opened.place.file, JSON.stringify(history));
  if (!opened.save)
    return withHistory(report, { history, fresh: opened.fresh, file: opened.place.file }, problems, now);
  const { value: saved, demoted } = await effects.quietly('History: save', () =>
    saveHistory(opened.place.file, opened.place.key),
  );
  if (!saved.ok) {
    const said = demoted.length > 0 ? ` (${clip(demoted[0], 300)})` : '';
    problems.push({
      level: 'warning',
      text: `${saved.problem}${said}; this run is in the history file but not in the cache`,
    });
  }
  return withHistory(report, { history, fresh: opened.fresh, file: opened.place.file }, problems, now);
}
