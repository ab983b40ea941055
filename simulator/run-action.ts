/**
 * Runs the committed `dist/index.js` as the Actions runner does: INPUT_* variables with
 * action.yml's defaults, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and (through
 * libfaketime) a chosen wall-clock instant.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { type Clock, machineClock, SimulatedClock, sharedClock } from './clock.js';
import { projectRoot } from './project.js';

/** The job token the harness stands in for `${{ github.token }}` with, as the runner would evaluate it. */
export const HARNESS_GITHUB_TOKEN = 'ghs_harness0000000000000000000000000000';

/** The inputs and their defaults, read from action.yml. */
export function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(path.join(projectRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: unknown }>;
  };
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [
      name,
      input.default === undefined ? '' : String(input.default),
    ]),
  );
}

/** A default as the runner passes it: the one expression action.yml uses, evaluated. */
function evaluated(value: string): string {
  return value.replace(/\$\{\{\s*github\.token\s*\}\}/g, HARNESS_GITHUB_TOKEN);
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error::…` and friends, with their messages */
  annotations: { level: string; message: string }[];
  ms: number;
  /** peak resident memory in KiB, when measured */
  maxRssKiB?: number;
}

export interface RunOptions {
  inputs: Record<string, string>;
  /** extra environment, e.g. HEROKU_API_KEY */
  env?: Record<string, string>;
  /** the instant the run sees, ISO 8601 with offset: the clock is set to it; the clock's own when absent */
  at?: string;
  /** the clock the run and the simulators share; the shared clock by default, the machine's for the demo */
  clock?: Clock;
  /** the machine's own TZ; the action must not depend on it */
  machineTz?: string;
  timeoutMs?: number;
  /** run under GNU time and report the peak resident memory */
  measureMemory?: boolean;
}

function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    outputs[m[1]] = value.join('\n');
  }
  return outputs;
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** The wall-clock text libfaketime expects, in the child's own TZ. */
function fakeTimeSpec(ms: number, tz: string): string {
  const instant = new Date(ms);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const f = (t: string) => parts.find((p) => p.type === t)?.value;
  return `@${f('year')}-${f('month')}-${f('day')} ${f('hour')}:${f('minute')}:${f('second')}`;
}

/**
 * What the runner gives the action: INPUT_* for every input (action.yml's defaults under
 * the given ones) and empty GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in `dir`.
 */
export function actionEnvironment(inputs: Record<string, string>, dir: string) {
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = evaluated(value);
  }
  return { env, outputFile, summaryFile };
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'action-run-'));
  const { env: runnerEnv, outputFile, summaryFile } = actionEnvironment(options.inputs, dir);
  const inputs = { ...actionDefaults(), ...options.inputs };
  const tz = options.machineTz ?? 'UTC';
  const env: Record<string, string> = {
    ...runnerEnv,
    TZ: tz,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    ...options.env,
  };
  const entry = path.join(projectRoot, 'dist', 'index.js');
  // Every run sees the clock's instant, never the machine's: the simulators stamp the same one.
  const clock = options.clock ?? sharedClock;
  if (options.at !== undefined) {
    if (!(clock instanceof SimulatedClock))
      throw new Error('a run at a chosen instant needs a simulated clock');
    clock.set(options.at);
  }
  let command = process.execPath;
  let args = [entry];
  if (clock !== machineClock) {
    args = ['-f', fakeTimeSpec(clock.now(), tz), command, ...args];
    command = 'faketime';
    env.FAKETIME_DONT_FAKE_MONOTONIC = '1';
  }
  const timeFile = path.join(dir, 'time');
  if (options.measureMemory) {
    args = ['-f', '%M', '-o', timeFile, command, ...args];
    command = '/usr/bin/time';
  }
  const started = performance.now();
  const child = spawn(command, args, {
    env,
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(timeout);
  const result = buildRun(code, stdout, stderr, outputFile, summaryFile, started);
  if (options.measureMemory)
    result.maxRssKiB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  // Every end-to-end run is checked for the token, wherever it could show.
  const secrets = [inputs['api-key'], options.env?.HEROKU_API_KEY].filter(
    (s): s is string => !!s && s.length >= 6,
  );
  for (const secret of secrets) {
    if (everythingShown(result).includes(secret))
      throw new Error('the API token appears in what the run showed');
  }
  return result;
}

function buildRun(
  code: number,
  stdout: string,
  stderr: string,
  outputFile: string,
  summaryFile: string,
  started: number,
): ActionRun {
  const annotations = [...stdout.matchAll(/^::(error|warning|notice)(?: [^:]*)?::(.*)$/gm)].map((m) => ({
    level: m[1],
    message: unescapeCommand(m[2]),
  }));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    annotations,
    ms: performance.now() - started,
  };
}

/**
 * Every place a run could show a secret. `::add-mask::` lines are how the runner learns
 * what to mask; it never shows them.
 */
export function everythingShown(run: ActionRun): string {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
}

/** How many times the runner was asked to mask exactly this value. */
export function maskCount(run: ActionRun, secret: string): number {
  return run.stdout.split('\n').filter((line) => line === `::add-mask::${secret}`).length;
}
