import { fail } from './effects.js';
import { run } from './main.js';

// run() reports its own failures; anything else that escapes still fails the step, by name.
// Then the step ends: a cache request cut at its deadline must not hold the job open.
run()
  .catch((error: unknown) =>
    fail(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  )
  .finally(() => process.exit());
