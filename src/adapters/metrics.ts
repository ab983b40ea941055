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

const WHY: Record<string, string> = {
  ETIMEDOUT: `no whole answer within ${METRICS_BUDGET_MS / 1000} s`,
  ETOOLARGE: `the answer is larger than ${MAX_METRICS_BYTES / 1024} KiB`,
};

export async function readMetrics(load: LoadSettings): Promise<MetricsReport> {
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
      deadline: performance.now() + METRICS_BUDGET_MS,
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
    return noReadings(metrics, `could not be read: ${WHY[code] ?? `the request failed (${code})`}`);
  }
}
