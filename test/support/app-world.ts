/**
 * The stand-ins a run that reads load figures and keeps a history talks to: Heroku's API, the
 * app (health and figures) and the cache service, started before a file's tests and closed after.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { type AppServer, startAppServer } from '../../simulator/app-server.js';
import { type CacheService, startCacheService } from '../../simulator/cache-service.js';
import { type HerokuSimulator, startSimulator } from '../../simulator/heroku-simulator.js';

export interface AppWorld {
  sim: HerokuSimulator;
  site: AppServer;
  cache: CacheService;
}

/** The world, filled in by `beforeAll`: read its fields inside tests. */
export function appWorld(token: string): AppWorld {
  const world = {} as AppWorld;
  beforeAll(async () => {
    world.sim = await startSimulator({ tokens: [token] });
    world.site = await startAppServer();
    world.cache = await startCacheService();
  });
  afterAll(async () => {
    await Promise.all([world.sim.close(), world.site.close(), world.cache.close()]);
  });
  return world;
}
