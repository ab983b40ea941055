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

/** What people most likely mean by a zone abbreviation: the IANA zone with its daylight saving. */
const ABBREVIATION_MEANT: Record<string, string> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  EST5EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CST6CDT: 'America/Chicago',
  MST: 'America/Denver (or America/Phoenix, which keeps no daylight saving)',
  MDT: 'America/Denver',
  MST7MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PST8PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  CET: 'your city’s zone, e.g. Europe/Berlin or Europe/Paris',
  CEST: 'your city’s zone, e.g. Europe/Berlin or Europe/Paris',
  MET: 'your city’s zone, e.g. Europe/Berlin or Europe/Paris',
  EET: 'your city’s zone, e.g. Europe/Athens or Europe/Helsinki',
  WET: 'Europe/Lisbon',
  BST: 'Europe/London',
  IST: 'Asia/Kolkata (or Europe/Dublin)',
  JST: 'Asia/Tokyo',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
};

/** Old names kept by the zone database only as links to a canonical zone (US/Eastern …). */
const LEGACY_PREFIX =
  /^(US|Canada|Mexico|Brazil|Chile|Cuba|Egypt|Eire|GB|Hongkong|Iceland|Iran|Israel|Jamaica|Japan|Libya|Navajo|NZ|Poland|Portugal|PRC|ROC|ROK|Singapore|Turkey|W-SU)(\/|$)/;

function formatOffset(ms: number): string {
  const minutes = Math.round(ms / MS_PER_MINUTE);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${formatMinute(abs)}`;
}

/** In words, what a zone name does over a year: a fixed offset, or a zone's daylight-saving rules. */
function zoneBehaviour(timeZone: string, resolved: string): string {
  const january = offsetAt(Date.UTC(2026, 0, 15), timeZone);
  const july = offsetAt(Date.UTC(2026, 6, 15), timeZone);
  return january === july
    ? `a fixed ${formatOffset(january)} all year, with no daylight saving`
    : `the rules of ${resolved} (${formatOffset(january)} in January, ${formatOffset(july)} in July)`;
}

type ZoneNameCheck =
  | { kind: 'ok' }
  | { kind: 'unknown' }
  /** an abbreviation such as EST or CET: refused, as it rarely does what its reader expects */
  | { kind: 'abbreviation'; behaviour: string; meant: string }
  /** a legacy link such as US/Eastern: works, but names the canonical zone to use instead */
  | { kind: 'alias'; canonical: string };

/** Whether a zone name is a canonical IANA name, and if not, what it does and what was likely meant. */
export function checkZoneName(timeZone: string): ZoneNameCheck {
  if (!isKnownTimeZone(timeZone)) return { kind: 'unknown' };
  if (UTC_ZONES.has(timeZone) || timeZone.startsWith('Etc/')) return { kind: 'ok' };
  const resolved = formatterFor(timeZone).resolvedOptions().timeZone;
  if (!timeZone.includes('/')) {
    return {
      kind: 'abbreviation',
      behaviour: zoneBehaviour(timeZone, resolved),
      meant: ABBREVIATION_MEANT[timeZone.toUpperCase()] ?? 'the zone of a city, e.g. Europe/London',
    };
  }
  if (LEGACY_PREFIX.test(timeZone)) return { kind: 'alias', canonical: resolved };
  return { kind: 'ok' };
}

/** Hours of a local day that the clocks skip (spring forward): no minute of them exists. */
export function skippedHours(day: number, timeZone: string): Set<number> {
  const skipped = new Set<number>();
  if (UTC_ZONES.has(timeZone)) return skipped;
  // A day of exactly 24 hours has no transition, so nothing is skipped.
  if (instantOfLocal(day + 1, 0, timeZone) - instantOfLocal(day, 0, timeZone) === MS_PER_DAY) return skipped;
  for (let hour = 0; hour < 24; hour++) {
    const exists = [hour * 60, hour * 60 + 59].some((minute) => {
      const back = localMinuteAt(instantOfLocal(day, minute, timeZone), timeZone);
      return back.day === day && back.minute === minute;
    });
    if (!exists) skipped.add(hour);
  }
  return skipped;
}
