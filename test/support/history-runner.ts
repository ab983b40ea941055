/**
 * What the runner gives a run that keeps a history: a workspace with the workflow file, a
 * scheduled event's payload, and a runner temp folder that stays the same from run to run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function runner(
  cron: string,
): Record<string, string> & { GITHUB_WORKSPACE: string; RUNNER_TEMP: string } {
  const workspace = mkdtempSync(path.join(tmpdir(), 'history-ws-'));
  mkdirSync(path.join(workspace, '.github', 'workflows'), { recursive: true });
  writeFileSync(
    path.join(workspace, '.github', 'workflows', 'autoscale.yml'),
    `on:\n  schedule:\n    - cron: '${cron}'\n  workflow_dispatch:\n`,
  );
  const event = path.join(workspace, 'event.json');
  writeFileSync(event, JSON.stringify({ schedule: cron, repository: { private: true } }));
  return {
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/autoscale.yml@refs/heads/main',
    GITHUB_JOB: 'scale',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: event,
    RUNNER_TEMP: mkdtempSync(path.join(tmpdir(), 'history-temp-')),
  };
}
