/** Everything the action prints, annotates or outputs passes through here, scrubbed of secrets. */
import * as core from '@actions/core';
import { redact } from './redaction.js';

export type AnnotationTitle = string | undefined;

export function info(message: string): void {
  core.info(redact(message));
}

export function debug(message: string): void {
  core.debug(redact(message));
}

export function notice(message: string, title?: AnnotationTitle): void {
  core.notice(redact(message), title ? { title } : {});
}

export function warning(message: string, title?: AnnotationTitle): void {
  core.warning(redact(message), title ? { title } : {});
}

export function fail(message: string): void {
  core.setFailed(redact(message));
}

export function group(name: string, lines: string[]): void {
  if (lines.length === 0) return;
  core.startGroup(redact(name));
  for (const line of lines) core.info(redact(line));
  core.endGroup();
}

export function output(name: string, value: string): void {
  core.setOutput(name, redact(value));
}
