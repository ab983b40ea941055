/**
 * Turns the raw action inputs into one typed Settings object, failing before any request
 * with an error that names the input and quotes what was wrong.
 */
import { type Assignment, checkProcessType, parseAssignments, wholeNumber } from '../core/formation.js';
import { InputError, InputErrors, quote, SyntaxProblem } from '../core/input-error.js';
import { type LoadSettings, parseLoadRules } from '../core/load.js';
import { highestQuantities, parseSchedule, type Schedule } from '../core/schedule.js';
import type { NotifySettings, ProbeSettings, Settings, StepSettings } from '../core/settings.js';
import { checkZoneName, dayOf, instantOfLocal } from '../core/zoned-time.js';

/** Reads one input as the runner passes it (a string, '' when unset). */
type InputReader = (name: string) => string;

/** fast-ms when it is not given, unless slow-ms is lower. */
const DEFAULT_FAST_MS = 1000;

const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function wholeNumberInput(input: string, raw: string, min: number, max: number): number {
  return parsed(input, () => wholeNumber(raw.trim(), '', min, max));
}

function booleanInput(input: string, raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false' || text === '') return false;
  throw new InputError(input, `${quote(raw)} is not a boolean; expected true or false`);
}

/**
 * Every refusal of a set of inputs kept, each read going on with its fallback, so that all are
 * told at once; `settle` throws them, one error or all of them in one.
 */
function refusals() {
  const errors: InputError[] = [];
  const take = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(...(error instanceof InputErrors ? error.errors : [error]));
      return fallback;
    }
  };
  const settle = () => {
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new InputErrors(errors);
  };
  return { errors, take, settle };
}

/**
 * A webhook URL carries its key: its errors never quote it. A URL that carries a token
 * (`carries` names it) must be https, except to a loopback simulator.
 */
function httpUrl(input: string, raw: string, secret = false, carries: string | null = null): string {
  const text = raw.trim();
  const shown = secret ? 'the URL (not shown: it is a secret)' : quote(raw);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(input, `${shown} is not a URL; expected http(s)://host/path`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(input, `${shown} is not an http(s) URL (scheme ${quote(url.protocol)})`);
  }
  if (url.username || url.password) {
    throw new InputError(input, 'the URL carries a user name or password; put no credentials in it');
  }
  if (carries && url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    throw new InputError(
      input,
      `${shown} is plain http to a host that is not loopback; ${carries} would travel in clear: use https://`,
    );
  }
  return text;
}

/** Runs a core parser on an input's text; a problem it finds becomes an error that names the input. */
function parsed<T>(input: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SyntaxProblem) throw InputError.of(input, error);
    throw error;
  }
}

function assignmentsInput(input: string, raw: string, process: string, allowSize: boolean): Assignment[] {
  return parsed(input, () => parseAssignments(raw.trim().split(/\s+/), process, allowSize));
}

/**
 * Ceilings per type: an explicit `max`, else the schedule's peak (implicit). Only an explicit
 * ceiling refuses a manual quantity: a manual quantity is the user's own word.
 */
function ceilings(
  raw: string,
  process: string,
  scheduled: Map<string, number>,
  manual: Assignment[] | null,
): { max: Map<string, number>; implicitMax: Set<string> } {
  const max = new Map(scheduled);
  const implicitMax = new Set(scheduled.keys());
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
    implicitMax.delete(type);
  }
  for (const { type, quantity } of manual ?? []) {
    const ceiling = max.get(type);
    if (ceiling !== undefined && !implicitMax.has(type) && quantity > ceiling) {
      throw new InputError('quantity', `${type}=${quantity} is above max ${type}=${ceiling}`);
    }
  }
  return { max, implicitMax };
}

