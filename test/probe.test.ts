import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type AppServer, startAppServer } from '../simulator/app-server.js';
import { MAX_REDIRECTS, probe, sampleOnce } from '../src/adapters/probe.js';
import { assessHealth, median } from '../src/core/health.js';

let app: AppServer;
beforeEach(async () => {
  app = await startAppServer();
});
afterEach(() => app.close());

const settings = (url: string, samples = 3, timeoutMs = 2000) => ({
  url,
  samples,
  timeoutMs,
  slowMs: 500,
  fastMs: 100,
});

describe('a probe sample', () => {
  it('reads a 600 ms response as 600 ms, not 0', async () => {
    app.behave({ kind: 'ok', delayMs: 600 });
    const sample = await sampleOnce(`${app.url}/health`, 5000);
    expect(sample.ok).toBe(true);
    expect(sample.ms).toBeGreaterThanOrEqual(595);
    expect(sample.ms).toBeLessThan(700);
  });

  it('fails on a status outside 2xx, after redirects', async () => {
    app.behave({ kind: 'redirect', location: '/elsewhere' }, { kind: 'ok', status: 503 });
    expect(await sampleOnce(app.url, 2000)).toMatchObject({ ok: false, outcome: '503' });
    expect(app.requests.map((r) => r.path)).toEqual(['/', '/elsewhere']);
  });

  it('follows a few redirects, no more', async () => {
    app.behave({ kind: 'redirect', location: '/again' });
    expect(await sampleOnce(app.url, 2000)).toMatchObject({ ok: false, outcome: 'too many redirects' });
    expect(app.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('reads a closed port as a failure, quickly', async () => {
    const sample = await sampleOnce('http://127.0.0.1:9/health', 5000);
    expect(sample).toMatchObject({ ok: false, outcome: 'ECONNREFUSED' });
    expect(sample.ms).toBeLessThan(1000);
  });

  it('cuts a hang at the timeout', async () => {
    app.behave({ kind: 'hang' });
    const sample = await sampleOnce(app.url, 300);
    expect(sample).toMatchObject({ ok: false, outcome: 'ETIMEDOUT' });
    expect(sample.ms).toBeGreaterThanOrEqual(295);
    expect(sample.ms).toBeLessThan(800);
  });

  it('reads a reset as a failure', async () => {
    app.behave({ kind: 'reset' });
    expect(await sampleOnce(app.url, 2000)).toMatchObject({ ok: false, outcome: 'ECONNRESET' });
  });

  it('sends no credentials', async () => {
    await sampleOnce(app.url, 2000);
    expect(app.requests[0].headers.authorization).toBeUndefined();
    expect(app.requests[0].headers.cookie).toBeUndefined();
  });
});

describe('health from samples', () => {
  it('takes the median of the successful samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it.each([
    [[200, 300, 250], 0, 'healthy', false],
    [[50, 60, 70], 0, 'healthy', true],
    [[50, 60], 1, 'healthy', false],
    [[600, 700, 800], 0, 'slow', false],
    [[50], 2, 'down', false],
    [[], 3, 'down', false],
  ])('%j with %i failed is %s (fast: %s)', (ms, failed, health, fast) => {
    const samples = [
      ...ms.map((m) => ({ ok: true, ms: m, outcome: '200', answered: true })),
      ...Array.from({ length: failed }, () => ({ ok: false, ms: 1, outcome: '500', answered: true })),
    ];
    expect(assessHealth(samples, { slowMs: 500, fastMs: 100 })).toMatchObject({ health, fast });
  });

  it('probes one sample after another', async () => {
    app.behave({ kind: 'ok', status: 500 }, { kind: 'ok', delayMs: 50 }, { kind: 'ok', delayMs: 50 });
    const report = await probe(settings(app.url));
    expect(report.samples.map((s) => s.outcome)).toEqual(['500', '200', '200']);
    expect(report).toMatchObject({ health: 'healthy', failed: 1, fast: false });
  });
});
