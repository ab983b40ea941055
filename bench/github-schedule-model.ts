/**
 * A model of GitHub Actions' `on: schedule`: runs start late, heavy-tailed, and some are
 * dropped. GitHub documents both ("The schedule event can be delayed during periods of high
 * loads… High load times include the start of every hour… some queued jobs may be dropped",
 * docs.github.com, "Events that trigger workflows: schedule"); it publishes no figures, so
 * the defaults below are assumptions in the range users report (most runs a few minutes
 * late, some 10–45 minutes, a few over an hour), and each can be changed.
 */

export interface ScheduleModel {
  /** chance that a scheduled run never starts */
  dropRate: number;
  /** median delay of ordinary runs, minutes (log-normal) */
  typicalMedianMinutes: number;
  typicalSigma: number;
  /** share of runs delayed 10–45 minutes */
  longShare: number;
  /** share of runs delayed 60–120 minutes */
  veryLongShare: number;
  /** delays of runs due at minute 0 of an hour are multiplied by this */
  topOfHourFactor: number;
}

export const DEFAULT_MODEL: ScheduleModel = {
  dropRate: 0.03,
  typicalMedianMinutes: 4,
  typicalSigma: 0.7,
  longShare: 0.07,
  veryLongShare: 0.02,
  topOfHourFactor: 1.5,
};

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

/** When a run due at `dueMinute` actually starts, or null when it is dropped. */
export function startMinute(dueMinute: number, model: ScheduleModel, random: () => number): number | null {
  if (random() < model.dropRate) return null;
  const pick = random();
  let delay: number;
  if (pick < model.veryLongShare) delay = 60 + 60 * random();
  else if (pick < model.veryLongShare + model.longShare) delay = 10 + 35 * random();
  else delay = model.typicalMedianMinutes * Math.exp(model.typicalSigma * normal(random));
  if (dueMinute % 60 === 0) delay *= model.topOfHourFactor;
  return dueMinute + delay;
}
