/**
 * `npm run look`: the job summaries of a few runs, rendered as GitHub renders them (GFM by
 * `marked`, Mermaid blocks by `mermaid`) in headless Chromium, as PNG files to look at:
 * `.look/<case>.png`. Needs Debian's chromium (`apt-get install chromium`); installs `marked`
 * and `mermaid` into `.look/tools` the first time, outside the project's dependencies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startAppServer } from '../simulator/app-server.js';
import { SimulatedClock } from '../simulator/clock.js';
import { startSimulator } from '../simulator/heroku-simulator.js';
import { projectRoot } from '../simulator/project.js';
import { runAction } from '../simulator/run-action.js';
import { SEED_SCHEDULE } from '../simulator/seed-schedule.js';

const TOKEN = 'look-token-000000';
const out = path.join(projectRoot, '.look');
mkdirSync(out, { recursive: true });

/** The renderers, from the npm registry, in a folder of their own: installed once. */
const tools = path.join(out, 'tools');
const toolModules = path.join(tools, 'node_modules');
if (
  !existsSync(path.join(toolModules, 'mermaid', 'dist', 'mermaid.min.js')) ||
  !existsSync(path.join(toolModules, 'marked'))
) {
  console.log('installing marked and mermaid into .look/tools …');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', tools, 'marked@18', 'mermaid@12'], {
    stdio: 'ignore',
  });
}
/** The part of marked's API this script uses. */
interface CodeToken {
  lang?: string;
  text: string;
}
interface Renderer {
  code(token: CodeToken): string;
}
interface Marked {
  Renderer: new () => Renderer;
  parse(markdown: string, options: { gfm: boolean; renderer: Renderer }): string;
}
const markedUrl = pathToFileURL(path.join(toolModules, 'marked', 'lib', 'marked.esm.js')).href;
const { marked } = (await import(markedUrl)) as { marked: Marked };

/** The page as GitHub shows a job summary: GFM, and Mermaid blocks drawn in place. */
function html(markdown: string): string {
  const renderer = new marked.Renderer();
  const code = renderer.code.bind(renderer);
  renderer.code = (token) =>
    token.lang === 'mermaid' ? `<pre class="mermaid">${token.text}</pre>` : code(token);
  const body = marked.parse(markdown, { gfm: true, renderer });
  const mermaid = path.join(toolModules, 'mermaid', 'dist', 'mermaid.min.js');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;font-size:14px;max-width:880px;margin:24px;color:#1f2328}
table{border-collapse:collapse}td,th{border:1px solid #d1d9e0;padding:6px 13px}
pre{background:#f6f8fa;padding:12px;overflow:auto}code{font-size:85%}blockquote{color:#59636e;border-left:4px solid #d1d9e0;margin:0;padding:0 1em}
pre.mermaid{background:none}
</style></head><body>${body}
<script src="file://${mermaid}"></script>
<script>mermaid.initialize({startOnLoad:false,theme:'default'});mermaid.run().then(()=>document.title='drawn');</script>
</body></html>`;
}

function screenshot(name: string, markdown: string): void {
  const page = path.join(out, `${name}.html`);
  writeFileSync(page, html(markdown));
  writeFileSync(path.join(out, `${name}.md`), markdown);
  execFileSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--allow-file-access-from-files',
      `--user-data-dir=${path.join(out, 'profile')}`,
      '--virtual-time-budget=15000',
      `--window-size=940,${process.env.LOOK_HEIGHT ?? '1000'}`,
      `--screenshot=${path.join(out, `${name}.png`)}`,
      `file://${page}`,
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
  console.log(`${name}: ${path.join(out, `${name}.png`)}`);
}

// A page written elsewhere (LOOK_PAGE=file.md) is only rendered.
if (process.env.LOOK_PAGE) {
  screenshot(path.basename(process.env.LOOK_PAGE, '.md'), readFileSync(process.env.LOOK_PAGE, 'utf8'));
  process.exit(0);
}

const clock = new SimulatedClock();
const sim = await startSimulator({ tokens: [TOKEN], clock });
const site = await startAppServer();
try {
  const base = { 'api-key': TOKEN, 'api-url': sim.url, schedule: SEED_SCHEDULE };
  sim.addApp('shop-app', [{ type: 'web', quantity: 1 }]);
  const scaled = await runAction({ inputs: { ...base, app: 'shop-app' }, at: '2026-11-30T15:07:00Z', clock });
  screenshot('scaled', scaled.summary);
  site.behave({ kind: 'ok', status: 503 });
  sim.addApp('down-app', [{ type: 'web', quantity: 3 }]);
  const failsafe = await runAction({
    inputs: { ...base, app: 'down-app', 'health-url': `${site.url}/health`, max: 'web=5' },
    at: '2026-11-30T15:07:00Z',
    clock,
  });
  screenshot('failsafe', failsafe.summary);
  sim.addApp('quiet-app', [{ type: 'web', quantity: 1 }]);
  const quiet = await runAction({
    inputs: { ...base, app: 'quiet-app', schedule: 'Mon-Fri 09:00-17:00 web=2\nweb=1' },
    at: '2026-11-30T10:30:00Z',
    clock,
  });
  screenshot('quiet', quiet.summary);
  const workspace = mkdtempSync(path.join(tmpdir(), 'look-'));
  writeFileSync(
    path.join(workspace, 'fleet.yml'),
    'defaults:\n  timezone: UTC\napps:\n  shop-web:\n    schedule: |\n      07:00-22:00 web=3\n      web=1\n  blog:\n    schedule: web=1\n  ghost-app:\n    schedule: web=1\n',
  );
  sim.addApp('shop-web', [{ type: 'web', quantity: 1 }]);
  sim.addApp('blog', [{ type: 'web', quantity: 1 }]);
  const fleet = await runAction({
    inputs: { 'api-key': TOKEN, 'api-url': sim.url, config: 'fleet.yml' },
    env: { GITHUB_WORKSPACE: workspace },
    at: '2026-11-30T15:07:00Z',
    clock,
  });
  screenshot('fleet', fleet.summary);
} finally {
  await Promise.all([sim.close(), site.close()]);
}
