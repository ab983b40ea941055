/**
 * The load figures: one GET of the app's metrics URL through the shared HTTP path (deadline,
 * byte cap, proxies), with the one header the user gave. It never throws: whatever goes wrong
 * is "no reading" for every metric, in words that quote neither the URL nor the answer.
 */
import { type LoadSettings, type MetricsReport, noReadings, readFigures } from '../core/load.js';
import { errorCode, send } from './http.js';

/** The answer is read up to this many bytes; a larger one is no reading. */
export const MAX_METRICS_BYTES = 256 * 1024;
/** The whole exchange, connect to last byte. */
export const METRICS_BUDGET_MS = 10_000;

function why(code: string, budgetMs: number): string {
  if (code === 'ETIMEDOUT') return `no whole answer within ${budgetMs / 1000} s`;
  if (code === 'ETOOLARGE') return `the answer is larger than ${MAX_METRICS_BYTES / 1024} KiB`;
  return `the request failed (${code})`;
}

/** `budgetMs` is the whole exchange's deadline; only a test gives another. */
export async function readMetrics(load: LoadSettings, budgetMs = METRICS_BUDGET_MS): Promise<MetricsReport> {
  const metrics = load.rules.map((r) => r.metric);
  const headers: Record<string, string> = {
    'User-Agent': 'heroku-autoscale-action (load)',
    Accept: 'application/json, text/plain;version=0.0.4;q=0.9, */*;q=0.1',
    'Cache-Control': 'no-cache',
  };
  if (load.header) headers[load.header.name] = load.header.value;
  try {
    const response = await send({
      method: 'GET',
      url: load.url,
      headers,
      deadline: performance.now() + budgetMs,
      maxBytes: MAX_METRICS_BYTES,
      overflow: 'fail',
    });
    // A redirect is not followed: the header would go with it to wherever it points.
    if (response.status < 200 || response.status > 299)
      return noReadings(metrics, `could not be read: the metrics URL answered HTTP ${response.status}`);
    const type = response.headers['content-type'];
    return readFigures(response.body, typeof type === 'string' ? type : '', metrics);
  } catch (error) {
    const code = errorCode(error);
    return noReadings(metrics, `could not be read: ${why(code, budgetMs)}`);
  }
}
