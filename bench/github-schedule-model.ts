/**
 * A model of GitHub Actions' `on: schedule`, built from what users have measured, in three
 * scenarios. GitHub documents that scheduled runs are delayed under load, most at the start
 * of an hour, and that queued runs may be dropped; it publishes no figures. The figures below
 * come from the public measurements listed in SOURCES (docs/benchmarks.md prints them):
 *
 * - frequent crons lose most runs: `*\/5` delivered 2–4 runs an hour (actions/runner#877),
 *   65.5 a day of 288, a median gap of 21 min (Ambiguous-Interactive/unity-helpers#448), about
 *   one an hour (upptime/upptime#224); `10,30,50 * * * *` about one an hour
 *   (Molecule-AI/molecule-core#2726);
 * - sparse crons start late, tens of minutes as a rule: a daily `17 3` about 40 min
 *   (open-multi-agent/open-multi-agent#557), daily crons at the hour 35–58 min
 *   (onkartalekar/fpl-intelligence#288), 06:15 and 12:15 1.5–3 h (ktwu01/benchmark-radar#105),
 *   a weekly `0 6` 95 min (jdubois/boot-ui#323), a top-of-hour cron 24 min (duffn/dumb-password-rules#469);
 * - on some days the scheduler runs hours behind: 10–12 h (open-multi-agent#557), 4–6.5 h
 *   (senar-ai/web#36), an hourly cron firing every 2–6.5 h for a week (fpl-intelligence#288);
 * - lateness follows the load of the hour, not each run alone: the same slot is late day
 *   after day (benchmark-radar#105, open-multi-agent#557).
 */

export interface ScheduleModel {
  name: string;
  /** the most scheduled runs GitHub starts for one workflow in an hour; a busier cron loses the rest */
  deliveredPerHour: number;
  /** of the runs within that cap, the share dropped all the same */
  dropRate: number;
  /** lateness of an ordinary run, log-normal: median in minutes, and spread */
  medianLateMinutes: number;
  sigma: number;
  /** every hour of every day draws one load factor (log-normal with this spread) that all its runs share */
  hourLoadSigma: number;
  /** lateness of runs due at minute 0 is multiplied by this */
  topOfHourFactor: number;
  /** days, counted from 0, on which the scheduler runs hours behind */
  backlogDays: number[];
  /** how far behind on such a day, hours, drawn per day */
  backlogHours: [number, number];
  /** on such a day, the share of runs started at all */
  backlogDelivered: number;
  /** from a `repository_dispatch` to the run starting, minutes, uniform between the two */
  dispatchMinutes: [number, number];
}

export const SCENARIOS: readonly ScheduleModel[] = [
  {
    name: 'quiet',
    deliveredPerHour: 12,
    dropRate: 0.02,
    medianLateMinutes: 3,
    sigma: 0.6,
    hourLoadSigma: 0.3,
    topOfHourFactor: 1.5,
    backlogDays: [],
    backlogHours: [0, 0],
    backlogDelivered: 1,
    dispatchMinutes: [0.1, 1],
  },
  {
    name: 'typical',
    deliveredPerHour: 3,
    dropRate: 0.05,
    medianLateMinutes: 12,
    sigma: 0.9,
    hourLoadSigma: 0.6,
    topOfHourFactor: 2,
    backlogDays: [9],
    backlogHours: [2, 6],
    backlogDelivered: 1 / 3,
    dispatchMinutes: [0.5, 4],
  },
  {
    name: 'bad',
    deliveredPerHour: 1,
    dropRate: 0.1,
    medianLateMinutes: 40,
    sigma: 0.6,
    hourLoadSigma: 0.6,
    topOfHourFactor: 2,
    backlogDays: [7, 8, 9, 10, 11, 12, 13],
    backlogHours: [3, 6],
    backlogDelivered: 1 / 3,
    dispatchMinutes: [1, 10],
  },
];

