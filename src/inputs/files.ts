/**
 * Reading the runner's files: the fleet file, the event payload and the workflow file. A path
 * is followed through its symlinks before it is checked against the workspace, only a regular
 * file is read (a FIFO or a device never ends, and its size says 0), and never more than the
 * cap, whatever the file claims to be.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Why a file was not read, for the caller to say what to do about it. */
export type FileProblemKind =
  | 'missing'
  | 'outside'
  | 'folder'
  | 'not-regular'
  | 'too-large'
  | 'not-text'
  | 'unreadable';
type Problem = { ok: false; kind: FileProblemKind; problem: string };
export type FileRead = { ok: true; text: string; path: string } | Problem;
type Located = { ok: true; path: string } | Problem;

function problem(kind: FileProblemKind, text: string): Problem {
  return { ok: false, kind, problem: text };
}

/** Where a path lands once every symlink in it is followed; null when nothing is there. */
function realPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/** The file at `relative` inside `workspace`, once symlinks are followed; a problem when it lands outside. */
export function workspacePath(workspace: string, relative: string): Located {
  const root = realPath(workspace);
  if (root === null)
    return problem('missing', `is not there: the workspace ${JSON.stringify(workspace)} does not exist`);
  const lexical = path.resolve(root, relative);
  const outside = (p: string) => {
    const rel = path.relative(root, p);
    return rel.startsWith('..') || path.isAbsolute(rel);
  };
  if (outside(lexical)) return problem('outside', 'is outside the workspace');
  const real = realPath(lexical);
  if (real === null) return problem('missing', 'was not found in the workspace');
  if (outside(real)) return problem('outside', 'is a link to a file outside the workspace');
  return { ok: true, path: real };
}

/** At most `maxBytes` of a regular file, as UTF-8; anything else is a problem in words. */
export function readBoundedFile(file: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO with no writer returns at once instead of waiting.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? problem('missing', 'does not exist')
      : problem('unreadable', `cannot be opened (${code ?? 'error'})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return problem('folder', 'is a folder, not a file');
    if (!stat.isFile()) return problem('not-regular', 'is not a regular file (a FIFO, a device or a socket)');
    // One byte more than the cap tells a file at the cap from a larger one.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return problem('too-large', `is larger than ${maxBytes} bytes`);
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
      return { ok: true, text, path: file };
    } catch {
      return problem('not-text', 'is not UTF-8 text');
    }
  } catch (error) {
    return problem('unreadable', `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

/** A file inside the workspace, followed through its links, read within the cap. */
export function readWorkspaceFile(workspace: string, relative: string, maxBytes: number): FileRead {
  const located = workspacePath(workspace, relative);
  return located.ok ? readBoundedFile(located.path, maxBytes) : located;
}
