/**
 * The Heroku API simulator as a stand-alone server, for running the action from a workflow
 * (`uses: ./`) or by hand:
 *
 *   node build/simulator/serve.js --port 4010 --token T --app demo-app:web=1,worker=0:standard-2x
 *
 * It prints its URL and serves until it is stopped.
 */
import { parseArgs } from 'node:util';
import { machineClock } from './clock.js';
import { HerokuSimulator, type SimProcess } from './heroku-simulator.js';

/** `demo-app:web=1,worker=0:standard-2x` → the app's name and processes. */
function parseApp(spec: string): { name: string; processes: SimProcess[] } {
  const [name, list = ''] = spec.split(/:(.*)/s, 2);
  const processes = list
    .split(',')
    .filter((item) => item !== '')
    .map((item) => {
      const m = /^([a-z][a-z0-9_-]*)=(\d+)(?::([\w-]+))?$/i.exec(item);
      if (!m) throw new Error(`--app ${JSON.stringify(spec)}: expected name:type=N[:size],…`);
      return { type: m[1], quantity: Number(m[2]), ...(m[3] ? { size: m[3] } : {}) };
    });
  return { name, processes };
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    token: { type: 'string', multiple: true, default: ['test-token'] },
    app: { type: 'string', multiple: true, default: ['demo-app:web=1'] },
  },
});
const simulator = new HerokuSimulator({ tokens: values.token, clock: machineClock });
for (const spec of values.app) {
  const { name, processes } = parseApp(spec);
  simulator.addApp(name, processes);
}
await simulator.start(Number(values.port));
console.log(`Heroku API simulator listening on ${simulator.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
