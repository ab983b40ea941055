/** Reading the runner's files: regular files only, within the cap, links followed before the workspace check. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { readBoundedFile, readWorkspaceFile } from '../src/inputs/files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'files-'));
const workspace = path.join(dir, 'ws');
mkdirSync(workspace);

it('reads a file of exactly the cap, and refuses one byte more', () => {
  writeFileSync(path.join(workspace, 'ten'), '0123456789');
  expect(readWorkspaceFile(workspace, 'ten', 10)).toMatchObject({ ok: true, text: '0123456789' });
  expect(readWorkspaceFile(workspace, 'ten', 9)).toMatchObject({ ok: false, kind: 'too-large' });
});

it('refuses a folder, a FIFO, a device and text that is not UTF-8, each by kind', () => {
  execFileSync('mkfifo', [path.join(workspace, 'fifo')]);
  writeFileSync(path.join(workspace, 'binary'), Buffer.from([0xff, 0xfe, 0x00]));
  expect(readWorkspaceFile(workspace, '.', 100)).toMatchObject({ ok: false, kind: 'folder' });
  expect(readWorkspaceFile(workspace, 'fifo', 100)).toMatchObject({ ok: false, kind: 'not-regular' });
  expect(readBoundedFile('/dev/zero', 100)).toMatchObject({ ok: false, kind: 'not-regular' });
  expect(readWorkspaceFile(workspace, 'binary', 100)).toMatchObject({ ok: false, kind: 'not-text' });
});

it('follows links before it checks the workspace: in is read, out is refused', () => {
  writeFileSync(path.join(dir, 'outside.yml'), 'apps: {}');
  writeFileSync(path.join(workspace, 'inside.yml'), 'apps: {}');
  symlinkSync(path.join(dir, 'outside.yml'), path.join(workspace, 'out-link.yml'));
  symlinkSync(path.join(workspace, 'inside.yml'), path.join(workspace, 'in-link.yml'));
  expect(readWorkspaceFile(workspace, 'in-link.yml', 100)).toMatchObject({ ok: true });
  expect(readWorkspaceFile(workspace, 'out-link.yml', 100)).toMatchObject({
    ok: false,
    kind: 'outside',
    problem: 'is a link to a file outside the workspace',
  });
  expect(readWorkspaceFile(workspace, '../outside.yml', 100)).toMatchObject({ ok: false, kind: 'outside' });
  expect(readWorkspaceFile(workspace, 'nothing.yml', 100)).toMatchObject({ ok: false, kind: 'missing' });
});
