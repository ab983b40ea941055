/**
 * Turns the raw action inputs into one typed Settings object, failing before any request
 * with an error that names the input and quotes what was wrong.
 */
import { type Assignment, isProcessType, parseAssignments } from './formation.js';
import { InputError, quote, SyntaxProblem } from './input-error.js';
import type { PolicySettings } from './policy.js';
import { highestQuantities, parseSchedule } from './schedule.js';
import { isKnownTimeZone } from './zoned-time.js';

export type NotifyOn = 'failure' | 'change' | 'always';

export interface ProbeSettings {
  url: string;
  samples: number;
  timeoutMs: number;
  slowMs: number;
  fastMs: number;
}

export interface NotifySettings {
  url: string;
  on: NotifyOn;
}

export interface Settings extends PolicySettings {
  app: string;
  apiKey: string;
  dryRun: boolean;
  apiUrl: string;
  apiTimeoutMs: number;
  apiAttempts: number;
  probe: ProbeSettings | null;
  notify: NotifySettings | null;
}

/** Reads one input as the runner passes it (a string, '' when unset). */
export type InputReader = (name: string) => string;

const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function wholeNumber(input: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new InputError(input, `${quote(raw)} is not a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

function booleanInput(input: string, raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false' || text === '') return false;
  throw new InputError(input, `${quote(raw)} is not a boolean; expected true or false`);
}

function httpUrl(input: string, raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(input, `${quote(raw)} is not a URL; expected http(s)://host/path`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(input, `${quote(raw)} is not an http(s) URL`);
  }
  if (url.username || url.password) {
    throw new InputError(input, 'the URL carries a user name or password; put no credentials in it');
  }
  return text;
}

function assignmentsInput(input: string, raw: string, process: string, allowSize: boolean): Assignment[] {
  try {
    return parseAssignments(raw.trim().split(/\s+/), process, allowSize);
  } catch (error) {
    if (error instanceof SyntaxProblem) throw new InputError(input, error.message);
    throw error;
  }
}

function ceilings(
  raw: string,
  process: string,
  scheduled: Map<string, number>,
  manual: Assignment[] | null,
): Map<string, number> {
  const max = new Map(scheduled);
  const explicit = raw.trim() === '' ? [] : assignmentsInput('max', raw, process, false);
  for (const { type, quantity } of explicit) {
    const highest = scheduled.get(type);
    if (highest !== undefined && highest > quantity) {
      throw new InputError(
        'max',
        `${type}=${quantity} is below ${type}=${highest}, which the schedule gives; raise max or lower the schedule`,
      );
    }
    max.set(type, quantity);
  }
  for (const { type, quantity } of manual ?? []) {
    const ceiling = max.get(type);
    if (ceiling !== undefined && quantity > ceiling) {
      throw new InputError('quantity', `${type}=${quantity} is above max ${type}=${ceiling}`);
    }
  }
  return max;
}

function apiKey(read: InputReader, env: NodeJS.ProcessEnv): string {
  // Never quote the token itself in an error.
  const key = (read('api-key') || env.HEROKU_API_KEY || '').trim();
  if (key === '') {
    throw new InputError(
      'api-key',
      'no API token; set api-key from a secret, or the HEROKU_API_KEY environment variable',
    );
  }
  if (/\s/.test(key))
    throw new InputError('api-key', 'the API token contains white space; expected one token');
  return key;
}

function probeSettings(read: InputReader): ProbeSettings | null {
  const slowMs = wholeNumber('slow-ms', read('slow-ms') || '5000', 1, 600_000);
  const fastMs = wholeNumber('fast-ms', read('fast-ms') || '1000', 0, 600_000);
  if (fastMs > slowMs) {
    throw new InputError('fast-ms', `${fastMs} is above slow-ms ${slowMs}; expected fast-ms at most slow-ms`);
  }
  const settings = {
    samples: wholeNumber('health-samples', read('health-samples') || '3', 1, 20),
    timeoutMs: wholeNumber('health-timeout-ms', read('health-timeout-ms') || '10000', 1, 120_000),
    slowMs,
    fastMs,
  };
  const url = read('health-url').trim();
  return url === '' ? null : { url: httpUrl('health-url', url), ...settings };
}

export function readNotifySettings(read: InputReader): NotifySettings | null {
  const on = (read('notify-on') || 'failure').trim().toLowerCase();
  if (on !== 'failure' && on !== 'change' && on !== 'always') {
    throw new InputError('notify-on', `${quote(read('notify-on'))} is not one of failure, change, always`);
  }
  const url = read('notify-url').trim();
  return url === '' ? null : { url: httpUrl('notify-url', url), on };
}

export function readSettings(read: InputReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const app = read('app').trim();
  if (!APP_NAME.test(app) && !UUID.test(app)) {
    throw new InputError(
      'app',
      `${quote(app)} is not a Heroku app name (lower-case letters, digits and dashes, 3 to 30, starting with a letter) or app id`,
    );
  }
  const processType = (read('process') || 'web').trim();
  if (!isProcessType(processType)) {
    throw new InputError(
      'process',
      `${quote(processType)} is not a process type name (letters, digits, - and _)`,
    );
  }
  const timezone = (read('timezone') || 'UTC').trim();
  if (!isKnownTimeZone(timezone)) {
    throw new InputError('timezone', `${quote(timezone)} is not a known IANA time zone, e.g. Europe/London`);
  }
  const scheduleText = read('schedule');
  const quantityText = read('quantity').trim();
  const parsed = parseSchedule(scheduleText, processType);
  // A schedule of only comments and blank lines says nothing: treat it as empty.
  const schedule = parsed.rules.length === 0 ? null : parsed;
  if (!schedule && quantityText === '') {
    throw new InputError('schedule', 'empty; give a schedule, or a quantity for a manual run');
  }
  const manual = quantityText === '' ? null : assignmentsInput('quantity', quantityText, processType, true);
  const max = ceilings(read('max'), processType, schedule ? highestQuantities(schedule) : new Map(), manual);
  return {
    app,
    apiKey: apiKey(read, env),
    schedule,
    timezone,
    process: processType,
    manual,
    max,
    dryRun: booleanInput('dry-run', read('dry-run')),
    apiUrl: httpUrl('api-url', read('api-url') || 'https://api.heroku.com').replace(/\/+$/, ''),
    apiTimeoutMs: wholeNumber('api-timeout-ms', read('api-timeout-ms') || '15000', 100, 120_000),
    apiAttempts: wholeNumber('api-attempts', read('api-attempts') || '4', 1, 10),
    cooldownMinutes: wholeNumber('cooldown-minutes', read('cooldown-minutes') || '10', 0, 1440),
    leadMinutes: wholeNumber('lead-minutes', read('lead-minutes') || '0', 0, 1440),
    probe: probeSettings(read),
    notify: readNotifySettings(read),
  };
}
