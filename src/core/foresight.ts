/**
 * Foresight from the app's own weeks: for every local hour of the week, what each type needed
 * (a high percentile over the recorded weeks, never the mean), the shortest schedule in the
 * action's own language that gives at least that, and the floor a forecast sets ahead of the
 * load. Pure: an app's weekly aggregates in, text and numbers out.
 */
import { estimateCost } from './cost.js';
import { percentile } from './health.js';
import { HOURS_A_WEEK, type WeekAggregate } from './history.js';
import { mondayOf, parseSchedule, quantitiesOnDay, type Schedule, weeklyRules } from './schedule.js';
import { localMinuteAt, MS_PER_MINUTE, WEEKDAY_NAMES } from './zoned-time.js';

/** What the suggestion and the forecast need before they say anything. */
export const FORESIGHT_MIN_DAYS = 7;
/** The share of recorded weeks an hour's need must cover: high, never the mean. */
export const NEED_PERCENTILE = 0.9;

/** Local days with any need recorded, over all the app's weeks. */
export function daysRecorded(weeks: Record<string, WeekAggregate>): number {
  let days = 0;
  for (const week of Object.values(weeks)) {
    const rows = Object.values(week.demand ?? {});
    for (let d = 0; d < 7; d++)
      if (rows.some((row) => row.slice(d * 24, d * 24 + 24).some((v) => v !== null))) days++;
  }
  return days;
}

/** Per type, what each hour of the week needed: the percentile over the weeks that saw it. */
export interface NeededWeek {
  weeks: number;
  days: number;
  /** per type, 168 slots (Monday 00:00 first); null where no week saw that hour */
  needed: Record<string, (number | null)[]>;
}

export function neededWeek(weeks: Record<string, WeekAggregate>, types: readonly string[]): NeededWeek {
  const all = Object.values(weeks);
  const needed: Record<string, (number | null)[]> = {};
  for (const type of types) {
    needed[type] = Array.from({ length: HOURS_A_WEEK }, (_, slot) => {
      const seen = all.map((w) => w.demand?.[type]?.[slot]).filter((v): v is number => typeof v === 'number');
      return seen.length === 0 ? null : percentile(seen, NEED_PERCENTILE);
    });
  }
  return { weeks: all.filter((w) => w.demand).length, days: daysRecorded(weeks), needed };
}

/** What the schedule's weekly rules give a type at each local hour of the week (its first minute). */
export function scheduledWeekOf(schedule: Schedule, type: string): number[] {
  const weekly = weeklyRules(schedule);
  // Any week will do: without dated rules every week is the same.
  const monday = mondayOf(0);
  return Array.from({ length: 7 }, (_, d) => quantitiesOnDay(weekly, monday + d).get(type)).flatMap(
    (minutes) => Array.from({ length: 24 }, (_, hour) => minutes?.[hour * 60] ?? 0),
  );
}

const hh = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;

/** `Mon-Fri`, `Sat,Sun`, `Mon,Wed-Fri`, or `daily`: the shortest day list for a set of weekdays. */
function dayList(days: readonly number[]): string {
  if (days.length === 7) return 'daily';
  const parts: string[] = [];
  for (let i = 0; i < days.length; i++) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    parts.push(
      j - i >= 2
        ? `${WEEKDAY_NAMES[days[i]]}-${WEEKDAY_NAMES[days[j]]}`
        : days
            .slice(i, j + 1)
            .map((d) => WEEKDAY_NAMES[d])
            .join(','),
    );
    i = j;
  }
  return parts.join(',');
}

interface Window {
  day: number;
  from: number;
  to: number;
  quantity: number;
}

/**
 * One day's hours above the fallback as windows of one quantity each. A window of a single
 * hour between two others is raised into its higher neighbour: a suggestion is read by people,
 * and one more dyno for an hour is cheaper than a rule nobody can follow.
 */
