/**
 * The apps of a step: one from the inputs, or many from a fleet file (every app's settings
 * checked before any request, chosen by `apps` and `shard`); then run a bounded number at a
 * time, each on its own (one app's failure never touches another's run), sharing one
 * rate-limit budget per token. A single app is a fleet of one: it takes the same path.
 */
import { apiFor, type Recall, runApp } from './app-run.js';
import type { Trigger } from './core/actions-bill.js';
import { InputError, InputErrors, quote } from './core/input-error.js';
import type { AppResult } from './core/outcome.js';
import type { AppRun, Subject } from './core/run-report.js';
import { loadSecrets, type Settings, type StepSettings, withoutSecrets } from './core/settings.js';
import * as effects from './effects.js';
import { type FileProblemKind, readWorkspaceFile } from './inputs/files.js';
import { type ConfigProblem, configErrors, type FleetConfig, TOKEN_ENV_KEY } from './inputs/fleet-file.js';
import { readSettings } from './inputs/inputs.js';

/** A fleet file larger than this is refused unread. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * An app is started only while its token has this many API calls left: enough for every page
 * of its formation, an update, maintenance mode and retries, so that no app is left half-done.
 */
const FLEET_CALL_RESERVE = 20;

/** The action's input names, as the fleet file may use them. */
export const INPUT_NAMES = [
  'app',
  'api-key',
  'schedule',
  'timezone',
  'process',
  'quantity',
  'max',
  'dry-run',
  'api-url',
  'api-timeout-ms',
  'api-attempts',
  'health-url',
  'health-samples',
  'health-timeout-ms',
  'slow-ms',
  'fast-ms',
  'cooldown-minutes',
  'lead-minutes',
  'metrics-url',
  'metrics-header',
  'load',
  'predict',
  'notify-url',
  'notify-on',
  'pause-until',
  'maintenance-when-zero',
  'config',
  'apps',
  'shard',
  'parallel',
  'heartbeat-url',
  'keepalive',
  'github-token',
  'history',
] as const;

