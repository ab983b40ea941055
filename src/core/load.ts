/**
 * Load rules and the figures they read. Pure: the rules' text in, the rules out (every mistake
 * at once); the body an app served in, one reading per metric out. The body is outside text:
 * it is parsed, never quoted, and a value that is not a finite number is no reading.
 */
import { checkProcessType } from './formation.js';
import { quote, SyntaxProblem } from './input-error.js';

/** `worker: sidekiq.default_latency 10..60 step 2`: keep the metric between low and high. */
export interface BandRule {
  kind: 'band';
  type: string;
  metric: string;
  low: number;
  high: number;
  step: number;
  line: number;
  text: string;
}

/** `worker: worker per 250`: one dyno per `per` of the metric. */
export interface PerRule {
  kind: 'per';
  type: string;
  metric: string;
  per: number;
  line: number;
  text: string;
}

export type LoadRule = BandRule | PerRule;

export interface LoadSettings {
  url: string;
  /** one header to send (a token); its value is a secret */
  header: { name: string; value: string } | null;
  rules: LoadRule[];
}

export type MetricsFormat = 'hirefire' | 'prometheus' | 'json';

/** One metric's figure, or why there is none. */
export type Reading = { ok: true; value: number } | { ok: false; problem: string };

/** What one GET of the metrics URL gave. */
export interface MetricsReport {
  /** the format recognised; null when the answer could not be read at all */
  format: MetricsFormat | null;
  /** one entry per metric the rules name */
  readings: Map<string, Reading>;
}

const NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const METRIC_NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/;
const LABEL = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;
/** Steps and per-values past these are mistakes, not plans. */
const MAX_STEP = 100;

/** A Prometheus selector's name and labels: `q{quantile="0.95"}` → q, [[quantile, 0.95]]. */
export function parseSelector(text: string): { name: string; labels: [string, string][] } | null {
  const brace = text.indexOf('{');
  const name = brace < 0 ? text : text.slice(0, brace);
  if (!METRIC_NAME.test(name)) return null;
  if (brace < 0) return { name, labels: [] };
  if (!text.endsWith('}')) return null;
  const inner = text.slice(brace + 1, -1);
  const labels = parseLabels(inner);
  return labels ? { name, labels } : null;
}

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseLabels(inner: string): [string, string][] | null {
  const labels: [string, string][] = [];
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < inner.length) {
    const at = LABEL.lastIndex;
    const m = LABEL.exec(inner);
    if (!m || m.index !== at) return inner.slice(at).trim() === '' ? labels : null;
    labels.push([m[1], unescapeLabel(m[2])]);
  }
  return labels;
}

/** The metric at the start of `rest`: a name, with labels in braces that may hold spaces. */
function splitMetric(rest: string): { metric: string; tail: string } {
  const brace = rest.search(/[{\s]/);
  if (brace < 0 || rest[brace] !== '{') {
    const [metric, ...tail] = rest.split(/\s+/);
    return { metric, tail: tail.join(' ') };
  }
  let quoted = false;
  for (let i = brace + 1; i < rest.length; i++) {
    const c = rest[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '}' && !quoted) return { metric: rest.slice(0, i + 1), tail: rest.slice(i + 1).trim() };
  }
  return { metric: rest, tail: '' };
}

const EXPECTED = 'expected TYPE: METRIC LOW..HIGH [step N] or TYPE: METRIC per N';

function parseRule(text: string, line: number): LoadRule {
  const colon = text.indexOf(':');
  // A metric may hold colons (Prometheus names do); the type is what comes before the first.
  if (colon <= 0) throw new SyntaxProblem(`${quote(text)} has no process type; ${EXPECTED}`);
  const type = text.slice(0, colon).trim();
  checkProcessType(type);
  if (type !== type.toLowerCase())
    throw new SyntaxProblem(`process type ${quote(type)} is not lower-case, as Heroku names types`);
  const rest = text.slice(colon + 1).trim();
  if (rest === '') throw new SyntaxProblem(`no metric after ${quote(`${type}:`)}; ${EXPECTED}`);
  const { metric, tail } = splitMetric(rest);
  if (!parseSelector(metric) && !METRIC_NAME.test(metric))
    throw new SyntaxProblem(
      `${quote(metric)} is not a metric: expected a name (worker), a dotted path (sidekiq.enqueued) or a selector (name{label="value"})`,
    );
  const words = tail.split(/\s+/).filter((w) => w !== '');
  if (words[0] === 'per') {
    const value = words[1] ?? '';
    if (words.length !== 2 || !NUMBER.test(value) || Number(value) <= 0)
      throw new SyntaxProblem(`${quote(tail)} is not "per N" with N a positive number, e.g. per 250`);
    return { kind: 'per', type, metric, per: Number(value), line, text };
  }
  const band = /^(\S+)\.\.(\S+)$/.exec(words[0] ?? '');
  if (!band) throw new SyntaxProblem(`${quote(tail || rest)} is not LOW..HIGH or per N; ${EXPECTED}`);
  const [low, high] = [band[1], band[2]];
  if (!NUMBER.test(low) || !NUMBER.test(high))
    throw new SyntaxProblem(`${quote(words[0])} is not LOW..HIGH with two numbers, e.g. 10..60`);
  if (Number(low) >= Number(high))
    throw new SyntaxProblem(`${quote(words[0])} has LOW not below HIGH; expected e.g. 10..60`);
  let step = 1;
  if (words.length > 1) {
    const n = words[2] ?? '';
    if (
      words[1] !== 'step' ||
      words.length !== 3 ||
      !/^\d+$/.test(n) ||
      Number(n) < 1 ||
      Number(n) > MAX_STEP
    )
      throw new SyntaxProblem(
        `${quote(words.slice(1).join(' '))} is not "step N" with N a whole number from 1 to ${MAX_STEP}`,
      );
    step = Number(n);
  }
  return { kind: 'band', type, metric, low: Number(low), high: Number(high), step, line, text };
}

/** Every rule of the `load` input, or every mistake in it (each with its line). */
export function parseLoadRules(source: string): { rules: LoadRule[]; problems: SyntaxProblem[] } {
  const rules: LoadRule[] = [];
  const problems: SyntaxProblem[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.replace(/\s#.*$|^#.*$/, '').trim();
    if (text === '') return;
    const line = { number: i + 1, text: raw.trim() };
    try {
      const rule = parseRule(text, i + 1);
      const earlier = rules.find((r) => r.type === rule.type);
      if (earlier)
        throw new SyntaxProblem(
          `a second rule for ${rule.type} (the first is on line ${earlier.line}); give one rule per process type`,
        );
      rules.push(rule);
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      problems.push(new SyntaxProblem(error.message, line));
    }
  });
  return { rules, problems };
}

const finite = (value: unknown): Reading =>
  typeof value === 'number' && Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, problem: typeof value === 'number' ? 'is not a finite number' : 'is not a number' };

