/**
 * Which runs a schedule needs. Each run is level-triggered, so a run is only needed around the
 * moments the formation changes: one as the scale-out becomes due (`lead-minutes` before the
 * window), one just after a scale-in, and catch-up runs after each for when GitHub drops or
 * delays one. The fail-safe probe, when wanted, needs a steady cadence besides.
 */
import { type Cron, firstRunAtOrAfter } from './cron.js';
import {
  mondayOf,
  nextChange,
  type Schedule,
  type ScheduledChange,
  segmentsOnDay,
  weeklyRules,
} from './schedule.js';
import {
  formatMinute,
  instantOfLocal,
  MINUTES_PER_DAY,
  MS_PER_MINUTE,
  WEEKDAY_NAMES,
  weekdayOf,
} from './zoned-time.js';

/** Catch-up runs after the first one of a change, minutes after it. */
export const CATCH_UP_MINUTES = [15, 30] as const;
/** Runs are moved this far off minute 0, GitHub's busiest minute. */
const OFF_THE_HOUR = 3;
/** The steady cadence for the fail-safe probe. */
export const PROBE_CADENCE = '7-59/30 * * * *';
/** A change served later than this by the cron in use is warned about. */
export const LATE_TOLERANCE_MINUTES = 10;

const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A minute of the week, Monday 00:00 = 0, wrapped into the week. */
function weekMinute(m: number): number {
  return ((m % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
}

/** Off minute 0 of an hour. */
function offTheHour(m: number): number {
  return m % 60 === 0 ? m + OFF_THE_HOUR : m;
}

/** The week's changes in what the weekly rules give: minute of the week, and whether any type goes up. */
function weeklyChanges(schedule: Schedule): { at: number; out: boolean }[] {
  const weekly = weeklyRules(schedule);
  const monday = mondayOf(0);
  const pieces: { at: number; quantities: Map<string, number> }[] = [];
  for (let d = 0; d < 7; d++) {
    for (const segment of segmentsOnDay(weekly, monday + d)) {
      const quantities = new Map([...segment.scheduled].map(([t, e]) => [t, e.quantity]));
      pieces.push({ at: d * MINUTES_PER_DAY + segment.from, quantities });
    }
  }
  const changes: { at: number; out: boolean }[] = [];
  pieces.forEach((piece, i) => {
    const before = pieces[(i - 1 + pieces.length) % pieces.length].quantities;
    const deltas = schedule.types.map((t) => (piece.quantities.get(t) ?? 0) - (before.get(t) ?? 0));
    if (deltas.some((d) => d !== 0)) changes.push({ at: piece.at, out: deltas.some((d) => d > 0) });
  });
  return changes;
}

/** `1,2,3,5` → `1-3,5`. */
function ranges(sorted: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

function cronDay(weekday: number): number {
  // Monday = 0 here; Sunday = 0 in cron.
  return (weekday + 1) % 7;
}

/**
 * The cron lines, read in the schedule's time zone, that serve the schedule: a run when each
 * scale-out becomes due and just after each scale-in, each followed by catch-up runs; with
 * the probe, a steady cadence too.
 */
export function servingCron(schedule: Schedule, leadMinutes: number, withProbe: boolean): string[] {
  const runs = new Set<number>();
  for (const change of weeklyChanges(schedule)) {
    const first = offTheHour(change.out ? change.at - leadMinutes : change.at);
    for (const offset of [0, ...CATCH_UP_MINUTES]) runs.add(weekMinute(offTheHour(first + offset)));
  }
  // Same minute and hour on the same days make one line; same minute and days, one line for many hours.
  const daysAt = new Map<number, Set<number>>();
  for (const run of runs) {
    const minuteOfDay = run % MINUTES_PER_DAY;
    const days = daysAt.get(minuteOfDay) ?? new Set<number>();
    days.add(cronDay(Math.floor(run / MINUTES_PER_DAY)));
    daysAt.set(minuteOfDay, days);
  }
  const lines = new Map<string, number[]>();
  for (const [minuteOfDay, days] of daysAt) {
    const dow = days.size === 7 ? '*' : ranges([...days].sort((a, b) => a - b));
    const key = `${minuteOfDay % 60} ${dow}`;
    lines.set(key, [...(lines.get(key) ?? []), Math.floor(minuteOfDay / 60)]);
  }
  const result = [...lines]
    .map(([key, hours]) => {
      const [minute, dow] = key.split(' ');
      return {
        minute: Number(minute),
        line: `${minute} ${hours.sort((a, b) => a - b).join(',')} * * ${dow}`,
      };
    })
    .sort((a, b) => a.minute - b.minute || a.line.localeCompare(b.line))
    .map((l) => l.line);
  return withProbe ? [PROBE_CADENCE, ...result] : result;
}

/** A change in the coming week that the cron in use serves late by design. */
export interface LateChange {
  /** `Mon 07:30 web 1 → 3` in the schedule's zone */
  change: string;
  lateMinutes: number;
  /** a cron line, in the schedule's zone, that would serve it on time */
  fix: string;
}

function describe(change: ScheduledChange): string {
  const what = change.changes.map((c) => `${c.type} ${c.from} → ${c.to}`).join(', ');
  return `${WEEKDAY_NAMES[weekdayOf(change.day)]} ${formatMinute(change.minute)} ${what}`;
}

/**
 * The changes of the coming week that the crons in use first serve more than
 * LATE_TOLERANCE_MINUTES after they are due, with a line that fixes each.
 */
export function lateChanges(
  schedule: Schedule,
  crons: { cron: Cron; timeZone: string }[],
  now: number,
  timeZone: string,
  leadMinutes: number,
): LateChange[] {
  const late: LateChange[] = [];
  const end = now + 7 * MINUTES_PER_DAY * MS_PER_MINUTE;
  let from = now;
  for (let guard = 0; guard < 1000; guard++) {
    const change = nextChange(schedule, from, timeZone);
    if (!change) break;
    const at = instantOfLocal(change.day, change.minute, timeZone);
    if (at > end) break;
    from = at;
    const out = change.changes.some((c) => c.to > c.from);
    const due = at - (out ? leadMinutes : 0) * MS_PER_MINUTE;
    const served = Math.min(
      ...crons.map((c) => firstRunAtOrAfter(c.cron, due, c.timeZone) ?? Number.POSITIVE_INFINITY),
    );
    const lateMinutes = (served - due) / MS_PER_MINUTE;
    if (lateMinutes > LATE_TOLERANCE_MINUTES) {
      const dueLocal = offTheHour(change.minute - (out ? leadMinutes : 0));
      const fixMinute = ((dueLocal % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
      const fixDay = cronDay(weekdayOf(change.day + Math.floor(dueLocal / MINUTES_PER_DAY)));
      late.push({
        change: describe(change),
        lateMinutes: Number.isFinite(lateMinutes) ? Math.round(lateMinutes) : Number.POSITIVE_INFINITY,
        fix: `${fixMinute % 60} ${Math.floor(fixMinute / 60)} * * ${fixDay}`,
      });
    }
  }
  return late;
}
