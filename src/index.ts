import { fail } from './effects.js';
import { run } from './main.js';

// run() reports its own failures; anything else that escapes still fails the step, by name.
// Then the step ends, once what it wrote has reached the runner: a cache request cut at its
// deadline must not hold the job open. (Where stdout is asynchronous, as pipes are on macOS,
// an empty write calls back only after the writes before it.)
run()
  .catch((error: unknown) =>
    fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  )
  .finally(() => process.stdout.write('', () => process.exit()));