function dayWindows(day: number, hours: readonly number[], fallback: number): Window[] {
  const values = [...hours];
  for (let pass = 0; pass < 2; pass++)
    for (let h = 1; h < 23; h++) {
      const [before, here, after] = [values[h - 1], values[h], values[h + 1]];
      if (here !== before && here !== after && before > fallback && after > fallback)
        values[h] = Math.max(here, Math.min(before, after));
    }
  const windows: Window[] = [];
  for (let h = 0; h < 24; h++) {
    if (values[h] <= fallback) continue;
    const last = windows.at(-1);
    if (last && last.to === h && last.quantity === values[h]) last.to = h + 1;
    else windows.push({ day, from: h, to: h + 1, quantity: values[h] });
  }
  return windows;
}

/**
 * The shortest schedule, in the action's own language, that gives each type at least `needed`
 * at every hour of the week: a fallback line per type (the least it ever needs) after windows
 * above it, the same window on several days written once.
 */
export function suggestSchedule(needed: Record<string, readonly number[]>): string {
  const lines: string[] = [];
  const fallbacks: string[] = [];
  for (const [type, slots] of Object.entries(needed)) {
    const fallback = Math.min(...slots);
    const windows = Array.from({ length: 7 }, (_, d) =>
      dayWindows(d, slots.slice(d * 24, d * 24 + 24), fallback),
    ).flat();
    // The same hours and quantity on several days: one line.
    const byShape = new Map<string, Window[]>();
    for (const w of windows) {
      const key = `${w.from}-${w.to}=${w.quantity}`;
      byShape.set(key, [...(byShape.get(key) ?? []), w]);
    }
    const shaped = [...byShape.values()].sort((a, b) => a[0].day - b[0].day || a[0].from - b[0].from);
    for (const group of shaped) {
      const { from, to, quantity } = group[0];
      const days = dayList(group.map((w) => w.day));
      const hours = from === 0 && to === 24 ? '' : ` ${hh(from)}-${hh(to)}`;
      lines.push(`${days}${hours} ${type}=${quantity}`);
    }
    fallbacks.push(`${type}=${fallback}`);
  }
  return [...lines, ...fallbacks].join('\n');
}

/** The needs with every hour no week saw filled from the current schedule. */
export function filledNeeds(week: NeededWeek, schedule: Schedule): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(week.needed).map(([type, slots]) => {
      const scheduled = scheduledWeekOf(schedule, type);
      return [type, slots.map((v, i) => v ?? scheduled[i])];
    }),
  );
}

/** Where the suggestion differs from the schedule: each stretch of hours of one day and direction. */
export interface Difference {
  type: string;
  day: string;
  from: string;
  to: string;
  scheduled: number;
  suggested: number;
}

export function differences(suggested: Schedule, current: Schedule, types: readonly string[]): Difference[] {
  const out: Difference[] = [];
  for (const type of types) {
    const now = scheduledWeekOf(current, type);
    const next = scheduledWeekOf(suggested, type);
    for (let slot = 0; slot < HOURS_A_WEEK; slot++) {
      if (now[slot] === next[slot]) continue;
      const last = out.at(-1);
      const day = WEEKDAY_NAMES[Math.floor(slot / 24)];
      const hour = slot % 24;
      if (
        last &&
        last.type === type &&
        last.day === day &&
        last.to === hh(hour) &&
        last.scheduled === now[slot] &&
        last.suggested === next[slot]
      )
        last.to = hh(hour + 1);
      else
        out.push({
          type,
          day,
          from: hh(hour),
          to: hh(hour + 1),
          scheduled: now[slot],
          suggested: next[slot],
        });
    }
  }
  // The same hours and change on several days: one row, its days as the schedule writes them.
  const merged = new Map<string, { first: Difference; days: number[] }>();
  for (const d of out) {
    const key = `${d.type} ${d.from} ${d.to} ${d.scheduled} ${d.suggested}`;
    const day = (WEEKDAY_NAMES as readonly string[]).indexOf(d.day);
    const seen = merged.get(key);
    if (seen) seen.days.push(day);
    else merged.set(key, { first: d, days: [day] });
  }
  return [...merged.values()].map(({ first, days }) => ({ ...first, day: dayList(days) }));
}

