/**
 * The API faults the packaged action is run against, with what each must end in. The
 * reliability test runs them and docs/reliability.md is rendered from this same table.
 */
import type { Fault, FaultRule } from '../../simulator/heroku-simulator.js';

/** Settings every fault run uses: seed table at 15:00 UTC with web=1, so a scale to 3 is due. */
export const FAULT_RUN = { attempts: 3, timeoutMs: 800, at: '2026-11-30T15:00:00Z', start: 1, planned: 3 };

export interface FaultCase {
  name: string;
  inject: FaultRule[];
  /** point the action at a closed port instead of the simulator */
  refused?: boolean;
  /** split the formation list into pages of this many */
  pageSize?: number;
  expect: {
    exit: 0 | 1;
    gets: number;
    patches: number;
    web: number;
    /** what the error must say, for failing runs */
    message?: string;
  };
}

const error500: Fault = {
  kind: 'status',
  status: 500,
  body: { id: 'internal_server_error', message: 'Internal server error.' },
};
const statusFault = (status: number): Fault => ({
  kind: 'status',
  status,
  body: { id: 'unavailable', message: `Service unavailable (${status}).` },
});
const rateLimited = (retryAfter: boolean): Fault => ({
  kind: 'status',
  status: 429,
  body: { id: 'rate_limit', message: 'Your account reached the API rate limit.' },
  ...(retryAfter ? { headers: { 'Retry-After': '1' } } : {}),
});

const transient: [string, Fault][] = [
  ['500', error500],
  ['502', statusFault(502)],
  ['503', statusFault(503)],
  ['504', statusFault(504)],
  ['429 with Retry-After: 1', rateLimited(true)],
  ['429 without Retry-After', rateLimited(false)],
  ['connection reset', { kind: 'reset' }],
  ['request that hangs', { kind: 'hang' }],
  ['truncated body', { kind: 'truncate' }],
  ['body that is not JSON', { kind: 'not-json' }],
];

const causes: Record<string, string> = {
  '500': 'Heroku API error (500 internal_server_error',
  '502': 'Heroku API error (502 unavailable',
  '503': 'Heroku API error (503 unavailable',
  '504': 'Heroku API error (504 unavailable',
  '429 with Retry-After: 1': "Heroku's rate limit for this account is used up (429 rate_limit",
  '429 without Retry-After': "Heroku's rate limit for this account is used up (429 rate_limit",
  'connection reset': 'could not reach the Heroku API',
  'request that hangs': 'ETIMEDOUT',
  'truncated body': 'could not reach the Heroku API',
  'body that is not JSON': 'sent a body that is not JSON',
};

export const FAULT_CASES: FaultCase[] = [
  ...transient.map(
    ([name, fault]): FaultCase => ({
      name: `one ${name} on GET`,
      inject: [{ method: 'GET', fault }],
      expect: { exit: 0, gets: 2, patches: 1, web: FAULT_RUN.planned },
    }),
  ),
  ...transient.map(
    ([name, fault]): FaultCase => ({
      name: `lasting ${name} on GET`,
      inject: [{ method: 'GET', fault, times: 99 }],
      expect: { exit: 1, gets: FAULT_RUN.attempts, patches: 0, web: FAULT_RUN.start, message: causes[name] },
    }),
  ),
  {
    name: 'connection refused',
    inject: [],
    refused: true,
    expect: { exit: 1, gets: 0, patches: 0, web: FAULT_RUN.start, message: 'ECONNREFUSED' },
  },
  {
    name: '200 with an unexpected shape',
    inject: [
      { method: 'GET', fault: { kind: 'respond', status: 200, body: [{ type: 'web', quantity: -2 }] } },
    ],
    expect: {
      exit: 1,
      gets: 1,
      patches: 0,
      web: FAULT_RUN.start,
      message: 'unexpected response from the Heroku API',
    },
  },
  {
    name: '206 partial list with Next-Range',
    inject: [],
    pageSize: 1,
    expect: { exit: 0, gets: 2, patches: 1, web: FAULT_RUN.planned },
  },
  {
    name: '206 partial list whose next page keeps failing',
    inject: [{ method: 'GET', withHeader: 'range', fault: statusFault(503), times: 99 }],
    pageSize: 1,
    expect: {
      exit: 1,
      gets: 1 + FAULT_RUN.attempts,
      patches: 0,
      web: FAULT_RUN.start,
      message: '503 unavailable',
    },
  },
  {
    name: 'one 503 on PATCH',
    inject: [{ method: 'PATCH', fault: statusFault(503) }],
    expect: { exit: 0, gets: 1, patches: 2, web: FAULT_RUN.planned },
  },
  {
    name: 'lasting 503 on PATCH',
    inject: [{ method: 'PATCH', fault: statusFault(503), times: 99 }],
    expect: {
      exit: 1,
      gets: 1,
      patches: FAULT_RUN.attempts,
      web: FAULT_RUN.start,
      message: '503 unavailable',
    },
  },
  {
    name: 'one reset on PATCH',
    inject: [{ method: 'PATCH', fault: { kind: 'reset' } }],
    expect: { exit: 0, gets: 1, patches: 2, web: FAULT_RUN.planned },
  },
];
