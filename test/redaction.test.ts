import { describe, expect, it, jest } from '@jest/globals';

const setSecret = jest.fn();
jest.unstable_mockModule('@actions/core', () => ({ setSecret }));
const { redact, registerSecret } = await import('../src/text/redaction.js');

describe('redaction', () => {
  it('masks the token with the runner and scrubs its raw, URL-encoded and JSON-escaped forms', () => {
    const token = 'HRKU-ab/cd+ef"gh';
    registerSecret(token);
    expect(setSecret).toHaveBeenCalledWith(token);
    const text = `raw ${token} url ${encodeURIComponent(token)} json ${JSON.stringify({ token })}`;
    const scrubbed = redact(text);
    expect(scrubbed).toBe('raw *** url *** json {"token":"***"}');
  });

  it('still registers a short value with the runner but does not garble messages with it', () => {
    registerSecret('ab');
    expect(setSecret).toHaveBeenCalledWith('ab');
    expect(redact('a cab')).toBe('a cab');
  });

  it('ignores an empty value', () => {
    setSecret.mockClear();
    registerSecret('');
    expect(setSecret).not.toHaveBeenCalled();
  });
});
