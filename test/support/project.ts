/** Where the project and the shared contract are, whether run from test/ or from build/. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'action.yml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('action.yml not found above the test support files');
    dir = parent;
  }
  return dir;
}

export const projectRoot = findRoot();

/** Heroku's published schema, beside the project as `../shared/heroku/`. */
export const schemaFile = path.join(projectRoot, '..', 'shared', 'heroku', 'platform-api-schema.json');
