/**
 * Secrets are masked by the runner once registered, but the action scrubs them too:
 * messages built from API errors can echo a token back, and not every reader of the
 * output (a webhook, a summary file) goes through the runner's masking.
 */
const secrets = new Set<string>();
/** Scrubbing a very short value would garble every message; real tokens are far longer. */
const MIN_SCRUBBED_LENGTH = 6;
/** A piece of a secret this long, left at the edge of a cut, is scrubbed too. */
const MIN_FRAGMENT_LENGTH = 4;

/** Scrub this value (and its URL-encoded and JSON-escaped forms) from all text from now on. */
export function scrubSecret(value: string): void {
  if (value.length < MIN_SCRUBBED_LENGTH) return;
  for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])
    secrets.add(form);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

/**
 * At most `max` characters of `text`, scrubbed first and cut after, so that a secret cannot
 * straddle the cut; a trailing piece that begins a secret is scrubbed as well.
 */
export function clip(text: string, max: number): string {
  const scrubbed = redact(text);
  if (scrubbed.length <= max) return scrubbed;
  let cut = scrubbed.slice(0, Math.max(0, max - 1));
  for (const secret of secrets) {
    for (let length = Math.min(secret.length - 1, cut.length); length >= MIN_FRAGMENT_LENGTH; length--) {
      if (cut.endsWith(secret.slice(0, length))) {
        cut = `${cut.slice(0, cut.length - length)}***`;
        break;
      }
    }
  }
  return `${cut}…`;
}