export const SOURCES = [
  [
    'GitHub Docs, "Events that trigger workflows: schedule"',
    'delays under load, most at the start of every hour; queued runs may be dropped',
  ],
  ['actions/runner#877 (2020)', '`*/5`: 2–4 runs an hour'],
  ['actions/runner#2219 (2022)', '`*/5`: at most 2 runs an hour, some hours none'],
  ['upptime/upptime#224 (2021)', '`*/5`: about one run an hour'],
  [
    'Ambiguous-Interactive/unity-helpers#448 (2026)',
    '`*/5`: 65.5 runs a day of 288; median gap 21.3 min; job p50 13 s, 1.07 billed min a run',
  ],
  ['Molecule-AI/molecule-core#2726 (2026)', '`10,30,50 * * * *`: about one run an hour'],
  [
    'open-multi-agent/open-multi-agent#557 (2026)',
    'daily `17 3`: ~40 min late as a rule, 10–12 h late on two days, one run never created',
  ],
  [
    'onkartalekar/fpl-intelligence#288 (2026)',
    'daily at the hour 35–58 min late; then a week 3–6 h behind, hourly crons firing every 2–6.5 h',
  ],
  ['senar-ai/web#36 (2026)', 'daily `17 9`: started 4–6.5 h late'],
  [
    'ktwu01/benchmark-radar#105 (2026)',
    '06:15 and 12:15 daily: 1 h 35 min to 3 h late, the early slot worse every day',
  ],
  ['jdubois/boot-ui#323 (2026)', 'weekly `0 6`: created ~95 min late; `0 5` and `0 6` dailies dropped'],
  ['duffn/dumb-password-rules#469 (2023)', 'a top-of-hour cron 24 min late'],
  [
    'convictional/trigger-workflow-and-wait README (2021)',
    'a dispatched run "can take a few seconds to start"',
  ],
  ['hephaestus-build/Hephaestus#1571 (2026)', 'jobs waited 3–4 min for a runner under a busy organisation'],
  [
    'UptimeRobot (its FAQ and integration pages)',
    'free monitors check every 5 minutes and re-check for 30 s before alerting',
  ],
] as const;

/** An uptime monitor's check interval and confirmation, minutes (UptimeRobot's free plan). */
export const MONITOR = { intervalMinutes: 5, confirmMinutes: 0.5 };

/** A small seeded generator (mulberry32), so every simulation can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * When the runs due at `due` (minutes from the start, sorted) actually start: dropped runs are
 * left out. Runs due in the same hour share that hour's load; a day behind delays them all.
 */
export function deliver(due: readonly number[], model: ScheduleModel, random: () => number): number[] {
  const perHour = new Map<number, number>();
  for (const d of due) perHour.set(Math.floor(d / 60), (perHour.get(Math.floor(d / 60)) ?? 0) + 1);
  const hourLoad = new Map<number, number>();
  const dayBacklog = new Map<number, number>();
  const started: number[] = [];
  for (const d of due) {
    const hour = Math.floor(d / 60);
    const day = Math.floor(d / 1440);
    const keep = Math.min(1, model.deliveredPerHour / (perHour.get(hour) as number)) * (1 - model.dropRate);
    const behind = model.backlogDays.includes(day);
    if (random() >= keep * (behind ? model.backlogDelivered : 1)) continue;
    if (!hourLoad.has(hour)) hourLoad.set(hour, Math.exp(model.hourLoadSigma * normal(random)));
    if (behind && !dayBacklog.has(day)) {
      const [low, high] = model.backlogHours;
      dayBacklog.set(day, 60 * (low + (high - low) * random()));
    }
    let late =
      model.medianLateMinutes * Math.exp(model.sigma * normal(random)) * (hourLoad.get(hour) as number);
    if (d % 60 === 0) late *= model.topOfHourFactor;
    started.push(d + late + (dayBacklog.get(day) ?? 0));
  }
  return started.sort((a, b) => a - b);
}
