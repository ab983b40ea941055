/**
 * Everything the action prints, annotates or outputs passes through here: scrubbed of
 * secrets first, then made inert (no workflow commands, escape codes or control characters).
 */
import * as core from '@actions/core';
import { forLog, oneLine } from '../text/neutralise.js';
import { redact } from '../text/redaction.js';

type AnnotationTitle = string | undefined;

function logText(message: string): string {
  return forLog(redact(message));
}

function annotationText(message: string): string {
  return oneLine(redact(message));
}

function annotationProperties(title: AnnotationTitle): core.AnnotationProperties {
  return title ? { title: annotationText(title) } : {};
}

export function info(message: string): void {
  core.info(logText(message));
}

export function debug(message: string): void {
  core.debug(annotationText(message));
}

export function notice(message: string, title?: AnnotationTitle): void {
  core.notice(annotationText(message), annotationProperties(title));
}

export function warning(message: string, title?: AnnotationTitle): void {
  core.warning(annotationText(message), annotationProperties(title));
}

export function fail(message: string): void {
  core.setFailed(annotationText(message));
}

export function group(name: string, lines: string[]): void {
  if (lines.length === 0) return;
  core.startGroup(annotationText(name));
  for (const line of lines) core.info(logText(line));
  core.endGroup();
}

/** The outputs action.yml declares: the only names `output` takes. */
export const OUTPUT_NAMES = [
  'changed',
  'quantity',
  'previous-quantity',
  'formation',
  'reason',
  'health',
  'latency-ms',
  'results',
  'cron',
] as const;

/** Outputs go to the GITHUB_OUTPUT file under a delimiter, so line breaks may stay (the `cron` output has several). */
export function output(name: (typeof OUTPUT_NAMES)[number], value: string): void {
  core.setOutput(name, logText(value));
}
