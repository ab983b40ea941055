/**
 * The webhook's body: one JSON object that Slack, Mattermost and Discord all accept (`text` and
 * `content`), with the report's notification fields for anything else to read.
 */
import type { NotificationFields } from '../core/run-report.js';
import { forChat } from '../text/neutralise.js';
import { clip, redact } from '../text/redaction.js';

/** Discord refuses `content` over 2000 characters. */
const MAX_TEXT = 1900;

/** The text chat services show: outside text made inert for Slack's and Discord's markup, secrets scrubbed before the cut. */
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
export function notificationBody(f: NotificationFields): string {
  const text = notificationText(f);
  // Discord would otherwise act on @everyone or a role named in outside text.
  return redact(
    JSON.stringify({ text, content: text, allowed_mentions: { parse: [] }, heroku_autoscale: f }),
  );
}