/** A stable hash of an app name (FNV-1a, 32 bits): the same shard on every run and every machine. */
export function shardOf(name: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

function readConfigFile(relative: string, env: NodeJS.ProcessEnv): { text: string; file: string } {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const read = readWorkspaceFile(workspace, relative, MAX_CONFIG_BYTES);
  if (read.ok) return { text: read.text, file: relative };
  const hints: Partial<Record<FileProblemKind, string>> = {
    missing: '; check the repository out first (actions/checkout)',
    outside: '; give a path inside the repository',
    folder: '; name the fleet file itself, e.g. ops/autoscale.yml',
  };
  const hint = hints[read.kind] ?? '';
  throw new InputError('config', `${quote(relative)} ${read.problem}${hint}`);
}

/**
 * Each app's settings, from its own keys, then `defaults:`, then the step's inputs (action.yml's
 * defaults under them). Every app is checked; the mistakes of all of them are told at once.
 */
function appSettings(
  config: FleetConfig,
  read: (name: string) => string,
  env: NodeJS.ProcessEnv,
): Settings[] {
  const problems: ConfigProblem[] = [...config.problems];
  const stepErrors: InputError[] = [];
  const settings: Settings[] = [];
  for (const app of config.apps) {
    const hasProblems = config.problems.some((p) => p.app === app.name);
    const value = (name: string) => app.values.get(name) ?? config.defaults.get(name);
    const tokenVar = value(TOKEN_ENV_KEY);
    let token = read('api-key');
    if (tokenVar) {
      token = (env[tokenVar.value] ?? '').trim();
      if (token === '') {
        problems.push({
          line: tokenVar.line,
          detail: `the environment variable ${quote(tokenVar.value)} is empty or not set`,
          app: app.name,
          key: TOKEN_ENV_KEY,
        });
        continue;
      }
      effects.registerSecret(token);
    }
    const reader = (name: string) => {
      if (name === 'app') return app.name;
      if (name === 'api-key') return token;
      return value(name)?.value ?? read(name);
    };
    try {
      settings.push(readSettings(reader, env));
    } catch (caught) {
      if (!(caught instanceof InputError)) throw caught;
      for (const error of caught instanceof InputErrors ? caught.errors : [caught]) {
        const given = value(error.input);
        if (given) {
          problems.push({ line: given.line, detail: error.message, app: app.name });
          continue;
        }
        // An input the app does not give, in an app with a typo already told, is most likely that typo.
        if (hasProblems) continue;
        // Otherwise it is the step's own input (a manual quantity): named as that input, once.
        const detail = `${error.detail} (for app ${quote(app.name)} of ${config.file})`;
        if (!stepErrors.some((e) => e.input === error.input && e.detail === detail))
          stepErrors.push(new InputError(error.input, detail));
      }
    }
  }
  const messages = [
    ...(problems.length > 0 ? [configErrors(config.file, problems).message] : []),
    ...stepErrors.map((e) => e.message),
  ];
  if (messages.length > 0) throw new Error(messages.join('; '));
  return settings;
}

function select(all: Settings[], step: StepSettings): Settings[] {
  let chosen = all;
  if (step.apps) {
    const unknown = step.apps.filter((name) => !all.some((s) => s.app === name));
    if (unknown.length > 0) {
      throw new InputError(
        'apps',
        `${unknown.map((n) => quote(n)).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the fleet file`,
      );
    }
    chosen = chosen.filter((s) => step.apps?.includes(s.app));
  }
  const { shard } = step;
  if (shard) chosen = chosen.filter((s) => shardOf(s.app, shard.count) === shard.index);
  return chosen;
}

/** Runs `tasks` with at most `limit` at once, keeping their order in the results. */
async function bounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The apps' settings, with their metrics URLs and headers masked before anything can print them. */
function masked(apps: Settings[]): Settings[] {
  for (const secret of apps.flatMap(loadSecrets)) effects.registerSecret(secret);
  return apps;
}

/** The apps a step runs, with what it is named by; an input error when any setting is refused. */
export async function readApps(
  step: StepSettings,
  read: (name: string) => string,
  env: NodeJS.ProcessEnv,
): Promise<{ subject: Subject; apps: Settings[] }> {
  if (!step.config)
    return { subject: { kind: 'app', app: read('app').trim() }, apps: masked([readSettings(read, env)]) };
  // A manual quantity in a fleet names the apps it scales: alone, it would set every app.
  if (read('quantity').trim() !== '' && !step.apps) {
    throw new InputError(
      'apps',
      'is empty while quantity is given for a fleet; name the apps the manual quantity scales (e.g. apps: blog), or clear quantity',
    );
  }
  const { text, file } = readConfigFile(step.config, env);
  // The YAML reader is loaded only for a fleet file: a run of one app never pays for it.
  const { parseFleetConfig } = await import('./inputs/fleet-config.js');
  const config = parseFleetConfig(text, file, INPUT_NAMES);
  return { subject: { kind: 'fleet', file }, apps: select(masked(appSettings(config, read, env)), step) };
}

/** Runs every app, at most `parallel` at once; each token's lowest RateLimit-Remaining comes back too. */
export async function runApps(
  chosen: readonly Settings[],
  parallel: number,
  now: number,
  trigger: Trigger,
  recall: (settings: Settings) => Recall = () => ({}),
): Promise<{ runs: AppRun[]; rateLimits: { apps: string[]; remaining: number }[] }> {
  // One budget per token: when it runs low, the apps not yet started are skipped whole.
  const remaining = new Map<string, { apps: string[]; remaining: number }>();
  const results = await bounded(
    chosen.map((settings) => async (): Promise<AppResult> => {
      const left = remaining.get(settings.apiKey)?.remaining;
      if (left !== undefined && left < FLEET_CALL_RESERVE) {
        return {
          kind: 'skipped',
          app: settings.app,
          why: `only ${left} Heroku API calls were left for its token (RateLimit-Remaining); skipped whole rather than left half-done`,
        };
      }
      const api = apiFor(settings);
      const result = await runApp(settings, now, trigger, api, recall(settings));
      if (api.rateLimitRemaining !== undefined) {
        const seen = remaining.get(settings.apiKey) ?? { apps: [], remaining: Number.POSITIVE_INFINITY };
        seen.apps.push(settings.app);
        seen.remaining = Math.min(seen.remaining, api.rateLimitRemaining);
        remaining.set(settings.apiKey, seen);
      }
      return result;
    }),
    parallel,
  );
  return {
    runs: results.map((result, i) => ({ settings: withoutSecrets(chosen[i]), result })),
    rateLimits: [...remaining.values()],
  };
}
