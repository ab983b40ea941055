/**
 * The money side of a run, worked out once for every renderer: what the schedule saves, what
 * the workflow's own Actions minutes cost, the net of the two, the cron that would serve the
 * schedule for less, and the changes the cron in use serves late by design.
 */

import type { Trigger } from './actions-bill.js';
import { type ActionsBill, actionsBill } from './actions-bill.js';
import { type CostEstimate, estimateCost } from './cost.js';
import { parseCron } from './cron.js';
import { type LateChange, lateChanges, servingCron } from './cron-plan.js';
import type { ProcessFormation } from './formation.js';
import type { Schedule } from './schedule.js';
import type { RunSettings } from './settings.js';

export interface CostReport {
  estimate: CostEstimate;
  /** the bill of the crons in use; null when none is known */
  bill: ActionsBill | null;
  /** how the crons in use were found */
  billSource: string;
  /** cron lines, in the schedule's zone, that serve the schedule */
  servingCron: string[];
  servingBill: ActionsBill;
  timeZone: string;
  late: LateChange[];
}

interface CostInput {
  schedule: Schedule;
  timeZone: string;
  leadMinutes: number;
  withProbe: boolean;
  /** the size each type has now, for types no rule gives one */
  appSizes: ReadonlyMap<string, string>;
  trigger: Trigger;
  now: number;
  runSeconds: number;
}

export function costReport(input: CostInput): CostReport {
  const lines = servingCron(input.schedule, input.leadMinutes, input.withProbe);
  const serving = lines.map((line) => ({
    cron: parseCron(line),
    timeZone: input.timeZone,
    zoneSource: 'workflow' as const,
  }));
  const { entries } = input.trigger;
  return {
    estimate: estimateCost(input.schedule, input.appSizes),
    bill:
      entries.length === 0
        ? null
        : actionsBill(entries, input.now, input.trigger.visibility, input.runSeconds),
    billSource: input.trigger.source,
    servingCron: lines,
    servingBill: actionsBill(serving, input.now, input.trigger.visibility, input.runSeconds),
    timeZone: input.timeZone,
    late:
      entries.length === 0
        ? []
        : lateChanges(input.schedule, entries, input.now, input.timeZone, input.leadMinutes),
  };
}

/** The cost report of a run of these settings on an app with this formation; null without a schedule. */
export function costOfRun(
  settings: RunSettings,
  formation: readonly ProcessFormation[],
  trigger: Trigger,
  now: number,
  runSeconds: number,
): CostReport | null {
  if (!settings.schedule) return null;
  return costReport({
    schedule: settings.schedule,
    timeZone: settings.timezone,
    leadMinutes: settings.leadMinutes,
    withProbe: settings.probe !== null,
    appSizes: new Map(formation.map((p) => [p.type, p.size])),
    trigger,
    now,
    runSeconds,
  });
}
