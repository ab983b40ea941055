/**
 * What the schedule saves: dyno-hours per week under the schedule against running every
 * type at its max all week, and an estimate in dollars from list prices.
 */
import { findDynoSize, HOURS_PER_MONTH } from './dyno-size.js';
import { mondayOf, type Schedule, segmentsOnDay, weeklyRules } from './schedule.js';

const HOURS_PER_WEEK = 168;
const DEFAULT_SIZE = 'Standard-1X';

export interface TypeCost {
  type: string;
  size: string;
  scheduledDynoHours: number;
  maxDynoHours: number;
  /** estimated USD per month, null when the size has no published price */
  scheduledMonthlyUsd: number | null;
  maxMonthlyUsd: number | null;
  pooled: boolean;
}

export interface CostEstimate {
  types: TypeCost[];
  scheduledDynoHours: number;
  maxDynoHours: number;
  /** share of the always-at-max dyno-hours that the schedule saves, 0…1 */
  savedShare: number;
  scheduledMonthlyUsd: number | null;
  maxMonthlyUsd: number | null;
  /** some size has no published price, so the dollar totals leave it out */
  unpriced: string[];
  /** Eco appears: its price is a shared pool, not per dyno */
  pooled: boolean;
}

/** Monthly USD for dyno-hours per week at a size's list price, prorated per hour on a 720-hour month. */
function monthlyUsd(dynoHoursPerWeek: number, sizeName: string): number | null {
  const size = findDynoSize(sizeName);
  if (!size || size.monthlyUsd === null) return null;
  const hourly = size.monthlyUsd / HOURS_PER_MONTH;
  return dynoHoursPerWeek * (HOURS_PER_MONTH / HOURS_PER_WEEK) * hourly;
}

function sum(values: (number | null)[]): number | null {
  const priced = values.filter((v): v is number => v !== null);
  return priced.length === 0 ? null : priced.reduce((a, b) => a + b, 0);
}

/** The size of the rule that gives a type its highest quantity, if that rule names one. */
function peakSize(schedule: Schedule, type: string): string | undefined {
  let best: { quantity: number; size?: string } | undefined;
  for (const rule of schedule.rules) {
    for (const a of rule.assignments) {
      if (a.type === type && (!best || a.quantity > best.quantity)) best = a;
    }
  }
  return best?.size;
}

/**
 * Weekly dyno-hours and monthly list-price estimates over a week of the schedule's weekly
 * rules (holidays left out).
 * @param appSizes the size each type runs at now, for rules that name none
 * @param max the ceiling per type
 */
export function estimateCost(
  schedule: Schedule,
  appSizes: ReadonlyMap<string, string>,
  max: ReadonlyMap<string, number>,
): CostEstimate {
  const weekly = weeklyRules(schedule);
  const dynoMinutes = new Map(schedule.types.map((t) => [t, 0]));
  const usdMinutes = new Map<string, number | null>(schedule.types.map((t) => [t, 0]));
  // Any week will do: without dated rules every week is the same.
  const monday = mondayOf(0);
  for (let d = 0; d < 7; d++) {
    for (const { from, to, scheduled } of segmentsOnDay(weekly, monday + d)) {
      for (const [type, entry] of scheduled) {
        const minutes = entry.quantity * (to - from);
        dynoMinutes.set(type, (dynoMinutes.get(type) ?? 0) + minutes);
        const price = monthlyUsd(minutes / 60, entry.size ?? appSizes.get(type) ?? DEFAULT_SIZE);
        const sofar = usdMinutes.get(type);
        usdMinutes.set(type, sofar === null || sofar === undefined || price === null ? null : sofar + price);
      }
    }
  }
  const types = schedule.types.map((type): TypeCost => {
    const size = peakSize(schedule, type) ?? appSizes.get(type) ?? DEFAULT_SIZE;
    const maxDynoHours = (max.get(type) ?? 0) * HOURS_PER_WEEK;
    return {
      type,
      size,
      scheduledDynoHours: (dynoMinutes.get(type) ?? 0) / 60,
      maxDynoHours,
      scheduledMonthlyUsd: usdMinutes.get(type) ?? null,
      maxMonthlyUsd: monthlyUsd(maxDynoHours, size),
      pooled: findDynoSize(size)?.pooled ?? false,
    };
  });
  const scheduledDynoHours = types.reduce((a, t) => a + t.scheduledDynoHours, 0);
  const maxDynoHours = types.reduce((a, t) => a + t.maxDynoHours, 0);
  return {
    types,
    scheduledDynoHours,
    maxDynoHours,
    savedShare: maxDynoHours === 0 ? 0 : 1 - scheduledDynoHours / maxDynoHours,
    scheduledMonthlyUsd: sum(types.map((t) => t.scheduledMonthlyUsd)),
    maxMonthlyUsd: sum(types.map((t) => t.maxMonthlyUsd)),
    unpriced: types.filter((t) => t.scheduledMonthlyUsd === null).map((t) => `${t.type} (${t.size})`),
    pooled: types.some((t) => t.pooled),
  };
}
