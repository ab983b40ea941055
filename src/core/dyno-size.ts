/**
 * Heroku dyno sizes: the names Heroku accepts, the per-type limits it enforces, and
 * list prices for cost estimates.
 *
 * Prices are Heroku's list prices in US dollars per dyno per month (a 720-hour month,
 * prorated per hour), from the table in the Dev Center article "Usage & Billing"
 * (checked 2026-11). Sizes that table does not price (the larger Performance sizes, and
 * Private and Shield dynos, which are priced by contract) have none here. Eco is a flat
 * $5 a month for a 1000-hour pool shared by all of an account's Eco dynos, so a per-dyno
 * figure for it is only indicative.
 */

export const PRICES_CHECKED = '2026-11';
export const PRICE_SOURCE = 'Heroku Dev Center, "Usage & Billing"';

interface DynoSize {
  /** Heroku's display name, e.g. `Standard-1X` */
  name: string;
  /** Heroku refuses more than one dyno of this size per process type (Eco, Basic) */
  singlePerType: boolean;
  /** Heroku's default limit per process type; accounts can have it raised */
  defaultMaxPerType: number;
  /** list price per dyno per month, USD; null when not published */
  monthlyUsd: number | null;
  /** the price is a shared pool, not per dyno */
  pooled: boolean;
}

function size(name: string, defaultMaxPerType: number, monthlyUsd: number | null, pooled = false): DynoSize {
  return { name, singlePerType: defaultMaxPerType === 1, defaultMaxPerType, monthlyUsd, pooled };
}

const SIZES: readonly DynoSize[] = [
  size('Eco', 1, 5, true),
  size('Basic', 1, 7),
  size('Standard-1X', 100, 25),
  size('Standard-2X', 100, 50),
  size('Performance-M', 10, 250),
  size('Performance-L', 10, 500),
  size('Performance-L-RAM', 10, null),
  size('Performance-XL', 10, null),
  size('Performance-2XL', 10, null),
  size('Private-S', 10, null),
  size('Private-M', 10, null),
  size('Private-L', 10, null),
  size('Private-L-RAM', 10, null),
  size('Private-XL', 10, null),
  size('Private-2XL', 10, null),
  size('Shield-S', 10, null),
  size('Shield-M', 10, null),
  size('Shield-L', 10, null),
  size('Shield-L-RAM', 10, null),
  size('Shield-XL', 10, null),
  size('Shield-2XL', 10, null),
];

const BY_KEY = new Map<string, DynoSize>(SIZES.map((s) => [s.name.toLowerCase(), s]));
// Names Heroku still answers to.
BY_KEY.set('hobby', BY_KEY.get('basic') as DynoSize);
BY_KEY.set('1x', BY_KEY.get('standard-1x') as DynoSize);
BY_KEY.set('2x', BY_KEY.get('standard-2x') as DynoSize);

/** The size for a name in any case, or undefined when Heroku has no such size. */
export function findDynoSize(name: string): DynoSize | undefined {
  return BY_KEY.get(name.trim().toLowerCase());
}

/** Display name for a size Heroku reported, canonical when known. */
export function displaySizeName(name: string): string {
  return findDynoSize(name)?.name ?? name;
}

export function knownSizeNames(): string[] {
  return SIZES.map((s) => s.name);
}
