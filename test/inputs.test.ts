import { describe, expect, it } from '@jest/globals';
import { actionDefaults } from '../simulator/run-action.js';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';
import { InputError } from '../src/core/input-error.js';
import { readSettings, readStepSettings } from '../src/inputs/inputs.js';

function read(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const all: Record<string, string> = {
    ...actionDefaults(),
    app: 'my-app',
    'api-key': 'tok',
    schedule: SEED_SCHEDULE,
    ...inputs,
  };
  return readSettings((name) => all[name] ?? '', env);
}

function refusal(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): InputError {
  try {
    // The step's own inputs (notify-*, shard, parallel…) are read before the app's.
    readStepSettings((name) => inputs[name] ?? actionDefaults()[name] ?? '');
    read(inputs, env);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected the inputs to be refused');
}

describe('settings from inputs', () => {
  it('reads action.yml defaults into typed settings', () => {
    const settings = read({});
    expect(settings).toMatchObject({
      app: 'my-app',
      apiKey: 'tok',
      timezone: 'UTC',
      process: 'web',
      manual: null,
      dryRun: false,
      apiUrl: 'https://api.heroku.com',
      apiTimeoutMs: 15000,
      apiAttempts: 4,
      cooldownMinutes: 10,
      leadMinutes: 0,
      probe: null,
    });
    expect([...settings.max]).toEqual([['web', 3]]);
    expect(settings.schedule?.rules).toHaveLength(3);
  });

  it("falls back to exactly action.yml's defaults when an input is not passed at all", () => {
    const given: Record<string, string> = {
      app: 'my-app',
      'api-key': 'tok',
      schedule: SEED_SCHEDULE,
      'health-url': 'https://x.test/',
    };
    const withDefaults = { ...actionDefaults(), ...given };
    const fromDefaults = readSettings((name) => withDefaults[name] ?? '', {});
    const fromCode = readSettings((name) => given[name] ?? '', {});
    expect(fromCode).toEqual(fromDefaults);
    expect(readStepSettings((name) => given[name] ?? '')).toEqual({
      ...readStepSettings((name) => withDefaults[name] ?? ''),
      // The runner evaluates this default to the job's token; without the runner there is none.
      githubToken: '',
    });
  });

  it('takes the token from HEROKU_API_KEY when api-key is empty', () => {
    expect(read({ 'api-key': '' }, { HEROKU_API_KEY: 'from-env' }).apiKey).toBe('from-env');
  });

  it('reads a manual formation, explicit ceilings and probe settings', () => {
    const settings = read({
      quantity: 'web=2 worker=1:standard-2X',
      max: '5 worker=2',
      'health-url': 'https://example.test/health',
      'dry-run': 'TRUE',
      'api-url': 'http://127.0.0.1:5000/',
    });
    expect(settings.manual).toEqual([
      { type: 'web', quantity: 2 },
      { type: 'worker', quantity: 1, size: 'Standard-2X' },
    ]);
    expect([...settings.max]).toEqual([
      ['web', 5],
      ['worker', 2],
    ]);
    expect(settings.probe).toEqual({
      url: 'https://example.test/health',
      samples: 3,
      timeoutMs: 10000,
      slowMs: 5000,
      fastMs: 1000,
    });
    expect(settings.dryRun).toBe(true);
    expect(settings.apiUrl).toBe('http://127.0.0.1:5000');
  });

  it('allows an empty schedule for a manual run', () => {
    expect(read({ schedule: '', quantity: '2' }).schedule).toBeNull();
  });

  it.each([
    [{ app: 'My_App' }, 'app', '"My_App"'],
    [{ app: '' }, 'app', 'is not a Heroku app name'],
    [{ 'api-key': '' }, 'api-key', 'HEROKU_API_KEY'],
    [{ timezone: 'Mars/Olympus' }, 'timezone', '"Mars/Olympus" is not a known IANA time zone'],
    [{ process: 'web dyno' }, 'process', '"web dyno"'],
    [{ schedule: '' }, 'schedule', 'give a schedule, or a quantity'],
    [{ quantity: 'web=abc' }, 'quantity', '"abc"'],
    [{ quantity: '5', max: '4' }, 'quantity', 'web=5 is above max web=4'],
    [{ timezone: 'CET' }, 'timezone', 'is an abbreviation, not an IANA zone name'],
    [{ process: 'Web' }, 'process', 'lower-case'],
    [{ quantity: 'WEB=3' }, 'quantity', 'write "web"'],
    [{ max: '2' }, 'max', 'web=2 is below web=3'],
    [{ max: 'web=2:basic' }, 'max', 'sets a size'],
    [{ 'dry-run': 'yes' }, 'dry-run', '"yes" is not a boolean'],
    [{ 'api-url': 'ftp://x' }, 'api-url', 'is not an http(s) URL'],
    [{ 'health-url': 'file:///etc/passwd' }, 'health-url', 'is not an http(s) URL'],
    [{ 'health-url': 'https://u:p@x.test/' }, 'health-url', 'credentials'],
    [{ 'health-samples': '0' }, 'health-samples', '"0" is not a whole number from 1 to 20'],
    [{ 'health-timeout-ms': '-5' }, 'health-timeout-ms', '"-5"'],
    [{ 'slow-ms': 'fast' }, 'slow-ms', '"fast"'],
    [{ 'fast-ms': '6000' }, 'fast-ms', 'above slow-ms'],
    [{ 'cooldown-minutes': '1.5' }, 'cooldown-minutes', '"1.5"'],
    [{ 'lead-minutes': '99999' }, 'lead-minutes', '"99999"'],
    [{ 'notify-on': 'sometimes' }, 'notify-on', '"sometimes"'],
  ])('refuses %j naming the input', (inputs, input, fragment) => {
    const error = refusal(inputs);
    expect(error.input).toBe(input);
    expect(error.message).toContain(`Input "${input}"`);
    expect(error.message).toContain(fragment);
  });

  it('takes a manual quantity above the implicit ceiling: only an explicit max refuses one', () => {
    const settings = read({ quantity: '5' });
    expect(settings.manual).toEqual([{ type: 'web', quantity: 5 }]);
    expect(settings.max.get('web')).toBe(3);
    expect(settings.implicitMax.has('web')).toBe(true);
    expect(read({ quantity: '5', max: '6' }).implicitMax.has('web')).toBe(false);
  });

  it('lowers the unset fast-ms to slow-ms, and refuses only two explicit values that contradict', () => {
    expect(read({ 'health-url': 'https://x.test/', 'slow-ms': '800' }).probe).toMatchObject({
      slowMs: 800,
      fastMs: 800,
    });
    expect(read({ 'health-url': 'https://x.test/', 'slow-ms': '8000' }).probe?.fastMs).toBe(1000);
    expect(refusal({ 'slow-ms': '800', 'fast-ms': '900' }).message).toContain('900 is above slow-ms 800');
  });

  it('warns about a legacy zone name and names the canonical one', () => {
    const settings = read({ timezone: 'US/Eastern' });
    expect(settings.timezone).toBe('US/Eastern');
    expect(settings.warnings).toEqual([
      'timezone "US/Eastern" is a legacy name for America/New_York; it works the same, but write America/New_York',
    ]);
    expect(read({ timezone: 'Europe/Kyiv' }).warnings).toEqual([]);
  });

  it('never quotes the token in an error', () => {
    const error = refusal({ 'api-key': 'has space-secret' });
    expect(error.message).not.toContain('space-secret');
  });
});

describe('every mistake at once', () => {
  it('tells every refused input of one app in one error, each named, in the order they are read', () => {
    const error = refusal({ timezone: 'EST', 'dry-run': 'yes', 'lead-minutes': '-1' });
    expect(error.message).toMatch(/^3 inputs are refused: \(1\) Input "timezone": "EST" is an abbreviation/);
    expect(error.message).toContain('(2) Input "dry-run": "yes" is not a boolean');
    expect(error.message).toContain('(3) Input "lead-minutes": "-1"');
  });

  it('tells only its own mistake for an input others depend on', () => {
    // A bad time zone stands in as UTC for pause-until, which is then read without a second error.
    const error = refusal({ timezone: 'Mars/Olympus', 'pause-until': '2026-12-01T08:00' });
    expect(error.message).toMatch(/^Input "timezone": "Mars\/Olympus" is not a known IANA time zone/);
  });
});
