/**
 * The action's own bill: GitHub bills every job rounded up to a whole minute, so a run costs
 * at least one minute of the runner it runs on. Prices from GitHub Docs, "Actions runner
 * pricing", in force from 2026-01-01; public repositories pay nothing on standard runners, and
 * private accounts have included minutes a month shared by all their workflows.
 */
import { type Cron, runsPerMonth } from './cron.js';

export const ACTIONS_PRICES_FROM = '2026-01-01';
export const ACTIONS_PRICE_SOURCE = 'GitHub Docs, "Actions runner pricing"';
export const RUNNER_PRICES = [
  { runner: 'Linux 2-core (ubuntu-latest)', usdPerMinute: 0.006 },
  { runner: 'Linux 1-core (ubuntu-slim)', usdPerMinute: 0.002 },
] as const;
export const INCLUDED_MINUTES =
  'Free 2,000, Pro and Team 3,000 a month, shared by every workflow of the account';

export type Visibility = 'public' | 'private' | 'internal' | 'unknown';

/** A cron the workflow runs on, and where its time zone was read. */
export interface ScheduleEntry {
  cron: Cron;
  timeZone: string;
  /** the zone came from the workflow file, or was assumed to be UTC */
  zoneSource: 'workflow' | 'assumed';
}

/** What started a run: the event, the crons of the workflow (none when unknown), and the repository's visibility. */
export interface Trigger {
  event: string;
  /** the crons this workflow runs on, or an empty list when none is known */
  entries: ScheduleEntry[];
  /** how the entries were found, in words, for the summary */
  source: string;
  visibility: Visibility;
  /** the cron that started a scheduled run, with its zone; null for any other run */
  fired: ScheduleEntry | null;
}

export interface ActionsBill {
  entries: ScheduleEntry[];
  runsPerMonth: number;
  /** billed minutes a month: one a run, or the whole minutes the run took when more */
  minutesPerMonth: number;
  minutesPerRun: number;
  visibility: Visibility;
  /** dollars a month on each runner; 0 for a public repository */
  costs: { runner: string; usdPerMinute: number; usdPerMonth: number }[];
}

export function actionsBill(
  entries: ScheduleEntry[],
  now: number,
  visibility: Visibility,
  runSeconds: number,
): ActionsBill {
  const runs = entries.reduce((sum, e) => sum + runsPerMonth(e.cron, now, e.timeZone), 0);
  const minutesPerRun = Math.max(1, Math.ceil(runSeconds / 60));
  const minutes = runs * minutesPerRun;
  return {
    entries,
    runsPerMonth: runs,
    minutesPerMonth: minutes,
    minutesPerRun,
    visibility,
    costs: RUNNER_PRICES.map((p) => ({
      runner: p.runner,
      usdPerMinute: p.usdPerMinute,
      usdPerMonth: visibility === 'public' ? 0 : minutes * p.usdPerMinute,
    })),
  };
}
