/**
 * GitHub's `on.schedule` cron: five POSIX fields (minute, hour, day of month, month, day of
 * week) with `*`, lists, ranges, steps and names, read in UTC or in the entry's IANA
 * `timezone`. When both day fields are restricted, a day matches if either does. Runs are
 * counted per local wall-clock match: a match in an hour the clocks skip still runs (GitHub
 * moves it to the next valid time), and one in a repeated hour runs once.
 */
import { quote, SyntaxProblem } from './input-error.js';
import { instantOfLocal, localMinuteAt, weekdayOf } from './zoned-time.js';

export interface Cron {
  text: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday, as cron counts */
  daysOfWeek: ReadonlySet<number>;
  /** the day fields as written were `*`: the OR rule applies only when both are restricted */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** first value a name stands for (months count from 1) */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  // 7 is Sunday too.
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES, nameBase: 0 },
];

function value(text: string, spec: FieldSpec): number {
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index >= 0) return index + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(text)) throw new SyntaxProblem(`cron ${spec.name} ${quote(text)} is not a number`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw new SyntaxProblem(`cron ${spec.name} ${n} is outside ${spec.min}-${spec.max}`);
  }
  return n;
}

function field(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) {
      throw new SyntaxProblem(`cron ${spec.name} step ${quote(stepText ?? '')} is not a whole number`);
    }
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [value(a, spec), value(b, spec)];
      if (from > to) throw new SyntaxProblem(`cron ${spec.name} range ${quote(range)} runs backwards`);
    } else {
      from = value(range, spec);
      // `5/15` means from 5 to the end, every 15.
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(text: string): Cron {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new SyntaxProblem(`cron ${quote(text)} has ${parts.length} fields; GitHub's cron has 5`);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((p, i) => field(p, FIELDS[i]));
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  return {
    text: text.trim(),
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    anyDayOfMonth: parts[2] === '*',
    anyDayOfWeek: parts[4] === '*',
  };
}

/** Whether the cron runs on a local calendar day (days since the epoch). */
function runsOnDay(cron: Cron, day: number): boolean {
  const date = new Date(day * 86_400_000);
  if (!cron.months.has(date.getUTCMonth() + 1)) return false;
  const dom = cron.daysOfMonth.has(date.getUTCDate());
  // weekdayOf counts from Monday = 0; cron from Sunday = 0.
  const dow = cron.daysOfWeek.has((weekdayOf(day) + 1) % 7);
  if (cron.anyDayOfMonth || cron.anyDayOfWeek) return dom && dow;
  return dom || dow;
}

/** A run's local day and minute. */
interface LocalRun {
  day: number;
  minute: number;
}

/** Every local wall-clock minute at which the cron runs on the `days` local days from `fromDay`. */
export function localRuns(cron: Cron, fromDay: number, days: number): LocalRun[] {
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const runs: LocalRun[] = [];
  for (let day = fromDay; day < fromDay + days; day++) {
    if (!runsOnDay(cron, day)) continue;
    for (const h of hours) for (const m of minutes) runs.push({ day, minute: h * 60 + m });
  }
  return runs;
}

/** Runs in a 30-day month from the local day that contains `now`. */
export function runsPerMonth(cron: Cron, now: number, timeZone: string): number {
  return localRuns(cron, localMinuteAt(now, timeZone).day, 30).length;
}

/** The first run at or after `instant`, within `horizonDays`, as an instant; null when there is none. */
export function firstRunAtOrAfter(
  cron: Cron,
  instant: number,
  timeZone: string,
  horizonDays = 8,
): number | null {
  const from = localMinuteAt(instant, timeZone).day - 1;
  for (const run of localRuns(cron, from, horizonDays + 2)) {
    const at = instantOfLocal(run.day, run.minute, timeZone);
    if (at >= instant) return at;
  }
  return null;
}

/** Every run from `from` (inclusive) to `to` (exclusive), as instants, in order. */
export function runsBetween(cron: Cron, from: number, to: number, timeZone: string): number[] {
  const first = localMinuteAt(from, timeZone).day - 1;
  const days = localMinuteAt(to, timeZone).day - first + 2;
  return localRuns(cron, first, days)
    .map((run) => instantOfLocal(run.day, run.minute, timeZone))
    .filter((at) => at >= from && at < to)
    .sort((a, b) => a - b);
}

/** The last run at or before `instant`, within `horizonDays`: the time a late run was asked for. */
export function lastRunAtOrBefore(
  cron: Cron,
  instant: number,
  timeZone: string,
  horizonDays = 2,
): number | null {
  const runs = runsBetween(cron, instant - horizonDays * 86_400_000, instant + 1, timeZone);
  return runs.length > 0 ? runs[runs.length - 1] : null;
}
