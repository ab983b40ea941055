/**
 * The history's store: the repository's Actions cache, through `@actions/cache` (loaded only
 * when history is used). Cache keys are immutable, so each run saves one entry under a key
 * that ends in the run id and attempt, and restores the newest entry of its prefix. Each
 * direction has a whole deadline; nothing here throws: a problem comes back in words.
 */

/** Restore and save each end within this, whatever the cache service does. */
export const HISTORY_DEADLINE_MS = 10_000;

/** `late`: the deadline passed with no answer. */
type Outcome<T> = { ok: true; value: T } | { ok: false; problem: string; late: boolean };

async function withinDeadline<T>(work: Promise<T>, what: string): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          problem: `the cache did not ${what} within ${HISTORY_DEADLINE_MS / 1000} s`,
          late: true,
        }),
      HISTORY_DEADLINE_MS,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work.then((value) => ({ ok: true as const, value })), late]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `the cache could not ${what} (${message})`, late: false };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the runner offers a cache service at all (a local run does not). */
export function cacheServiceOffered(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL);
}

/** Restores the newest entry under `prefix` to `file`; the key it came from, or null when there is none. */
export async function restoreHistory(
  file: string,
  key: string,
  prefix: string,
): Promise<Outcome<string | null>> {
  return withinDeadline(
    (async () => {
      const cache = await import('@actions/cache');
      return (await cache.restoreCache([file], key, [prefix], { timeoutInMs: HISTORY_DEADLINE_MS })) ?? null;
    })(),
    'restore the history',
  );
}

/** Saves `file` under `key`. */
export async function saveHistory(file: string, key: string): Promise<Outcome<number>> {
  return withinDeadline(
    (async () => {
      const cache = await import('@actions/cache');
      const id = await cache.saveCache([file], key);
      if (id === -1) throw new Error('the cache service took no entry');
      return id;
    })(),
    'save the history',
  );
}
