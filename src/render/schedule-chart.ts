/**
 * Pictures of a schedule: a Mermaid bar chart of dynos per hour over one local day (or one
 * line of text when the day is flat), and a days × hours grid of the week that reads as plain
 * text too. Hours the clocks skip are left out of both.
 */
import { mondayOf, quantitiesOnDay, type Schedule } from '../core/schedule.js';
import { formatDay, skippedHours, WEEKDAY_NAMES, weekdayOf } from '../core/zoned-time.js';

/** The highest quantity in each hour of a day's per-minute quantities. */
export function hourlyPeaks(perMinute: Int32Array): number[] {
  const peaks = new Array<number>(24).fill(Number.NEGATIVE_INFINITY);
  // A plain loop: spreading each hour into Math.max costs more than the rest of a summary.
  for (let minute = 0; minute < 1440; minute++) {
    const hour = (minute / 60) | 0;
    if (perMinute[minute] > peaks[hour]) peaks[hour] = perMinute[minute];
  }
  return peaks;
}

function hourLabel(hour: number): string {
  return String(hour).padStart(2, '0');
}

/**
 * The chart's top is a dyno above its highest bar, and at least 4: Mermaid draws about ten
 * ticks at d3's "nice" steps, so below a top of 4 they would be fifths of a dyno; from 4 they
 * are halves, and from 8 whole dynos. Bars carry their own count where the renderer labels them.
 */
const MIN_CHART_TOP = 4;

/** One local day of the schedule, worked out once for every type and picture that shows it. */
export interface ScheduledDay {
  day: number;
  /** per type, the scheduled quantity at every minute */
  quantities: Map<string, Int32Array>;
  /** hours the clocks skip that day */
  skipped: Set<number>;
}

export function scheduledDay(schedule: Schedule, day: number, zone: string): ScheduledDay {
  return { day, quantities: quantitiesOnDay(schedule, day), skipped: skippedHours(day, zone) };
}

/** The seven days, Monday first, of the week that contains `day`. */
export function scheduledWeek(schedule: Schedule, day: number, zone: string): ScheduledDay[] {
  const monday = mondayOf(day);
  return Array.from({ length: 7 }, (_, i) => scheduledDay(schedule, monday + i, zone));
}

function peaksOf(scheduled: ScheduledDay, type: string): number[] {
  return hourlyPeaks(scheduled.quantities.get(type) ?? new Int32Array(1440));
}

type DayChart = { kind: 'chart'; text: string } | { kind: 'flat'; text: string };

/** What the app has now, for the chart to draw beside the schedule at the current hour. */
export interface ChartNow {
  hour: number;
  /** `HH:MM`, as the section's heading says it */
  time: string;
  /** the dynos the app has after this run */
  quantity: number;
}

/**
 * One type's dynos per hour on a local day: a Mermaid `xychart-beta` of the schedule, with a
 * line of what the app has now drawn over it (flat at the current quantity, so that a fail-safe's
 * 5 above a scheduled 3 shows at a glance), or one line of text when the day is flat and the app
 * has what the schedule gives. Bars carry their value where the renderer can label them.
 */
export function dayChart(
  scheduled: ScheduledDay,
  type: string,
  now: ChartNow | null,
  zone: string,
): DayChart {
  const hours = Array.from({ length: 24 }, (_, h) => h).filter((h) => !scheduled.skipped.has(h));
  const allPeaks = peaksOf(scheduled, type);
  const peaks = hours.map((h) => allPeaks[h]);
  const dayName = `${WEEKDAY_NAMES[weekdayOf(scheduled.day)]} ${formatDay(scheduled.day)}`;
  const scheduledNow = now === null ? null : allPeaks[now.hour];
  const asScheduled = now === null || now.quantity === scheduledNow;
  if (peaks.every((q) => q === peaks[0]) && asScheduled) {
    const dynos = peaks[0] === 1 ? '1 dyno' : `${peaks[0]} dynos`;
    return { kind: 'flat', text: `${type}: ${dynos} all day on ${dayName} (${zone}).` };
  }
  const top = Math.max(MIN_CHART_TOP, Math.max(...peaks, now?.quantity ?? 0) + 1);
  const nowText = now === null ? '' : `; the line: ${now.quantity} now, at ${now.time}`;
  const lines = [
    '%%{init: {"xyChart": {"showDataLabel": true}}}%%',
    'xychart-beta',
    `  title "${type} dynos per hour, ${dayName} (${zone})${nowText}"`,
    `  x-axis "hour" [${hours.map((h) => `"${hourLabel(h)}"`).join(', ')}]`,
    `  y-axis "dynos" 0 --> ${top}`,
    `  bar [${peaks.join(', ')}]`,
  ];
  if (now !== null) lines.push(`  line [${hours.map(() => now.quantity).join(', ')}]`);
  return { kind: 'chart', text: lines.join('\n') };
}

/**
 * A week as text: a row per day, a column per hour, each cell the hour's highest quantity
 * (`-` for an hour the clocks skip); `>` marks `today`.
 */
export function weekGrid(week: readonly ScheduledDay[], type: string, today: number): string {
  const header = `${type.padEnd(15).slice(0, 15)}${Array.from({ length: 24 }, (_, h) => hourLabel(h).padStart(3)).join('')}`;
  const rows = week.map((scheduled) => {
    const mark = scheduled.day === today ? '>' : ' ';
    const cells = peaksOf(scheduled, type).map((q, h) =>
      (scheduled.skipped.has(h) ? '-' : String(q)).padStart(3),
    );
    return `${mark}${WEEKDAY_NAMES[weekdayOf(scheduled.day)]} ${formatDay(scheduled.day)}${cells.join('')}`;
  });
  return [header, ...rows].join('\n');
}
