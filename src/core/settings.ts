/**
 * The typed settings of a run, as the input reader builds them and every layer reads them:
 * declared in the core so that adapters and renderers never import the input reader.
 */
import type { LoadSettings } from './load.js';
import type { PolicySettings } from './policy.js';

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
  /** while in force the run changes nothing; `until` null: until the input is cleared */
  pause: { until: number | null; text: string } | null;
  /** turn maintenance mode on when `process` goes to 0, off when it leaves 0 */
  maintenanceWhenZero: boolean;
  /** the load rules and where their figures come from; null without rules */
  load: LoadSettings | null;
  /** raise the floor of load-ruled types to what the recorded weeks needed ahead */
  predict: boolean;
  /** things to warn about that do not stop the run (a legacy time-zone name) */
  warnings: string[];
}

/** Inputs that belong to the step, whatever the number of apps. */
export interface StepSettings {
  /** the fleet file, relative to the workspace; null for one app from the inputs */
  config: string | null;
  /** only these apps of the fleet, or all */
  apps: string[] | null;
  /** only the apps whose name hashes into shard `index` (1-based) of `count` */
  shard: { index: number; count: number } | null;
  parallel: number;
  heartbeatUrl: string | null;
  keepalive: boolean;
  githubToken: string;
  /** one notification for the step, whatever the number of apps */
  notify: NotifySettings | null;
  /** keep the step's history in the Actions cache */
  history: boolean;
}

/** The settings a run's story carries to every renderer: no token, no metrics URL or header. */
export type RunSettings = Omit<Settings, 'apiKey' | 'load'> & { load: Pick<LoadSettings, 'rules'> | null };

/** The settings without their secrets. */
export function withoutSecrets(settings: Settings): RunSettings {
  const { apiKey: _token, load, ...rest } = settings;
  return { ...rest, load: load ? { rules: load.rules } : null };
}

/** The secrets of one app's settings beyond its token, to mask before anything prints. */
export function loadSecrets(settings: Pick<Settings, 'load'>): string[] {
  const load = settings.load;
  return load ? [load.url, ...(load.header ? [load.header.value] : [])] : [];
}
