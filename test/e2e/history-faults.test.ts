/** Memory across runs when the cache service refuses or hangs: the run still scales, and warns once. */
import { describe, expect, it } from '@jest/globals';
import { startCacheService } from '../../simulator/cache-service.js';
import { startSimulator } from '../../simulator/heroku-simulator.js';
import { runAction } from '../../simulator/run-action.js';
import { SEED_SCHEDULE } from '../../simulator/seed-schedule.js';
import { runner } from '../support/history-runner.js';

const TOKEN = 'hrku-history-secret-31337';

// Each case waits out the 10 s deadline: a file of their own lets them wait beside the other tests.
describe('a cache service that does not serve', () => {
  it.concurrent.each([
    ['the cache service refuses (500)', { on: 'all', fault: { kind: 'status', status: 500 } }],
    ['the cache service hangs past the deadline', { on: 'all', fault: { kind: 'hang' } }],
  ] as const)(
    'still scales and warns once when %s',
    async (_name, fault) => {
      const service = await startCacheService();
      service.fault = fault;
      try {
        const local = await startSimulator({ tokens: [TOKEN] });
        local.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
        const result = await runAction({
          inputs: { app: 'shop-app', 'api-key': TOKEN, 'api-url': local.url, schedule: SEED_SCHEDULE },
          env: { ...service.env(), ...runner('7 * * * *') },
          at: '2026-11-30T15:00:00Z',
        });
        await local.close();
        expect(result.code).toBe(0);
        expect(local.quantities('shop-app')).toEqual({ web: 3 });
        // One warning: a service that did not answer the restore in time is not asked to save.
        const history = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
        expect(history).toEqual([
          expect.stringMatching(
            /a fresh history starts with this run; not saved, as the cache did not answer/,
          ),
        ]);
        expect(result.annotations.filter((a) => a.level === 'error')).toEqual([]);
      } finally {
        await service.close();
      }
    },
    30_000,
  );
});
