/**
 * What started this run, read from the runner's files: the event, the cron entries of the
 * workflow (for the Actions bill and the cron check), and whether the repository is public.
 * `GITHUB_EVENT_PATH` holds the event payload; for a `schedule` event its `schedule` key is the
 * cron that fired. The payload does not say the entry's `timezone`, so the workflow file (named
 * by `GITHUB_WORKFLOW_REF`) is read from the workspace when it is there; else UTC is assumed.
 */
import type { ScheduleEntry, Trigger, Visibility } from '../core/actions-bill.js';
import { parseCron } from '../core/cron.js';
import { isKnownTimeZone } from '../core/zoned-time.js';
import { readBoundedFile, readWorkspaceFile } from './files.js';

/** Larger event payloads or workflow files are not read: neither is anywhere near this. */
const MAX_FILE_BYTES = 1024 * 1024;

/** The event payload: a regular file within the cap, or nothing. */
function readPayload(file: string | undefined): string | null {
  if (!file) return null;
  const read = readBoundedFile(file, MAX_FILE_BYTES);
  return read.ok ? read.text : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function visibilityOf(payload: unknown): Visibility {
  const repository = isRecord(payload) ? payload.repository : undefined;
  if (!isRecord(repository)) return 'unknown';
  const { visibility, private: isPrivate } = repository;
  if (visibility === 'public' || visibility === 'private' || visibility === 'internal') return visibility;
  if (typeof isPrivate === 'boolean') return isPrivate ? 'private' : 'public';
  return 'unknown';
}

/** The workflow file's `on.schedule` entries, `{cron, timezone}`, or null when the file is not there. */
async function workflowSchedule(
  env: NodeJS.ProcessEnv,
): Promise<{ cron: string; timezone?: string }[] | null> {
  const ref = env.GITHUB_WORKFLOW_REF ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const at = ref.lastIndexOf('@');
  if (!env.GITHUB_WORKSPACE || repository === '' || !ref.startsWith(`${repository}/`) || at < 0) return null;
  const relative = ref.slice(repository.length + 1, at);
  // The ref is outside text: `../` or a link in it must not reach a file outside the workspace.
  const read = readWorkspaceFile(env.GITHUB_WORKSPACE, relative, MAX_FILE_BYTES);
  if (!read.ok) return null;
  const text = read.text;
  let workflow: unknown;
  try {
    // Loaded only when there is a workflow file to read.
    const { parse } = await import('yaml');
    workflow = parse(text);
  } catch {
    return null;
  }
  const on = isRecord(workflow) ? workflow.on : undefined;
  const schedule = isRecord(on) ? on.schedule : undefined;
  if (!Array.isArray(schedule)) return [];
  return schedule
    .filter((e): e is Record<string, unknown> => isRecord(e) && typeof e.cron === 'string')
    .map((e) => ({
      cron: e.cron as string,
      ...(typeof e.timezone === 'string' ? { timezone: e.timezone } : {}),
    }));
}

function entryOf(cron: string, timezone: string | undefined, fromWorkflow: boolean): ScheduleEntry | null {
  try {
    const zone = timezone && isKnownTimeZone(timezone) ? timezone : 'UTC';
    return { cron: parseCron(cron), timeZone: zone, zoneSource: fromWorkflow ? 'workflow' : 'assumed' };
  } catch {
    return null;
  }
}

/**
 * The bill is the workflow's: every `on.schedule` entry of the workflow file, the same on every
 * run of it whatever started the run. Only without the file is it the cron that fired, alone.
 */
export async function readTrigger(env: NodeJS.ProcessEnv = process.env): Promise<Trigger> {
  const event = env.GITHUB_EVENT_NAME ?? '';
  const payloadText = readPayload(env.GITHUB_EVENT_PATH);
  let payload: unknown;
  try {
    payload = payloadText === null ? undefined : JSON.parse(payloadText);
  } catch {
    payload = undefined;
  }
  const visibility = visibilityOf(payload);
  const workflow = await workflowSchedule(env);
  const fired =
    event === 'schedule' && isRecord(payload) && typeof payload.schedule === 'string'
      ? payload.schedule
      : null;
  const match = fired === null ? undefined : workflow?.find((e) => e.cron.trim() === fired.trim());
  const firedEntry = fired === null ? null : entryOf(fired, match?.timezone, match !== undefined);
  if (workflow && workflow.length > 0) {
    const entries = workflow.map((e) => entryOf(e.cron, e.timezone, true)).filter((e) => e !== null);
    return {
      event,
      entries,
      source: 'every on.schedule entry of the workflow file',
      visibility,
      fired: firedEntry,
    };
  }
  if (firedEntry !== null) {
    const source =
      'the cron that started this run, alone: the workflow file was not in the workspace (check the repository out to count every cron of the workflow), so its time zone is taken as UTC';
    return { event, entries: [firedEntry], source, visibility, fired: firedEntry };
  }
  const source = workflow
    ? 'the workflow file has no on.schedule entries'
    : 'no cron started this run and the workflow file was not in the workspace';
  return { event, entries: [], source, visibility, fired: null };
}
