/**
 * The one clock of the simulators, the harness and the tests. A test sets the instant a run
 * sees; the Heroku simulator stamps what it changes with the same instant, and the harness
 * hands it to the action (through libfaketime). Nothing here reads the machine's clock, so no
 * test depends on the day it runs.
 */

export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
}

/** Where a clock starts when nobody sets it: a Monday, in the simulators' own calendar. */
export const SIMULATED_START = '2026-11-30T12:00:00Z';

function instantOf(at: string | number): number {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(at)}`);
  return ms;
}

export class SimulatedClock implements Clock {
  private ms: number;

  constructor(at: string | number = SIMULATED_START) {
    this.ms = instantOf(at);
  }

  now(): number {
    return this.ms;
  }

  set(at: string | number): void {
    this.ms = instantOf(at);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  /** The instant as Heroku writes its timestamps: whole seconds, `Z`. */
  iso(offsetMs = 0): string {
    return new Date(this.ms + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

/**
 * The clock every simulator and harness in a process uses unless given another: one test
 * file, one clock, so the instant a run sees and the instant the simulator stamps agree.
 */
export const sharedClock = new SimulatedClock();

/**
 * The machine's own clock, for what serves or measures real runs rather than tests: the
 * stand-alone simulator, the demo and the benchmark's timings, where faking time would change
 * what is measured. No test takes a fact from it.
 */
export const machineClock: Clock = { now: () => Date.now() }; // wall clock: real runs only
