/**
 * Webhook notifications: one JSON POST that Slack, Mattermost and Discord all accept
 * (`text` and `content`), with structured fields for anything else. A notification that
 * fails is retried once and then only warned about: it never changes a run's result.
 */
import { messageOf } from '../core/input-error.js';

import { decision, healthOf, isChange, latencyOf, processPlanOf, type RunOutcome } from '../core/outcome.js';
import type { NotifyOn, NotifySettings } from '../core/settings.js';
import { forChat } from '../text/neutralise.js';
import { clip, redact } from '../text/redaction.js';
import { errorCode, send } from './http.js';

/** Everything a notification may take, both tries and the pause between them: it never holds a run long. */
export const NOTIFY_BUDGET_MS = 10_000;
const RETRY_DELAY_MS = 1_000;
/** What is read of a receiver's answer; only its status is ever shown. */
const MAX_ANSWER_BYTES = 16 * 1024;
/** Discord refuses `content` over 2000 characters. */
const MAX_TEXT = 1900;

type RunStatus = 'changed' | 'unchanged' | 'failed';

export interface NotificationFields {
  app: string;
  status: RunStatus;
  dry_run: boolean;
  before: Record<string, number>;
  after: Record<string, number>;
  reason: string;
  health: string;
  latency_ms: number | null;
  message: string;
  run_url: string | null;
}

export function shouldNotify(on: NotifyOn, status: RunStatus): boolean {
  if (on === 'always') return true;
  if (on === 'change') return status !== 'unchanged';
  return status === 'failed';
}

/** The link to this workflow run, when the runner says where it is. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : null;
}

function quantities(formation: RunOutcome['before']): Record<string, number> {
  return Object.fromEntries(formation.map((p) => [p.type, p.quantity]));
}

export function outcomeFields(outcome: RunOutcome, env: NodeJS.ProcessEnv = process.env): NotificationFields {
  const main = processPlanOf(outcome);
  const latency = latencyOf(outcome);
  const changed = isChange(outcome);
  const after = outcome.settings.dryRun ? outcome.before : outcome.after;
  return {
    app: outcome.settings.app,
    status: changed ? 'changed' : 'unchanged',
    dry_run: outcome.settings.dryRun,
    before: quantities(outcome.before),
    after: quantities(after),
    reason: main?.reason ?? '',
    health: healthOf(outcome),
    latency_ms: latency === '' ? null : Number(latency),
    message: decision(outcome),
    run_url: runUrl(env),
  };
}

export function failureFields(
  app: string,
  message: string,
  env: NodeJS.ProcessEnv = process.env,
): NotificationFields {
  return {
    app,
    status: 'failed',
    dry_run: false,
    before: {},
    after: {},
    reason: 'error',
    health: 'skipped',
    latency_ms: null,
    message,
    run_url: runUrl(env),
  };
}

/** The text chat services show: outside text made inert for Slack's and Discord's markup, secrets scrubbed before the cut. */
export function pausedFields(
  app: string,
  until: string,
  env: NodeJS.ProcessEnv = process.env,
): NotificationFields {
  return {
    ...failureFields(app, `paused ${until}; nothing was changed`, env),
    status: 'unchanged',
    reason: 'paused',
  };
}

export function notificationText(f: NotificationFields): string {
  const head =
    f.status === 'failed'
      ? `Heroku Autoscale FAILED for ${f.app}: ${f.message}`
      : `Heroku Autoscale ${f.app}: ${f.message}`;
  const health =
    f.health === 'skipped'
      ? ''
      : ` Health: ${f.health}${f.latency_ms === null ? '' : `, ${f.latency_ms} ms`}.`;
  const link = f.run_url ? ` Run: ${f.run_url}` : '';
  return clip(forChat(`${head}.${health}${link}`), MAX_TEXT);
}

/** The request body, scrubbed of secrets. */
function notificationBody(f: NotificationFields): string {
  const text = notificationText(f);
  // Discord would otherwise act on @everyone or a role named in outside text.
  return redact(
    JSON.stringify({ text, content: text, allowed_mentions: { parse: [] }, heroku_autoscale: f }),
  );
}

/**
 * One POST within the deadline. A receiver's answer can echo the webhook's own URL (a 404
 * page quoting the path, where the key is), so only its status is ever reported.
 */
async function postOnce(url: string, body: string, deadline: number): Promise<void> {
  let status: number;
  try {
    const response = await send({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'heroku-autoscale-action' },
      body,
      deadline,
      maxBytes: MAX_ANSWER_BYTES,
      overflow: 'truncate',
    });
    status = response.status;
  } catch (error) {
    throw new Error(errorCode(error));
  }
  if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
}

/**
 * Send a notification when `notify-on` asks for it; resolves to a problem to warn about,
 * or null when it was sent or not wanted.
 */
export async function notify(
  settings: NotifySettings | null,
  fields: NotificationFields,
): Promise<string | null> {
  if (!settings || !shouldNotify(settings.on, fields.status)) return null;
  const body = notificationBody(fields);
  const deadline = performance.now() + NOTIFY_BUDGET_MS;
  const problems: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await postOnce(settings.url, body, deadline);
      return null;
    } catch (error) {
      problems.push(messageOf(error));
      // A second try only if the pause leaves it time of its own.
      if (attempt === 1 && deadline - performance.now() > 2 * RETRY_DELAY_MS)
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      else break;
    }
  }
  return `the notification to the webhook failed (${problems.join(', then ')}; ${NOTIFY_BUDGET_MS / 1000} s allowed in all); the run's result stands`;
}
