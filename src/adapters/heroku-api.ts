/**
 * The Heroku Platform API v3, as far as formations go: list and batch update, with
 * timeouts on every request and bounded retries of what is worth retrying.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isPlausibleSizeName, isProcessType, type ProcessFormation } from '../core/formation.js';
import { messageOf } from '../core/input-error.js';
import type { FormationUpdate } from '../core/policy.js';
import { clip } from '../text/redaction.js';
import { errorCode, send } from './http.js';

const ACCEPT = 'application/vnd.heroku+json; version=3';
/** Heroku refills an account's bucket of API calls at about this rate (Dev Center, "Platform API Reference: Rate Limits"). */
const USER_AGENT = 'heroku-autoscale-action';
/** Pages of a formation list followed at most: 5 pages of up to 1000 items is far more than any app has. */
export const MAX_PAGES = 5;
/** Bytes read of one answer: a formation list is a few kilobytes; a full page of 1000 items is under 1 MiB. */
export const MAX_ANSWER_BYTES = 1024 * 1024;
/** Characters of an error message quoted from Heroku. */
const MAX_QUOTED = 300;
/** Waiting longer than this for a Retry-After would outlast a scheduled run. */
const MAX_RETRY_AFTER_MS = 30_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;

interface RequestTrace {
  method: string;
  path: string;
  attempt: number;
  /** status code, or the network error's code */
  outcome: string;
  ms: number;
  requestId: string;
}

interface HerokuApiOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** tries per request, the first included */
  attempts: number;
  onTrace?: (trace: RequestTrace) => void;
  /** told before each wait between attempts: why, and for how long */
  onRetry?: (retry: { message: string; waitMs: number }) => void;
}

export class HerokuApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly id: string,
    readonly requestId: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'HerokuApiError';
  }
}

/**
 * The longest one API call can take, retries and waits included: every attempt is cut at
 * `timeoutMs` from connect to last byte, and each wait between attempts is the backoff or a
 * Retry-After, which is never waited beyond MAX_RETRY_AFTER_MS.
 */
export function worstCaseMs(options: Pick<HerokuApiOptions, 'timeoutMs' | 'attempts'>): number {
  let total = options.attempts * options.timeoutMs;
  for (let retry = 1; retry < options.attempts; retry++)
    total += Math.max(backoffMs(retry), MAX_RETRY_AFTER_MS);
  return total;
}

/** The longest the API part of a run can take: every page of the list, then one update. */
export function runWorstCaseMs(options: Pick<HerokuApiOptions, 'timeoutMs' | 'attempts'>): number {
  return (MAX_PAGES + 1) * worstCaseMs(options);
}

