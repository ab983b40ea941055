/** Where the project is, whether run from its sources or from build/. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'action.yml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('action.yml not found above the simulator files');
    dir = parent;
  }
  return dir;
}

export const projectRoot = findRoot();

/** The excerpt of Heroku's published Platform API schema that the simulator checks against. */
export const schemaFile = path.join(projectRoot, 'simulator', 'schema', 'platform-api.json');

/** A self-signed key and certificate for the simulator's HTTPS (`api.heroku.test`, localhost, 127.0.0.1). */
export const tlsFiles = {
  key: path.join(projectRoot, 'simulator', 'tls', 'key.pem'),
  cert: path.join(projectRoot, 'simulator', 'tls', 'cert.pem'),
};
