/**
 * What a fleet file says and how its mistakes are told, without the YAML reader: a run of one
 * app never loads that (`fleet-config.ts` is imported only when a fleet file is read).
 */
import { InputError, quote } from '../core/input-error.js';

/** The one key that is not an input: the environment variable holding this app's token. */
export const TOKEN_ENV_KEY = 'api-key-env';

export interface ConfigValue {
  value: string;
  line: number;
}

export interface AppConfig {
  name: string;
  line: number;
  values: Map<string, ConfigValue>;
}

export interface FleetConfig {
  file: string;
  defaults: Map<string, ConfigValue>;
  apps: AppConfig[];
  /** mistakes that leave the rest of the file readable (a typo, a key twice): told with every other */
  problems: ConfigProblem[];
}

/** Where a problem in the fleet file is: the line, and the app and key when there are ones. */
export interface ConfigProblem {
  line: number;
  detail: string;
  app?: string;
  key?: string;
}

function placeOf(problem: ConfigProblem): string {
  return [
    `line ${problem.line}`,
    problem.app !== undefined ? `app ${quote(problem.app)}` : '',
    problem.key !== undefined ? `key ${quote(problem.key)}` : '',
  ]
    .filter((part) => part !== '')
    .join(', ');
}

/** An error in the fleet file, named by file, line, app and key. */
export function configError(
  file: string,
  line: number,
  detail: string,
  app?: string,
  key?: string,
): InputError {
  return configErrors(file, [{ line, detail, app, key }]);
}

/** Every problem of the file in one error, in the file's order, on one line as an annotation shows it. */
export function configErrors(file: string, problems: readonly ConfigProblem[]): InputError {
  if (problems.length === 1)
    return new InputError('config', `${file} ${placeOf(problems[0])}: ${problems[0].detail}`);
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const told = sorted.map((p, i) => `(${i + 1}) ${placeOf(p)}: ${p.detail}`);
  return new InputError('config', `${problems.length} problems in ${file}: ${told.join('; ')}`);
}
