/**
 * Secrets are masked by the runner once registered, but the action scrubs them too:
 * messages built from API errors can echo a token back, and not every reader of the
 * output (a webhook, a summary file) goes through the runner's masking.
 */
import * as core from '@actions/core';

const secrets = new Set<string>();
/** Scrubbing a very short value would garble every message; real tokens are far longer. */
const MIN_SCRUBBED_LENGTH = 6;

export function registerSecret(value: string): void {
  if (value === '') return;
  core.setSecret(value);
  if (value.length < MIN_SCRUBBED_LENGTH) return;
  for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])
    secrets.add(form);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
