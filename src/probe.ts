/**
 * The health probe: a few GETs, one after another, each cut at its timeout, timed on a
 * monotonic clock. It sends no credentials and follows only a few redirects.
 */
import http from 'node:http';
import https from 'node:https';
import { assessHealth, type ProbeReport, type Sample } from './health.js';
import type { ProbeSettings } from './inputs.js';

export const MAX_REDIRECTS = 3;
const USER_AGENT = 'heroku-autoscale-action (health probe)';

interface Hop {
  status: number;
  location: string | undefined;
}

/** One GET, the body drained and dropped; rejects on a connection error or the deadline. */
function get(url: URL, deadline: number): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'GET',
      agent: false,
      headers: { 'User-Agent': USER_AGENT, Accept: '*/*', 'Cache-Control': 'no-cache' },
    });
    const timer = setTimeout(() => {
      request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
    }, remaining);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('response', (response) => {
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      response.on('aborted', () =>
        request.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
      );
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      });
      response.resume();
    });
    request.end();
  });
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
        url = next;
        continue;
      }
      return { ok: status >= 200 && status < 300, ms: elapsed(), outcome: String(status), answered: true };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, ms: elapsed(), outcome: code, answered: false };
  }
}

export async function probe(settings: ProbeSettings): Promise<ProbeReport> {
  const samples: Sample[] = [];
  for (let i = 0; i < settings.samples; i++) samples.push(await sampleOnce(settings.url, settings.timeoutMs));
  return assessHealth(samples, settings);
}