function timeZoneInput(raw: string, warnings: string[]): string {
  const timezone = (raw || 'UTC').trim();
  const check = checkZoneName(timezone);
  switch (check.kind) {
    case 'unknown':
      throw new InputError(
        'timezone',
        `${quote(timezone)} is not a known IANA time zone, e.g. Europe/London`,
      );
    case 'abbreviation':
      throw new InputError(
        'timezone',
        `${quote(timezone)} is an abbreviation, not an IANA zone name: it would be read as ${check.behaviour}; write the IANA name you mean, most likely ${check.meant}`,
      );
    case 'alias':
      warnings.push(
        `timezone ${quote(timezone)} is a legacy name for ${check.canonical}; it works the same, but write ${check.canonical}`,
      );
      return timezone;
    default:
      return timezone;
  }
}

/** Loopback hosts, where a local simulator may speak plain HTTP. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
}

/**
 * The API base URL carries the token to whoever answers: HTTPS only, except to a loopback
 * simulator, and nothing that could change where a path lands (a query, a fragment, credentials).
 */
function apiUrl(raw: string): string {
  const text = httpUrl('api-url', raw || 'https://api.heroku.com', false, 'the token');
  const url = new URL(text);
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    throw new InputError(
      'api-url',
      `${quote(raw)} has a query or a fragment; expected a base URL such as https://api.heroku.com`,
    );
  }
  return text.replace(/\/+$/, '');
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
  const slowMs = wholeNumberInput('slow-ms', read('slow-ms') || '5000', 1, 600_000);
  // Unset, fast-ms follows slow-ms down: only two explicit values can contradict each other.
  const fastText = read('fast-ms').trim();
  const fastMs =
    fastText === '' ? Math.min(DEFAULT_FAST_MS, slowMs) : wholeNumberInput('fast-ms', fastText, 0, 600_000);
  if (fastMs > slowMs) {
    throw new InputError('fast-ms', `${fastMs} is above slow-ms ${slowMs}; expected fast-ms at most slow-ms`);
  }
  const settings = {
    samples: wholeNumberInput('health-samples', read('health-samples') || '3', 1, 20),
    timeoutMs: wholeNumberInput('health-timeout-ms', read('health-timeout-ms') || '10000', 1, 120_000),
    slowMs,
    fastMs,
  };
  const url = read('health-url').trim();
  return url === '' ? null : { url: httpUrl('health-url', url), ...settings };
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** `Name: value`; the value is a secret and never quoted. */
function metricsHeader(raw: string): LoadSettings['header'] {
  const text = raw.trim();
  if (text === '') return null;
  const colon = text.indexOf(':');
  const name = colon < 0 ? '' : text.slice(0, colon).trim();
  const value = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (!HEADER_NAME.test(name) || value === '' || /[\r\n\0]/.test(value)) {
    throw new InputError(
      'metrics-header',
      'is not one header "Name: value" on one line, e.g. "Authorization: Bearer <token>" (the value is not shown: it is a secret)',
    );
  }
  return { name, value };
}

/**
 * The load rules and where their figures come from. Each rule's type needs a floor (the
 * schedule names it) and a ceiling of its own (`max` names it), or load could never move it.
 */
