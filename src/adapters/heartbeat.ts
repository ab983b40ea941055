/**
 * A heartbeat: one GET to a dead-man's-switch service (healthchecks.io, Better Stack,
 * Cronitor…) after a run that left every app at its target, so that a schedule that stops
 * running at all is noticed. Short budget; never fails a run.
 */
import { errorCode, send } from './http.js';

/** The whole budget of the call. */
const HEARTBEAT_BUDGET_MS = 10_000;

/** GETs the heartbeat URL; resolves to null when it answered 2xx, or to a warning. Only the status is ever shown. */
export async function sendHeartbeat(url: string): Promise<string | null> {
  try {
    const response = await send({
      method: 'GET',
      url,
      headers: { 'User-Agent': 'heroku-autoscale-action' },
      deadline: performance.now() + HEARTBEAT_BUDGET_MS,
      maxBytes: 16 * 1024,
      overflow: 'truncate',
    });
    return response.status >= 200 && response.status < 300
      ? null
      : `the heartbeat was not taken (HTTP ${response.status})`;
  } catch (error) {
    return `the heartbeat could not be sent (${errorCode(error)})`;
  }
}
