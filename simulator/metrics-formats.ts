/**
 * The load figures an app serves, in the formats the action reads, as the libraries that
 * serve them write them: HireFire's info JSON (hirefire-resource), Prometheus text exposition
 * (yabeda-prometheus, rq-exporter, celery-exporter, prom-client), Sidekiq's web `/stats` and
 * Flower's queue lengths; and broken versions of each, as a misconfigured app answers.
 */
import type { Answer, AppBehaviour } from './app-server.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const PROMETHEUS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** `GET /hirefire/<token>/info`: one entry per process type. */
export function hireFireInfo(values: Record<string, number | string | null>): Answer {
  const body = JSON.stringify(Object.entries(values).map(([name, value]) => ({ name, value })));
  return { kind: 'ok', body, contentType: JSON_TYPE };
}

export interface Sample {
  name: string;
  labels?: Record<string, string>;
  value: number | 'NaN' | '+Inf' | '-Inf';
}

/** A Prometheus text exposition with HELP and TYPE lines, as a client library writes it. */
export function prometheusText(samples: readonly Sample[]): Answer {
  const names = [...new Set(samples.map((s) => s.name))];
  const lines = names.flatMap((name) => [
    `# HELP ${name} ${name.replace(/_/g, ' ')}`,
    `# TYPE ${name} gauge`,
    ...samples
      .filter((s) => s.name === name)
      .map((s) => {
        const labels = Object.entries(s.labels ?? {})
          .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
          .join(',');
        return `${name}${labels ? `{${labels}}` : ''} ${s.value}`;
      }),
  ]);
  return { kind: 'ok', body: `${lines.join('\n')}\n`, contentType: PROMETHEUS_TYPE };
}

/** Sidekiq's web UI `/stats`. */
export function sidekiqStats(stats: { enqueued: number; defaultLatency: number; busy?: number }): Answer {
  const body = JSON.stringify({
    sidekiq: {
      processed: 1_204_331,
      failed: 117,
      busy: stats.busy ?? 0,
      processes: 2,
      enqueued: stats.enqueued,
      scheduled: 3,
      retries: 0,
      dead: 0,
      default_latency: stats.defaultLatency,
    },
    redis: { redis_version: '7.2.4', uptime_in_days: '12', connected_clients: '9' },
    server_utc_time: '10:00:00 UTC',
  });
  return { kind: 'ok', body, contentType: JSON_TYPE };
}

/** Flower's `GET /api/queues/length`. */
export function flowerQueues(queues: Record<string, number>): Answer {
  const body = JSON.stringify({
    active_queues: Object.entries(queues).map(([name, messages]) => ({ name, messages })),
  });
  return { kind: 'ok', body, contentType: JSON_TYPE };
}

/** What a misconfigured or failing metrics endpoint answers. */
export const BROKEN = {
  /** the app's login page, as an endpoint behind authentication answers a request without it */
  loginPage: {
    kind: 'ok',
    body: '<!DOCTYPE html><html><body><form action="/login">Sign in</form></body></html>',
    contentType: 'text/html; charset=utf-8',
  },
  /** JSON cut off in the middle */
  cutJson: { kind: 'ok', body: '[{"name":"worker","value":4', contentType: JSON_TYPE },
  /** a figure that is not a number */
  stringValue: hireFireInfo({ worker: 'lots' }),
  serverError: { kind: 'ok', status: 500, body: 'Internal Server Error' },
  /** an answer past the byte cap */
  huge: { kind: 'ok', body: `# ${'x'.repeat(300 * 1024)}\n`, contentType: PROMETHEUS_TYPE },
  hang: { kind: 'hang' },
  reset: { kind: 'reset' },
} satisfies Record<string, AppBehaviour>;