function backoffMs(retry: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** (retry - 1), BACKOFF_MAX_MS);
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function retryAfterMs(headers: IncomingHttpHeaders, now: number): number | null {
  const value = header(headers, 'retry-after').trim();
  if (value === '') return null;
  const seconds = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_MS) : null;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function describeFailure(status: number, id: string, message: string, app: string): string {
  const said = `${status} ${id}: ${message}`;
  switch (status) {
    case 401:
      return `Heroku rejected the API token as invalid or expired (${said}); create a new one and update the secret`;
    case 403:
      return `the API token may not manage app "${app}" (${said})`;
    case 404:
      return `app "${app}" was not found, or the token's account cannot see it (${said})`;
    case 429:
      return `Heroku's rate limit for this account is used up (${said})`;
    default:
      return `Heroku API error (${said})`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One formation item from the API, or an error naming what is off. */
function toProcessFormation(item: unknown): ProcessFormation {
  if (!isRecord(item)) throw new Error('a formation item is not an object');
  const { type, quantity, updated_at: updatedAt } = item;
  const size =
    isRecord(item.dyno_size) && typeof item.dyno_size.name === 'string' ? item.dyno_size.name : item.size;
  if (typeof type !== 'string' || !isProcessType(type)) {
    throw new Error('a formation item has no type, or one that cannot be a process type name');
  }
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) {
    throw new Error(`formation item ${type} has no whole quantity`);
  }
  if (typeof size !== 'string' || !isPlausibleSizeName(size)) {
    throw new Error(`formation item ${type} has no size, or one that cannot be a dyno size name`);
  }
  const updated = typeof updatedAt === 'string' ? Date.parse(updatedAt) : Number.NaN;
  if (Number.isNaN(updated)) throw new Error(`formation item ${type} has no valid updated_at`);
  return { type, quantity, size, updatedAt: updated };
}

/** A formation Heroku could have sent, or an error: a run that cannot trust the answer changes nothing. */
function toFormationList(body: unknown): ProcessFormation[] {
  if (!Array.isArray(body)) throw new Error('the formation is not a list');
  const formation = body.map(toProcessFormation);
  const types = new Set<string>();
  for (const p of formation) {
    if (types.has(p.type)) throw new Error(`process type ${p.type} appears twice in the formation`);
    types.add(p.type);
  }
  return formation;
}

export class HerokuApi {
  /** the lowest RateLimit-Remaining seen, if any response carried one */
  rateLimitRemaining: number | undefined;

  constructor(private readonly options: HerokuApiOptions) {}

  /** The whole formation, following `Next-Range` when the list comes in pages. */
  async listFormation(app: string): Promise<ProcessFormation[]> {
    const items: unknown[] = [];
    let range: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await this.send(app, 'GET', `/apps/${encodeURIComponent(app)}/formation`, null, range);
      const body = parseJson(response.body);
      if (!Array.isArray(body)) throw this.unexpected(response, 'the formation is not a list');
      items.push(...body);
      range = header(response.headers, 'next-range');
      if (response.status !== 206 || range === '') return this.shape(response, items, toFormationList);
    }
    throw new HerokuApiError(`the formation list ran past ${MAX_PAGES} pages`, 206, 'unexpected', '', false);
  }

  /** One batch update carrying only the types that change. */
  async updateFormation(app: string, updates: FormationUpdate[]): Promise<ProcessFormation[]> {
    const body = {
      updates: updates.map((u) =>
        u.size === undefined
          ? { type: u.type, quantity: u.quantity }
          : { type: u.type, quantity: u.quantity, dyno_size: { name: u.size } },
      ),
    };
    // A batch update sets absolute values, so repeating it after a lost response is safe.
    const response = await this.send(app, 'PATCH', `/apps/${encodeURIComponent(app)}/formation`, body);
    return this.shape(response, parseJson(response.body), toFormationList);
  }

  /** Whether the app's maintenance mode is on (`GET /apps/{app}`). */
  async maintenance(app: string): Promise<boolean> {
    const response = await this.send(app, 'GET', `/apps/${encodeURIComponent(app)}`, null);
    return this.shape(response, parseJson(response.body), (body) => {
      if (!isRecord(body) || typeof body.maintenance !== 'boolean')
        throw new Error('the app has no maintenance flag');
      return body.maintenance;
    });
  }

  /** Turns the app's maintenance mode on or off (`PATCH /apps/{app}`), which restarts no dyno. */
  async setMaintenance(app: string, on: boolean): Promise<void> {
    const response = await this.send(app, 'PATCH', `/apps/${encodeURIComponent(app)}`, { maintenance: on });
    this.shape(response, parseJson(response.body), (body) => {
      if (!isRecord(body) || body.maintenance !== on)
        throw new Error('the app did not report the maintenance mode asked for');
      return body;
    });
  }

  private shape<T>(response: RawResponse, body: unknown, convert: (body: unknown) => T): T {
    try {
      return convert(body);
    } catch (error) {
      throw this.unexpected(response, messageOf(error));
    }
  }

  private unexpected(response: RawResponse, what: string): HerokuApiError {
    const requestId = header(response.headers, 'request-id');
    return new HerokuApiError(
      `unexpected response from the Heroku API (${response.status}): ${what}${requestId ? ` (Request-Id: ${requestId})` : ''}`,
      response.status,
      'unexpected',
      requestId,
      false,
    );
  }

  private async send(
    app: string,
    method: 'GET' | 'PATCH',
    path: string,
    body: unknown,
    range?: string,
  ): Promise<RawResponse> {
    const headers: Record<string, string> = {
      Accept: ACCEPT,
      Authorization: `Bearer ${this.options.token}`,
      'User-Agent': USER_AGENT,
    };
    if (body !== null) headers['Content-Type'] = 'application/json';
    if (range) headers.Range = range;
    const data = body === null ? null : JSON.stringify(body);
    let lastError: HerokuApiError | undefined;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      const started = performance.now();
      let waitMs = backoffMs(attempt);
      try {
        const response = await this.attempt(method, path, data, headers);
        const requestId = header(response.headers, 'request-id');
        this.trace({ method, path, attempt, outcome: String(response.status), started, requestId });
        this.noteRateLimit(response.headers);
        if (response.status >= 200 && response.status < 300) {
          if (parseJson(response.body) !== undefined) return response;
          // Often a proxy's error page: worth another try, and never more than MAX_ANSWER_BYTES read.
          lastError = new HerokuApiError(
            `the Heroku API sent a body that is not JSON (${response.status}, ${response.body.length} bytes)`,
            response.status,
            'unexpected',
            requestId,
            true,
          );
        } else {
          lastError = this.failure(app, response);
          if (!lastError.transient) throw lastError;
          waitMs = retryAfterMs(response.headers, Date.now()) ?? waitMs;
        }
      } catch (error) {
        if (error instanceof HerokuApiError) throw error;
        const code = errorCode(error);
        this.trace({ method, path, attempt, outcome: code, started, requestId: '' });
        if (code === 'ETOOLARGE') {
          throw new HerokuApiError(
            `the Heroku API's answer is larger than ${MAX_ANSWER_BYTES} bytes; nothing was read past that`,
            null,
            code,
            '',
            false,
          );
        }
        lastError = new HerokuApiError(
          `could not reach the Heroku API at ${this.options.baseUrl} (${code}: ${clip(messageOf(error), MAX_QUOTED)})`,
          null,
          code,
          '',
          true,
        );
      }
      if (attempt < this.options.attempts) {
        this.options.onRetry?.({
          message: `${method} ${path}: ${lastError.message}; retry ${attempt} in ${waitMs} ms`,
          waitMs,
        });
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    const error = lastError as HerokuApiError;
    error.message = `${error.message} (gave up after ${this.options.attempts} attempts)`;
    throw error;
  }

  private async attempt(
    method: string,
    path: string,
    data: string | null,
    headers: Record<string, string>,
  ): Promise<RawResponse> {
    return send({
      method,
      url: `${this.options.baseUrl}${path}`,
      headers,
      ...(data === null ? {} : { body: data }),
      deadline: performance.now() + this.options.timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
      overflow: 'fail',
    });
  }

  private failure(app: string, response: RawResponse): HerokuApiError {
    const parsed = parseJson(response.body);
    const id = isRecord(parsed) && typeof parsed.id === 'string' ? clip(parsed.id, 60) : 'unknown';
    // Scrubbed of secrets before it is cut, so that no part of a token survives the cut.
    const text = clip(
      isRecord(parsed) && typeof parsed.message === 'string' ? parsed.message : response.body || '(no body)',
      isRecord(parsed) ? MAX_QUOTED : 200,
    );
    const requestId = header(response.headers, 'request-id');
    const transient = response.status === 429 || response.status >= 500;
    return new HerokuApiError(
      `${describeFailure(response.status, id, text, app)}${requestId ? ` (Request-Id: ${requestId})` : ''}`,
      response.status,
      id,
      requestId,
      transient,
    );
  }

  private noteRateLimit(headers: IncomingHttpHeaders): void {
    const value = Number.parseInt(header(headers, 'ratelimit-remaining'), 10);
    if (Number.isInteger(value)) {
      this.rateLimitRemaining = Math.min(this.rateLimitRemaining ?? value, value);
    }
  }

  private trace(t: Omit<RequestTrace, 'ms'> & { started: number }): void {
    const { started, ...rest } = t;
    this.options.onTrace?.({ ...rest, ms: Math.round(performance.now() - started) });
  }
}
