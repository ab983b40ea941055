/**
 * docs/reliability.md, rendered from the same tables the reliability tests run, so the
 * document cannot say anything the tests do not check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../simulator/project.js';
import { MAX_ANSWER_BYTES, MAX_PAGES, runWorstCaseMs, worstCaseMs } from '../../src/adapters/heroku-api.js';
import { NOTIFY_BUDGET_MS } from '../../src/adapters/notify.js';
import { MAX_PROBE_BYTES } from '../../src/adapters/probe.js';
import { FAULT_CASES, FAULT_RUN } from '../data/faults.js';
import { PROPERTY_RUNS, SWEEP_WEEKS } from '../data/properties.js';

export const RELIABILITY_DOC = path.join(projectRoot, 'docs', 'reliability.md');

function faultRows(): string[] {
  return FAULT_CASES.map((c) => {
    const requests = `${c.expect.gets} GET, ${c.expect.patches} PATCH`;
    const result =
      c.expect.exit === 0
        ? `recovers: scaled web ${FAULT_RUN.start} → ${c.expect.web}`
        : `fails (exit 1), web stays ${c.expect.web}; error names "${c.expect.message}"`;
    return `| ${c.name} | ${requests} | ${result} |`;
  });
}

export function renderReliabilityDoc(): string {
  const corpus = JSON.parse(
    readFileSync(path.join(projectRoot, 'test', 'data', 'bad-inputs.json'), 'utf8'),
  ) as {
    cases: { input: string }[];
  };
  const inputs = [...new Set(corpus.cases.map((c) => c.input))];
  const bound = worstCaseMs({ timeoutMs: FAULT_RUN.timeoutMs, attempts: FAULT_RUN.attempts });
  const defaultBound = worstCaseMs({ timeoutMs: 15_000, attempts: 4 });
  const p = PROPERTY_RUNS;
  return `# Reliability and security

This page is rendered from the tables that the tests run (\`test/data/faults.ts\`,
\`test/data/bad-inputs.json\`, \`test/data/properties.ts\`); \`npm test\` fails when it differs
from them. Regenerate it with \`UPDATE_DOCS=1 npm test\`.

## Summary

| what was tried | cases | what held |
|---|---|---|
| Platform API faults through \`dist/index.js\` | ${FAULT_CASES.length} | transient faults recover; lasting ones fail within the bound with the cause named; nothing is changed on a half-read formation |
| two runs at once on one app | 1 | both succeed; the app ends in the planned formation |
| low \`RateLimit-Remaining\` | 2 | a warning below 100 calls left, none above |
| malformed inputs (${inputs.length} inputs) | ${corpus.cases.length} | exit code 1, one error naming the input and quoting the value with what was expected, no request of any kind (API or probe) |
| random schedule text | ${p.anyText.runs} (seed ${p.anyText.seed}) | ${p.anyText.what} |
| generated rules at random instants, ${p.randomInstants.zones.length} zones | ${p.randomInstants.runs} (seed ${p.randomInstants.seed}) | ${p.randomInstants.what} |
| every minute of a week | ${SWEEP_WEEKS.length} weeks × 10080 minutes | resolution agrees with the brute-force reading |
| policy invariants | ${p.policy.runs} (seed ${p.policy.seed}) | ${p.policy.what} |
| the token in what a run shows | every end-to-end run | never in stdout, stderr, outputs, the job summary or a notification, including an API error and a probe response that echo it |

## API faults

Each run: the seed table at ${FAULT_RUN.at.slice(11, 16)} UTC on an app at web=${FAULT_RUN.start}, so a scale to
${FAULT_RUN.planned} is due; \`api-attempts: ${FAULT_RUN.attempts}\`, \`api-timeout-ms: ${FAULT_RUN.timeoutMs}\`. Backoff between
attempts is 0.5 s, 1 s, 2 s…, or \`Retry-After\` (at most 30 s). One request is bounded by
attempts × timeout + the waits: ${(bound / 1000).toFixed(1)} s here, ${(defaultBound / 1000).toFixed(0)} s with the defaults
(${4} attempts of 15 s). A run makes one call per page of the formation list (at most ${MAX_PAGES}) and
at most one update, so the API part of a run ends within ${(runWorstCaseMs({ timeoutMs: 15_000, attempts: 4 }) / 1000).toFixed(0)} s with the defaults.

| fault | requests the simulator saw | result |
|---|---|---|
${faultRows().join('\n')}

A formation list is used only when every page of it was read: a list whose next page fails
is never acted on (no PATCH). A batch update sets absolute values, so a retried PATCH after a
lost answer cannot over-scale.

## Bounds and neutralisation

Checked through \`dist/index.js\` in \`test/e2e/hostile.test.ts\`.

| what | bound |
|---|---|
| one API attempt | \`api-timeout-ms\`, from connect to the last body byte (a server that sends its headers a byte at a time is cut there) |
| bytes read of one API answer | ${MAX_ANSWER_BYTES} (1 MiB); a larger or endless answer fails the run with that said, and peak memory stays under 100 MB with a 200 MB answer |
| one probe sample | \`health-timeout-ms\`, redirects included; at most ${MAX_PROBE_BYTES / 1024} KiB of its body is read |
| a notification | ${NOTIFY_BUDGET_MS / 1000} s in all, both tries and the pause between them; it never fails or holds a run, and only the receiver's status is ever quoted |
| HTTP stack | one path for the API, the probe and the webhook, honouring \`HTTPS_PROXY\`, \`HTTP_PROXY\` and \`NO_PROXY\` (loopback is never proxied); tested through a local proxy for the API (over TLS), the probe and the webhook |

Outside text (Heroku's error messages and bodies, process type and size names, probe and
webhook answers, URLs) is made inert for the place it is shown in:
- log lines and annotations: escape codes removed, other control characters and Unicode line
  separators or direction overrides shown as \`\\uXXXX\`, no line can start with \`::\` and no \`##[\`
  survives, so no workflow command can be injected;
- the job summary: Markdown and HTML punctuation escaped, bare URLs unlinked, line breaks shown
  as \`⏎\`, and failures written as prose rather than a code block that a line of backticks could close;
- notifications: \`<\`, \`>\` and \`&\` written as Slack's entities, and Discord mentions turned off;
- a formation answer with a type or size that cannot be a name, a duplicate type or a quantity
  that is not a whole number is refused, and the run changes nothing;
- secrets (the token, the webhook URL) are scrubbed before any text is cut, and a piece of one
  left at the edge of a cut is scrubbed too.

## Property weeks

| zone | week from |
|---|---|
${SWEEP_WEEKS.map((w) => `| ${w.zone} | ${w.from.slice(0, 10)} |`).join('\n')}

These cover both DST transitions of America/New_York, Europe/London, Australia/Lord_Howe
(a 30-minute shift) and Pacific/Chatham (+12:45/+13:45), and the +5:45 of Asia/Kathmandu.

## Malformed inputs

The corpus lives in \`test/data/bad-inputs.json\`; inputs it covers: ${inputs.map((i) => `\`${i}\``).join(', ')}.
Overlapping rules are not an error (the first rule that matches wins); a rule wholly hidden by
earlier ones gets a warning annotation naming its line.
`;
}
