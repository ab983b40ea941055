/**
 * What the schedule saves, against what the app would cost without this action: each type's
 * costliest hour under the schedule (its quantity at its rule's size), kept all month. The
 * scheduled cost prices every window at the size its rule gives; a rule without a size keeps
 * the size the type has, as the policy does, so it is priced at the size carried from the
 * sized rule before it in time, or at the size the type has now when no rule sets one.
 * Nothing here depends on the moment of the run but that last size.
 */
import { findDynoSize } from './dyno-size.js';
import { mondayOf, type Schedule, segmentsOnDay, weeklyRules } from './schedule.js';

const HOURS_PER_WEEK = 168;
/** Heroku's default size for a process type that has none yet. */
const DEFAULT_SIZE = 'Standard-1X';

/** Where a size used in pricing came from. */
type SizeSource = 'schedule' | 'app' | 'default';

interface SizeHours {
  size: string;
  /** dyno-hours a week at this size */
  dynoHours: number;
}

export interface TypeCost {
  type: string;
  /** dyno-hours a week at each size, most first */
  sizes: SizeHours[];
  scheduledDynoHours: number;
  /** the costliest hour: quantity at size, what the type would run all month without the action */
  peak: { quantity: number; size: string };
  /** scheduled and without-the-schedule costs a month; null when a size has no published price */
  scheduledMonthlyUsd: number | null;
  baselineMonthlyUsd: number | null;
  /** Eco: a flat pool for the account, so scaling saves nothing */
  pooled: boolean;
  /** some window had no sized rule before it: priced at the app's size, or Heroku's default */
  sizeSource: SizeSource;
}

export interface CostEstimate {
  types: TypeCost[];
  /** totals over priced types that are not pooled */
  scheduledMonthlyUsd: number;
  baselineMonthlyUsd: number;
  /** baseline − scheduled, never negative by construction */
  savedMonthlyUsd: number;
  /** saved / baseline, 0…1 */
  savedShare: number;
  unpriced: TypeCost[];
}

/** List price per dyno-hour-a-week, as a month: a dyno-hour every week is 720/168 hours a month. */
function monthlyPerWeeklyDynoHour(size: string): number | null {
  const price = findDynoSize(size)?.monthlyUsd;
  return price === null || price === undefined ? null : price / HOURS_PER_WEEK;
}

interface Piece {
  quantity: number;
  minutes: number;
  /** the rule's own size, if it names one */
  size?: string;
}

/** Each type's pieces of a week, in time order from Monday 00:00. */
function weekPieces(schedule: Schedule): Map<string, Piece[]> {
  const weekly = weeklyRules(schedule);
  const pieces = new Map<string, Piece[]>(schedule.types.map((t) => [t, []]));
  // Any week will do: without dated rules every week is the same.
  const monday = mondayOf(0);
  for (let d = 0; d < 7; d++) {
    for (const { from, to, scheduled } of segmentsOnDay(weekly, monday + d)) {
      for (const [type, entry] of scheduled) {
        pieces.get(type)?.push({ quantity: entry.quantity, minutes: to - from, size: entry.size });
      }
    }
  }
  return pieces;
}

function costOfType(type: string, pieces: Piece[], appSize: string | undefined): TypeCost {
  // The week repeats, so the size carried into Monday 00:00 is the last one set before the week ends.
  const lastSized = [...pieces].reverse().find((p) => p.size !== undefined)?.size;
  let carried = lastSized ?? appSize ?? DEFAULT_SIZE;
  const sizeSource: SizeSource = lastSized ? 'schedule' : appSize ? 'app' : 'default';
  const hoursBySize = new Map<string, number>();
  let peak = { quantity: 0, size: carried, hourly: -1 };
  for (const piece of pieces) {
    carried = piece.size ?? carried;
    const size = findDynoSize(carried)?.name ?? carried;
    hoursBySize.set(size, (hoursBySize.get(size) ?? 0) + (piece.quantity * piece.minutes) / 60);
    const hourly = piece.quantity * (findDynoSize(size)?.monthlyUsd ?? 0);
    if (hourly > peak.hourly || (hourly === peak.hourly && piece.quantity > peak.quantity)) {
      peak = { quantity: piece.quantity, size, hourly };
    }
  }
  const sizes = [...hoursBySize]
    .map(([size, dynoHours]) => ({ size, dynoHours }))
    .filter((s) => s.dynoHours > 0)
    .sort((a, b) => b.dynoHours - a.dynoHours);
  const prices = sizes.map((s) => monthlyPerWeeklyDynoHour(s.size));
  const peakPrice = findDynoSize(peak.size)?.monthlyUsd ?? null;
  const priced = prices.every((p) => p !== null) && peakPrice !== null;
  return {
    type,
    sizes,
    scheduledDynoHours: sizes.reduce((sum, s) => sum + s.dynoHours, 0),
    peak: { quantity: peak.quantity, size: peak.size },
    scheduledMonthlyUsd: priced
      ? sizes.reduce((sum, s, i) => sum + s.dynoHours * (prices[i] as number), 0)
      : null,
    baselineMonthlyUsd: priced ? peak.quantity * (peakPrice as number) : null,
    pooled: sizes.some((s) => findDynoSize(s.size)?.pooled),
    sizeSource,
  };
}

/**
 * The cost of a week of the schedule's weekly rules (holidays left out) against each type's
 * costliest hour kept all month.
 * @param appSizes the size each type has now, for types no rule gives a size
 */
export function estimateCost(schedule: Schedule, appSizes: ReadonlyMap<string, string>): CostEstimate {
  const pieces = weekPieces(schedule);
  const types = schedule.types.map((type) => costOfType(type, pieces.get(type) ?? [], appSizes.get(type)));
  const counted = types.filter((t) => !t.pooled && t.scheduledMonthlyUsd !== null);
  const scheduledMonthlyUsd = counted.reduce((sum, t) => sum + (t.scheduledMonthlyUsd as number), 0);
  const baselineMonthlyUsd = counted.reduce((sum, t) => sum + (t.baselineMonthlyUsd as number), 0);
  const savedMonthlyUsd = Math.max(0, baselineMonthlyUsd - scheduledMonthlyUsd);
  return {
    types,
    scheduledMonthlyUsd,
    baselineMonthlyUsd,
    savedMonthlyUsd,
    savedShare: baselineMonthlyUsd === 0 ? 0 : savedMonthlyUsd / baselineMonthlyUsd,
    unpriced: types.filter((t) => t.scheduledMonthlyUsd === null),
  };
}
