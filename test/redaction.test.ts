import { describe, expect, it, jest } from '@jest/globals';
import * as core from './fixtures/core.js';

jest.unstable_mockModule('@actions/core', () => core);
const { registerSecret } = await import('../src/effects.js');
const { redact } = await import('../src/text/redaction.js');

describe('redaction', () => {
  it('masks the token with the runner and scrubs its raw, URL-encoded and JSON-escaped forms', () => {
    const token = 'HRKU-ab/cd+ef"gh';
    registerSecret(token);
    expect(core.setSecret).toHaveBeenCalledWith(token);
    const text = `raw ${token} url ${encodeURIComponent(token)} json ${JSON.stringify({ token })}`;
    const scrubbed = redact(text);
    expect(scrubbed).toBe('raw *** url *** json {"token":"***"}');
  });

  it('still registers a short value with the runner but does not garble messages with it', () => {
    registerSecret('ab');
    expect(core.setSecret).toHaveBeenCalledWith('ab');
    expect(redact('a cab')).toBe('a cab');
  });

  it('ignores an empty value', () => {
    core.reset();
    registerSecret('');
    expect(core.setSecret).not.toHaveBeenCalled();
  });
});
