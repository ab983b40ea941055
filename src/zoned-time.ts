/**
 * Wall-clock time in an IANA zone, computed from the zone rules alone so that the
 * machine's own TZ never matters.
 */

export const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A local wall-clock minute: `day` counts days since 1970-01-01 in the local calendar. */
export interface LocalMinute {
  day: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** minutes since local midnight, 0…1439 */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zones that are UTC by definition: read without ICU, whose first use costs tens of ms. */
const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/Universal',
  'Etc/Zulu',
  'Universal',
  'Zulu',
  'Etc/GMT',
  'GMT',
]);

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  if (UTC_ZONES.has(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return (((day + 3) % 7) + 7) % 7;
}

/** Days since the epoch of a calendar date, or NaN when the date does not exist. */
export function dayOf(year: number, month: number, dayOfMonth: number): number {
  const ms = Date.UTC(year, month - 1, dayOfMonth);
  const check = new Date(ms);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== dayOfMonth
  ) {
    return Number.NaN;
  }
  return ms / MS_PER_DAY;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function formatMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Offset of the zone from UTC at an instant, in milliseconds (local = utc + offset). */
function offsetAt(instant: number, timeZone: string): number {
  const fields = wallFields(instant, timeZone);
  const asUtc = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function wallFields(instant: number, timeZone: string) {
  if (UTC_ZONES.has(timeZone)) {
    const d = new Date(instant);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

export function localMinuteAt(instant: number, timeZone: string): LocalMinute {
  const f = wallFields(instant, timeZone);
  const day = Date.UTC(f.year, f.month - 1, f.day) / MS_PER_DAY;
  return { day, weekday: weekdayOf(day), minute: f.hour * 60 + f.minute };
}

/**
 * The instant at which a local wall-clock minute begins. A repeated minute (clocks
 * turned back) resolves to its first occurrence; a skipped one (clocks turned
 * forward) is read with the offset from before the jump, as Temporal's
 * 'compatible' disambiguation does.
 */
export function instantOfLocal(day: number, minute: number, timeZone: string): number {
  const wall = day * MS_PER_DAY + minute * MS_PER_MINUTE;
  const earlier = wall - offsetAt(wall - MS_PER_DAY / 2, timeZone);
  const later = wall - offsetAt(wall + MS_PER_DAY / 2, timeZone);
  const candidates = [earlier, later].filter((c) => c + offsetAt(c, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return Math.max(earlier, later);
}
