/**
 * The one module that writes: the log, annotations, outputs, the job summary, the webhook POST
 * and the step's failure. Everything passes through here scrubbed of secrets first, then made
 * inert for its sink (no workflow commands, escape codes or control characters). What it writes
 * of a step is the report, as the renderers format it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { postNotification } from './adapters/notify.js';
import { messageOf } from './core/input-error.js';
import { OUTPUT_NAMES, type RunReport, shouldNotify } from './core/run-report.js';
import type { NotifySettings } from './core/settings.js';
import { logEntries } from './render/log-lines.js';
import { notificationBody } from './render/notification.js';
import { renderPage } from './render/summary.js';
import { forLog, oneLine } from './text/neutralise.js';
import { redact, scrubSecret } from './text/redaction.js';

function logText(message: string): string {
  return forLog(redact(message));
}

function annotationText(message: string): string {
  return oneLine(redact(message));
}

function annotationProperties(title: string): core.AnnotationProperties {
  return title ? { title: annotationText(title) } : {};
}

/** A secret: the runner masks it in the log, and every text this module writes is scrubbed of it. */
export function registerSecret(value: string): void {
  if (value === '') return;
  core.setSecret(value);
  scrubSecret(value);
}

export function info(message: string): void {
  core.info(logText(message));
}

export function debug(message: string): void {
  core.debug(annotationText(message));
}

export function warning(message: string, title: string): void {
  core.warning(annotationText(message), annotationProperties(title));
}

/** Fails the step with this message, for what escapes a run. */
export function fail(message: string): void {
  core.setFailed(annotationText(message));
}

/**
 * Runs `work` with its log in one collapsed group. `@actions/cache` reports its own failures as
 * annotations; the run tells one warning of its own for them, so the library's annotations in
 * that time are written as debug lines instead, and come back for the caller to word.
 */
export async function quietly<T>(
  title: string,
  work: () => Promise<T>,
): Promise<{ value: T; demoted: string[] }> {
  const write = process.stdout.write.bind(process.stdout);
  const demoted: string[] = [];
  const demote = (chunk: unknown) =>
    typeof chunk !== 'string'
      ? chunk
      : chunk.replace(/^::(?:warning|error)(?: [^:]*)?::(.*)$/gm, (_line, message: string) => {
          demoted.push(message.replace(/%0A/g, ' ').replace(/%0D/g, '').replace(/%25/g, '%'));
          return `::debug::${message}`;
        });
  core.startGroup(annotationText(title));
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(demote(chunk) as string, ...(rest as []))) as typeof process.stdout.write;
  try {
    return { value: await work(), demoted };
  } finally {
    process.stdout.write = write;
    core.endGroup();
  }
}

/** Writes the history file the `history-file` output names. */
export function writeHistoryFile(file: string, json: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, json);
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(redact(markdown), true).write();
  } catch (error) {
    warning(`could not write the job summary: ${messageOf(error)}`, 'Job summary');
  }
}

/**
 * Writes a step's report: the log, the annotations, the outputs and the failure first (so that
 * nothing after them can hide the error), then the job summary and the notification.
 */
export async function writeReport(report: RunReport, notify: NotifySettings | null): Promise<void> {
  for (const entry of logEntries(report)) {
    if (entry.kind === 'line') info(entry.text);
    else if (entry.lines.length > 0) {
      core.startGroup(annotationText(entry.title));
      for (const line of entry.lines) info(line);
      core.endGroup();
    }
  }
  for (const a of report.annotations) {
    if (a.level === 'error') continue;
    const write = a.level === 'notice' ? core.notice : core.warning;
    write(annotationText(a.text), annotationProperties(a.title));
  }
  // Outputs go to the GITHUB_OUTPUT file under a delimiter, so line breaks may stay.
  for (const name of OUTPUT_NAMES) {
    const value = report.outputs[name];
    if (value !== undefined) core.setOutput(name, logText(value));
  }
  if (report.failure !== null) fail(report.failure);
  await writeSummary(renderPage(report));
  if (notify && shouldNotify(notify.on, report.notification.status)) {
    const problem = await postNotification(notify.url, notificationBody(report.notification));
    if (problem) warning(problem, 'Notification failed');
  }
}
