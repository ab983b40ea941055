// Bundles src/index.ts into OUT (dist/ by default) with ncc, then writes OUT/licenses.txt for
// every package in the bundle and its chunks. ncc's own --license writes one file per chunk
// under the same name, so the main bundle's licences would be lost behind the yaml chunk's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'dist');
const work = mkdtempSync(path.join(tmpdir(), 'package-'));
try {
  const stats = path.join(work, 'stats.json');
  execFileSync('npx', ['ncc', 'build', 'src/index.ts', '-o', out, '--stats-out', stats, '-q'], {
    stdio: 'inherit',
  });
  const modules = JSON.parse(readFileSync(stats, 'utf8')).modules ?? [];
  const names = new Set();
  for (const m of modules) {
    for (const id of [m.name, ...(m.modules ?? []).map((inner) => inner.name)]) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id ?? '');
      if (match) names.add(match[1]);
    }
  }
  const entries = [...names].sort().map((name) => {
    const dir = path.join('node_modules', name);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
    const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : '';
    return `${name}\n${pkg.license ?? 'UNKNOWN'}\n${text}`;
  });
  writeFileSync(path.join(out, 'licenses.txt'), `${entries.join('\n\n')}\n`);
  if (!existsSync(path.join(out, 'index.js'))) throw new Error('ncc wrote no index.js');
} finally {
  rmSync(work, { recursive: true, force: true });
}