function loadInput(
  read: InputReader,
  schedule: Schedule | null,
  ceilings: { max: Map<string, number>; implicitMax: Set<string> },
): LoadSettings | null {
  const source = read('load');
  const rawUrl = read('metrics-url').trim();
  const { rules, problems } = parseLoadRules(source);
  const { errors, take, settle } = refusals();
  errors.push(...problems.map((p) => InputError.of('load', p)));
  const header = take(() => metricsHeader(read('metrics-header')), null);
  const given = rules.length > 0 || problems.length > 0;
  if (!given && rawUrl === '' && header === null && errors.length === 0) return null;
  // The URL carries a token (HireFire's is in its path): a secret, never quoted.
  const url = rawUrl === '' ? '' : take(() => httpUrl('metrics-url', rawUrl, true, 'its token'), '');
  if (!given)
    errors.push(
      new InputError(
        'load',
        `is empty while ${rawUrl !== '' ? 'metrics-url' : 'metrics-header'} is given; give one rule a line, e.g. "worker: worker per 250", or clear ${rawUrl !== '' ? 'metrics-url' : 'metrics-header'}`,
      ),
    );
  if (given && rawUrl === '')
    errors.push(
      new InputError(
        'metrics-url',
        'is empty while load gives rules; give the URL that serves the figures, e.g. https://app.example.com/hirefire/<token>/info',
      ),
    );
  for (const rule of schedule ? rules : []) {
    const line = { number: rule.line, text: rule.text };
    if (!schedule?.types.includes(rule.type)) {
      errors.push(
        new InputError(
          'load',
          `the schedule does not name ${rule.type}, and it is the floor load scales above; give ${rule.type} a floor in schedule, e.g. "${rule.type}=1"`,
          line,
        ),
      );
    } else if (ceilings.implicitMax.has(rule.type)) {
      const peak = ceilings.max.get(rule.type);
      errors.push(
        new InputError(
          'max',
          `does not name ${rule.type}, so its ceiling is the default, the schedule's peak (${rule.type}=${peak}), and the load rule on line ${rule.line} could never add a dyno; name it, e.g. max: ${rule.type}=${(peak ?? 0) + 3}`,
        ),
      );
    }
  }
  settle();
  return { url, header, rules };
}

export function readNotifySettings(read: InputReader): NotifySettings | null {
  const on = (read('notify-on') || 'failure').trim().toLowerCase();
  if (on !== 'failure' && on !== 'change' && on !== 'always') {
    throw new InputError('notify-on', `${quote(read('notify-on'))} is not one of failure, change, always`);
  }
  const url = read('notify-url').trim();
  return url === '' ? null : { url: httpUrl('notify-url', url, true), on };
}

/**
 * Every input of one app, read and checked. Each input is read on its own, so that every
 * mistake is told at once; one that others depend on (the process type, the time zone, the
 * schedule) stands in with its default for them, and only its own mistake is told.
 */
export function readSettings(read: InputReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const { errors, take, settle } = refusals();
  const app = read('app').trim();
  take(() => {
    if (!APP_NAME.test(app) && !UUID.test(app)) {
      throw new InputError(
        'app',
        `${quote(app)} is not a Heroku app name (lower-case letters, digits and dashes, 3 to 30, starting with a letter) or app id`,
      );
    }
  }, undefined);
  const processType = take(() => {
    const text = (read('process') || 'web').trim();
    parsed('process', () => checkProcessType(text));
    return text;
  }, 'web');
  const warnings: string[] = [];
  const timezone = take(() => timeZoneInput(read('timezone'), warnings), 'UTC');
  const quantityText = read('quantity').trim();
  const rules = take(() => parsed('schedule', () => parseSchedule(read('schedule'), processType)), null);
  // A schedule of only comments and blank lines says nothing: treat it as empty.
  const schedule = rules === null || rules.rules.length === 0 ? null : rules;
  if (rules !== null && !schedule && quantityText === '') {
    errors.push(new InputError('schedule', 'empty; give a schedule, or a quantity for a manual run'));
  }
  const manual = take(
    () => (quantityText === '' ? null : assignmentsInput('quantity', quantityText, processType, true)),
    null,
  );
  const { max, implicitMax } = take(
    () => ceilings(read('max'), processType, schedule ? highestQuantities(schedule) : new Map(), manual),
    { max: new Map<string, number>(), implicitMax: new Set<string>() },
  );
  const load = take(() => loadInput(read, schedule, { max, implicitMax }), null);
  const settings: Settings = {
    app,
    apiKey: take(() => apiKey(read, env), ''),
    schedule,
    timezone,
    process: processType,
    manual,
    max,
    implicitMax,
    dryRun: take(() => booleanInput('dry-run', read('dry-run')), false),
    apiUrl: take(() => apiUrl(read('api-url')), ''),
    apiTimeoutMs: take(
      () => wholeNumberInput('api-timeout-ms', read('api-timeout-ms') || '15000', 100, 120_000),
      0,
    ),
    apiAttempts: take(() => wholeNumberInput('api-attempts', read('api-attempts') || '4', 1, 10), 0),
    cooldownMinutes: take(
      () => wholeNumberInput('cooldown-minutes', read('cooldown-minutes') || '10', 0, 1440),
      0,
    ),
    leadMinutes: take(() => wholeNumberInput('lead-minutes', read('lead-minutes') || '0', 0, 1440), 0),
    probe: take(() => probeSettings(read), null),
    pause: take(() => pauseInput(read('pause-until'), timezone), null),
    maintenanceWhenZero: take(
      () => booleanInput('maintenance-when-zero', read('maintenance-when-zero')),
      false,
    ),
    load,
    predict: take(() => booleanInput('predict', read('predict')), false),
    warnings,
  };
  settle();
  if (settings.predict && !settings.load)
    warnings.push(
      'predict raises the floor only of types with a load rule, and load gives none; it has no effect',
    );
  return settings;
}

