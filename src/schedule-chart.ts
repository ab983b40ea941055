/**
 * Pictures of a schedule: a Mermaid bar chart of dynos per hour over one local day, and a
 * days × hours grid of the week that reads as plain text too.
 */
import { mondayOf, quantitiesOnDay, type Schedule } from './schedule.js';
import { formatDay, WEEKDAY_NAMES, weekdayOf } from './zoned-time.js';

/** The highest quantity in each hour of a day's per-minute quantities. */
export function hourlyPeaks(perMinute: Int32Array): number[] {
  return Array.from({ length: 24 }, (_, hour) => Math.max(...perMinute.subarray(hour * 60, hour * 60 + 60)));
}

function hourLabel(hour: number): string {
  return String(hour).padStart(2, '0');
}

/**
 * A Mermaid `xychart-beta` of one type's dynos per hour on a local day; the current hour's
 * label reads "now".
 */
export function dayChart(
  schedule: Schedule,
  type: string,
  day: number,
  nowHour: number | null,
  zone: string,
): string {
  const peaks = hourlyPeaks(quantitiesOnDay(schedule, day).get(type) ?? new Int32Array(1440));
  const labels = peaks.map((_, h) => `"${h === nowHour ? `${hourLabel(h)} now` : hourLabel(h)}"`);
  const top = Math.max(1, ...peaks) + 1;
  return [
    'xychart-beta',
    `  title "${type} dynos per hour, ${WEEKDAY_NAMES[weekdayOf(day)]} ${formatDay(day)} (${zone})"`,
    `  x-axis "hour" [${labels.join(', ')}]`,
    `  y-axis "dynos" 0 --> ${top}`,
    `  bar [${peaks.join(', ')}]`,
  ].join('\n');
}

/**
 * The week containing `day` as text: a row per day, a column per hour, each cell the
 * hour's highest quantity; `>` marks today.
 */
export function weekGrid(schedule: Schedule, type: string, day: number): string {
  const monday = mondayOf(day);
  const header = `${type.padEnd(15).slice(0, 15)}${Array.from({ length: 24 }, (_, h) => hourLabel(h).padStart(3)).join('')}`;
  const rows = Array.from({ length: 7 }, (_, i) => {
    const date = monday + i;
    const peaks = hourlyPeaks(quantitiesOnDay(schedule, date).get(type) ?? new Int32Array(1440));
    const mark = date === day ? '>' : ' ';
    return `${mark}${WEEKDAY_NAMES[i]} ${formatDay(date)}${peaks.map((q) => String(q).padStart(3)).join('')}`;
  });
  return [header, ...rows].join('\n');
}
