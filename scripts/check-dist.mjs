// Fails when dist/ is not what `npm run package` builds from src/: the action runs dist/index.js.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The build is the package script itself, written to a temporary folder instead of dist/.
const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts.package;
const args = script.split(/\s+/);
if (args[0] !== 'node' || args.at(-1) !== 'dist') {
  console.error(`the package script is not "node … dist": ${script}`);
  process.exit(1);
}
const out = mkdtempSync(path.join(tmpdir(), 'dist-check-'));
try {
  execFileSync(args[0], [...args.slice(1, -1), out], { stdio: 'pipe' });
  const built = readdirSync(out).sort();
  const committed = readdirSync('dist').sort();
  const differing = [...new Set([...built, ...committed])].filter((name) => {
    try {
      return !readFileSync(path.join(out, name)).equals(readFileSync(path.join('dist', name)));
    } catch {
      return true;
    }
  });
  if (differing.length > 0) {
    console.error(`dist/ is stale (${differing.join(', ')} differ): run npm run package and commit dist/`);
    process.exit(1);
  }
  console.log(`dist/ matches the build of src/ (${built.join(', ')})`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