const PAUSE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/i;

/**
 * `true`, or an ISO 8601 time; without an offset it is read in `timezone`. What does not name
 * exactly one instant (Feb 30, 25:00, an offset of +05:60) is refused, never taken as expired.
 */
function pauseInput(raw: string, timezone: string): Settings['pause'] {
  const text = raw.trim();
  if (text === '' || text.toLowerCase() === 'false') return null;
  if (text.toLowerCase() === 'true') return { until: null, text };
  const refused = (why: string) =>
    new InputError(
      'pause-until',
      `${quote(raw)} ${why}; expected true or a time like 2026-12-01T08:00 (read in ${timezone}) or 2026-12-01T08:00Z`,
    );
  const m = PAUSE_TIME.exec(text);
  if (!m) throw refused('is not a time');
  const day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (Number.isNaN(day)) throw refused('is not a day of the calendar');
  const [hour, minute, second] = [m[4], m[5], m[6]].map((v) => Number(v ?? 0));
  if (hour > 23 || minute > 59 || second > 59) throw refused('is not a time of day');
  const local = day * 86_400_000 + (hour * 60 + minute) * 60_000 + second * 1000;
  let until: number;
  if (m[7]) until = local;
  else if (m[8]) {
    const [offsetHours, offsetMinutes] = [Number(m[9]), Number(m[10])];
    if (offsetHours > 23 || offsetMinutes > 59)
      throw refused(`has an offset ${m[8]}${m[9]}:${m[10]} that is not a UTC offset`);
    until = local - (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  } else until = instantOfLocal(day, hour * 60 + minute, timezone) + second * 1000;
  if (!Number.isFinite(until)) throw refused('does not name one instant');
  return { until, text };
}

function positiveList(raw: string): string[] | null {
  const items = raw
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length === 0 ? null : items;
}

export function readStepSettings(read: InputReader): StepSettings {
  const shardText = read('shard').trim();
  let shard: StepSettings['shard'] = null;
  if (shardText !== '') {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(shardText);
    const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (!m || count < 1 || index < 1 || index > count || count > 256) {
      throw new InputError('shard', `${quote(shardText)} is not K/N with 1 ≤ K ≤ N ≤ 256, e.g. 2/4`);
    }
    shard = { index, count };
  }
  const heartbeat = read('heartbeat-url').trim();
  return {
    config: read('config').trim() || null,
    apps: positiveList(read('apps')),
    shard,
    parallel: wholeNumberInput('parallel', read('parallel') || '16', 1, 32),
    heartbeatUrl: heartbeat === '' ? null : httpUrl('heartbeat-url', heartbeat, true),
    keepalive: booleanInput('keepalive', read('keepalive')),
    githubToken: read('github-token').trim(),
    notify: readNotifySettings(read),
    history: read('history').trim() === '' ? true : booleanInput('history', read('history')),
  };
}