const missing = (format: string): Reading => ({ ok: false, problem: `is not in the ${format} answer` });

function hireFireReadings(items: unknown[], metrics: readonly string[]): Map<string, Reading> {
  const readings = new Map<string, Reading>();
  for (const metric of metrics) {
    const found = items.filter(
      (item) => typeof item === 'object' && item !== null && (item as { name?: unknown }).name === metric,
    ) as { value?: unknown }[];
    if (found.length > 1) readings.set(metric, { ok: false, problem: `is named ${found.length} times` });
    else readings.set(metric, found.length === 0 ? missing('HireFire') : finite(found[0].value));
  }
  return readings;
}

function pathReading(root: unknown, metric: string): Reading {
  let at: unknown = root;
  for (const key of metric.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return missing('JSON');
    at = (at as Record<string, unknown>)[key];
  }
  return finite(at);
}

const SAMPLE = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const PROMETHEUS_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** NaN, +Inf and -Inf are valid in the format, but none is a figure to scale on. */
function prometheusValue(text: string): number {
  return PROMETHEUS_NUMBER.test(text) ? Number(text) : Number.NaN;
}

function prometheusReadings(body: string, metrics: readonly string[]): Map<string, Reading> {
  const wanted = metrics.map((metric) => ({ metric, selector: parseSelector(metric) }));
  const names = new Set(wanted.map((w) => w.selector?.name));
  const matches = new Map<string, number[]>(metrics.map((m) => [m, []]));
  const malformed = new Set<string>();
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const name = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line)?.[0];
    if (!name || !names.has(name)) continue;
    const m = SAMPLE.exec(line);
    const labels = m ? parseLabels((m[2] ?? '{}').slice(1, -1)) : null;
    for (const { metric, selector } of wanted) {
      if (selector?.name !== name) continue;
      if (!m || !labels) {
        malformed.add(metric);
        continue;
      }
      const fits = selector.labels.every(([k, v]) => labels.some(([lk, lv]) => lk === k && lv === v));
      if (fits) matches.get(metric)?.push(prometheusValue(m[3]));
    }
  }
  const readings = new Map<string, Reading>();
  for (const { metric, selector } of wanted) {
    const values = matches.get(metric) ?? [];
    if (!selector) readings.set(metric, { ok: false, problem: 'is not a Prometheus selector' });
    else if (values.length > 1)
      readings.set(metric, {
        ok: false,
        problem: `matches ${values.length} samples; add labels to choose one, e.g. ${selector.name}{queue="default"}`,
      });
    else if (values.length === 1) readings.set(metric, finite(values[0]));
    else if (malformed.has(metric))
      readings.set(metric, { ok: false, problem: 'has a line that is not a sample' });
    else readings.set(metric, missing('Prometheus'));
  }
  return readings;
}

/** The same problem for every metric: nothing in the answer could be read. */
export function noReadings(metrics: readonly string[], problem: string): MetricsReport {
  return { format: null, readings: new Map(metrics.map((m) => [m, { ok: false, problem }])) };
}

/**
 * The figures of an answer, its format told by its content: a JSON array is HireFire's info,
 * another JSON object is read by dotted paths, anything else as Prometheus text.
 */
export function readFigures(body: string, contentType: string, metrics: readonly string[]): MetricsReport {
  const text = body.trim();
  if (/^\s*text\/html/i.test(contentType) || /^<(!doctype|html)/i.test(text))
    return noReadings(metrics, 'could not be read: the answer is an HTML page, not metrics (a login page?)');
  if (text.startsWith('[') || text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return noReadings(metrics, 'could not be read: the answer is not valid JSON');
    }
    if (Array.isArray(parsed)) return { format: 'hirefire', readings: hireFireReadings(parsed, metrics) };
    return {
      format: 'json',
      readings: new Map(metrics.map((m) => [m, pathReading(parsed, m)])),
    };
  }
  return { format: 'prometheus', readings: prometheusReadings(body, metrics) };
}

/** The figures read, by the names the rules use; null for a metric with no reading. */
export function figuresOf(report: MetricsReport): Record<string, number | null> {
  return Object.fromEntries([...report.readings].map(([name, r]) => [name, r.ok ? r.value : null]));
}

/** A figure as the page and the log show it: at most three decimals. */
export function formatFigure(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
