/**
 * The log of a step, as lines and collapsed groups: for each app, the one plain line that says
 * what happened and why, then the detail of its decision.
 */
import type { LogGroup, RunReport } from '../core/run-report.js';

export type LogEntry = { kind: 'line'; text: string } | ({ kind: 'group' } & LogGroup);

export function logEntries(report: RunReport): LogEntry[] {
  const single = report.subject.kind === 'app';
  return report.apps.flatMap((a): LogEntry[] => {
    // A single app's failure is the step's own error, shown once as such.
    if (single && a.status === 'failed') return [];
    const label = a.status === 'failed' || a.status === 'skipped' ? `${a.status}: ` : '';
    return [
      { kind: 'line', text: `${a.app}: ${label}${a.what}` },
      ...a.groups.map((g): LogEntry => ({ kind: 'group', ...g })),
    ];
  });
}
