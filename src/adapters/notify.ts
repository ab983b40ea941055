/**
 * Sending a notification: one JSON POST to the webhook, retried once within its budget and
 * then only warned about: it never changes a run's result.
 */
import { messageOf } from '../core/input-error.js';
import { errorCode, send } from './http.js';

/** Everything a notification may take, both tries and the pause between them: it never holds a run long. */
export const NOTIFY_BUDGET_MS = 10_000;
const RETRY_DELAY_MS = 1_000;
/** What is read of a receiver's answer; only its status is ever shown. */
const MAX_ANSWER_BYTES = 16 * 1024;

/** The link to this workflow run, when the runner says where it is. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : null;
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

/** POSTs the body, with one retry; resolves to a problem to warn about, or null when it was sent. */
export async function postNotification(url: string, body: string): Promise<string | null> {
  const deadline = performance.now() + NOTIFY_BUDGET_MS;
  const problems: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await postOnce(url, body, deadline);
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
