/**
 * `npm run demo`: the packaged action against the local Heroku API simulator, with the
 * seed schedule, at the real current time.
 */
import { machineClock } from '../simulator/clock.js';
import { startSimulator } from '../simulator/heroku-simulator.js';
import { runAction } from '../simulator/run-action.js';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';

const simulator = await startSimulator({ tokens: ['demo-token'], clock: machineClock });
simulator.addApp('demo-app', [{ type: 'web', quantity: 1, size: 'Standard-1X' }]);
try {
  console.log(`Heroku API simulator on ${simulator.url}; demo-app starts at web=1 (Standard-1X)`);
  console.log(`Schedule (UTC):\n  ${SEED_SCHEDULE.replace(/\n/g, '\n  ')}\n`);
  console.log('--- node dist/index.js ---');
  const run = await runAction({
    inputs: { app: 'demo-app', 'api-key': 'demo-token', schedule: SEED_SCHEDULE, 'api-url': simulator.url },
    clock: machineClock,
  });
  process.stdout.write(run.stdout);
  console.log(`--- exit code ${run.code} in ${Math.round(run.ms)} ms ---\n`);
  console.log('Requests the simulator served:');
  for (const r of simulator.requests) {
    const answer = r.status === 0 ? 'no answer' : r.status;
    console.log(`  ${r.method} ${r.path} -> ${answer}${r.body ? ` ${JSON.stringify(r.body)}` : ''}`);
  }
  console.log('\nOutputs:');
  for (const [name, value] of Object.entries(run.outputs))
    console.log(`  ${name} = ${value.replace(/\n/g, '\n    ')}`);
  console.log(`\nFormation now: ${JSON.stringify(simulator.quantities('demo-app'))}`);
  console.log('\n--- job summary (GITHUB_STEP_SUMMARY, Markdown) ---');
  process.stdout.write(run.summary);
  process.exitCode = run.code;
} finally {
  await simulator.close();
}
