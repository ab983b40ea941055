/**
 * Outside text (API messages, process type and size names, probe and webhook answers, URLs)
 * made inert for the place it is shown in. The runner obeys `::command::` at the start of a
 * log line and the legacy `##[command]` anywhere in one; terminals obey escape codes; Markdown
 * and HTML obey their own punctuation. Each sink calls the one function for its context.
 */

// Escape sequences (CSI, OSC and two-byte ESC forms), then any other control character,
// Unicode line separators and bidirectional overrides, which can disguise what a line says.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Escape codes removed, other control characters shown as `\uXXXX`; newlines kept. */
function withoutControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, visibleEscape);
}

/**
 * Text for the log: no escape codes or control characters, and no line that the runner could
 * read as a workflow command (`::…` at a line's start, `##[` anywhere).
 */
export function forLog(text: string): string {
  return withoutControls(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^(\s*):(?=:)/, '$1: ').replace(/##\[/g, '## ['))
    .join('\n');
}

/** One line of plain text: what `forLog` gives, with line breaks shown as ` ⏎ `. */
export function oneLine(text: string): string {
  return forLog(text).replace(/\n/g, ' ⏎ ');
}

/**
 * Inline Markdown (a sentence, a heading, a table cell): every character that could start
 * emphasis, code, a link, an image, HTML, a table cell or strike-through is escaped, line
 * starts cannot open a block, and bare URLs cannot become links.
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]|!~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^[#+\-=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/(https?|ftp):\/\//gi, '$1\\://')
    .replace(/\bwww\./gi, 'www\\.');
}

/** A fenced code block that no line of `text` can close: the fence is longer than any run of backticks in it. */
export function codeBlock(text: string, language = 'text'): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${forLog(text)}\n${fence}`;
}

/**
 * Text for a chat webhook: Slack's mrkdwn acts on `<…>` (links, @channel) and `&`, so those are
 * written as entities, as Slack documents; Discord's mentions are turned off in the body itself.
 */
export function forChat(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text inside a Mermaid chart's quoted title or label: no quote, bracket or backtick can end it. */
export function chartText(text: string): string {
  return oneLine(text)
    .replace(/"/g, "'")
    .replace(/[`[\]{}<>;#\\]/g, (c) => ({ '{': '(', '}': ')', '[': '(', ']': ')' })[c] ?? ' ')
    .slice(0, 80);
}