/** A forecast floor for one type: what the same hours of the recorded weeks needed. */
export interface ForecastFloor {
  quantity: number;
  weeks: number;
  /** the local hours looked at, e.g. `Mon 09:00-11:00` */
  hours: string;
}

/**
 * For each type, the most the recorded weeks needed over the hours from now to `leadMinutes`
 * ahead, at least to the start of the next hour. Only hours some week saw count.
 */
export function forecastFloors(
  week: NeededWeek,
  now: number,
  leadMinutes: number,
  timeZone: string,
): Map<string, ForecastFloor> {
  const local = localMinuteAt(now, timeZone);
  const toNextHour = 60 - (local.minute % 60);
  const ahead = Math.max(leadMinutes, toNextHour);
  const slots: number[] = [];
  for (let minute = 0; minute <= ahead; minute += 60) {
    const at = localMinuteAt(now + minute * MS_PER_MINUTE, timeZone);
    slots.push(at.weekday * 24 + Math.floor(at.minute / 60));
  }
  const lastAt = localMinuteAt(now + ahead * MS_PER_MINUTE, timeZone);
  const lastSlot = lastAt.weekday * 24 + Math.floor(lastAt.minute / 60);
  if (!slots.includes(lastSlot)) slots.push(lastSlot);
  const first = slots[0];
  const last = slots[slots.length - 1];
  const hours = `${WEEKDAY_NAMES[Math.floor(first / 24)]} ${hh(first % 24)}-${hh((last % 24) + 1)}`;
  const floors = new Map<string, ForecastFloor>();
  for (const [type, needed] of Object.entries(week.needed)) {
    const seen = slots.map((s) => needed[s]).filter((v): v is number => v !== null);
    if (seen.length > 0) floors.set(type, { quantity: Math.max(...seen), weeks: week.weeks, hours });
  }
  return floors;
}

/** What the recorded weeks suggest for one app's schedule, priced as the cost section prices. */
export interface Suggestion {
  days: number;
  weeks: number;
  /** the schedule's text; null until FORESIGHT_MIN_DAYS are recorded */
  text: string | null;
  differences: Difference[];
  /** weekly dyno-hours and monthly dollars of the schedule now and of the suggestion */
  current: { dynoHours: number; monthlyUsd: number };
  suggested: { dynoHours: number; monthlyUsd: number } | null;
}

/** Whether `schedule` gives each type at least `needed` at every hour of the week. */
export function covers(schedule: Schedule, needed: Record<string, readonly number[]>): boolean {
  return Object.entries(needed).every(([type, slots]) => {
    const given = scheduledWeekOf(schedule, type);
    return slots.every((q, i) => given[i] >= q);
  });
}

export function suggestionOf(
  weeks: Record<string, WeekAggregate>,
  schedule: Schedule,
  process: string,
  types: readonly string[],
  appSizes: ReadonlyMap<string, string>,
): Suggestion {
  const week = neededWeek(weeks, types);
  const price = (s: Schedule) => {
    const cost = estimateCost(s, appSizes);
    return {
      dynoHours: cost.types.reduce((sum, t) => sum + t.scheduledDynoHours, 0),
      monthlyUsd: cost.scheduledMonthlyUsd,
    };
  };
  const current = price(weeklyRules(schedule));
  const none = { days: week.days, weeks: week.weeks, text: null, differences: [], current, suggested: null };
  if (week.days < FORESIGHT_MIN_DAYS) return none;
  const needed = filledNeeds(week, schedule);
  const text = suggestSchedule(needed);
  const parsed = parseSchedule(text, process);
  // What is offered must read back as a schedule that gives what was needed.
  if (!covers(parsed, needed)) return none;
  return {
    ...none,
    text,
    differences: differences(parsed, schedule, types),
    suggested: price(parsed),
  };
}
