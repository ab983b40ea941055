/**
 * Webhook notifications: one JSON POST that Slack, Mattermost and Discord all accept
 * (`text` and `content`), with structured fields for anything else. A notification that
 * fails is retried once and then only warned about: it never changes a run's result.
 */
import { HttpClient } from '@actions/http-client';
import { errorCode, readBody } from './http-body.js';
import type { NotifyOn, NotifySettings } from './inputs.js';
import { decision, healthOf, isChange, latencyOf, processPlanOf, type RunOutcome } from './outcome.js';
import { redact } from './redaction.js';

const TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 1_000;
/** Discord refuses `content` over 2000 characters. */
const MAX_TEXT = 1900;

export type RunStatus = 'changed' | 'unchanged' | 'failed';

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
  const text = `${head}.${health}${link}`;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** The request body, scrubbed of secrets. */
export function notificationBody(f: NotificationFields): string {
  const text = notificationText(f);
  return redact(JSON.stringify({ text, content: text, heroku_autoscale: f }));
}

async function postOnce(url: string, body: string): Promise<void> {
  const client = new HttpClient('heroku-autoscale-action', [], {
    allowRetries: false,
    allowRedirects: false,
    socketTimeout: TIMEOUT_MS,
  });
  let status: number;
  let text: string;
  try {
    const response = await client.post(url, body, { 'Content-Type': 'application/json' });
    text = await readBody(response, TIMEOUT_MS);
    status = response.message.statusCode ?? 0;
  } catch (error) {
    throw new Error(`${errorCode(error)}: ${(error as Error).message}`);
  } finally {
    client.dispose();
  }
  if (status < 200 || status >= 300) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
}

/**
 * Send a notification when `notify-on` asks for it; resolves to a problem to warn about,
 * or null when it was sent or not wanted.
 */
export async function notify(
  settings: NotifySettings | null,
  fields: NotificationFields,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<string | null> {
  if (!settings || !shouldNotify(settings.on, fields.status)) return null;
  const body = notificationBody(fields);
  let problem = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await postOnce(settings.url, body);
      return null;
    } catch (error) {
      problem = (error as Error).message;
      if (attempt === 1) await sleep(RETRY_DELAY_MS);
    }
  }
  return redact(`the notification to the webhook failed twice (${problem}); the run's result stands`);
}
