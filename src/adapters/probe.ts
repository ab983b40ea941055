/**
 * The health probe: a few GETs, one after another, each cut at its timeout, timed on a
 * monotonic clock. It sends no credentials and follows only a few redirects.
 */
import { assessHealth, type ProbeReport, type Sample } from '../core/health.js';
import type { ProbeSettings } from '../core/settings.js';
import { errorCode, send } from './http.js';

export const MAX_REDIRECTS = 3;
/** The probe only needs the status: this much of a body is read, then the connection is dropped. */
export const MAX_PROBE_BYTES = 64 * 1024;
const USER_AGENT = 'heroku-autoscale-action (health probe)';

interface Hop {
  status: number;
  location: string | undefined;
}

/** One GET through the shared HTTP path (proxies, deadline, byte cap); no credentials are sent. */
async function get(url: URL, deadline: number): Promise<Hop> {
  const response = await send({
    method: 'GET',
    url: url.href,
    headers: { 'User-Agent': USER_AGENT, Accept: '*/*', 'Cache-Control': 'no-cache' },
    deadline,
    maxBytes: MAX_PROBE_BYTES,
    overflow: 'truncate',
  });
  const location = response.headers.location;
  return { status: response.status, location: Array.isArray(location) ? location[0] : location };
}

/** One sample: the request and its redirects, timed together. */
export async function sampleOnce(target: string, timeoutMs: number): Promise<Sample> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  const elapsed = () => performance.now() - started;
  let url = new URL(target);
  try {
    for (let hop = 0; ; hop++) {
      const { status, location } = await get(url, deadline);
      if (status >= 300 && status < 400 && location) {
        const next = new URL(location, url);
        if (hop >= MAX_REDIRECTS)
          return { ok: false, ms: elapsed(), outcome: 'too many redirects', answered: true };
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return { ok: false, ms: elapsed(), outcome: `redirect to ${next.protocol}`, answered: true };
        }
        if (next.username || next.password) {
          return { ok: false, ms: elapsed(), outcome: 'redirect to a URL with credentials', answered: true };
        }
        url = next;
        continue;
      }
      return { ok: status >= 200 && status < 300, ms: elapsed(), outcome: String(status), answered: true };
    }
  } catch (error) {
    return { ok: false, ms: elapsed(), outcome: errorCode(error), answered: false };
  }
}

export async function probe(settings: ProbeSettings): Promise<ProbeReport> {
  const samples: Sample[] = [];
  for (let i = 0; i < settings.samples; i++) samples.push(await sampleOnce(settings.url, settings.timeoutMs));
  return assessHealth(samples, settings);
}
