import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from '@jest/globals';
import { RELIABILITY_DOC, renderReliabilityDoc } from './support/reliability-doc.js';

it('docs/reliability.md says what the reliability tests check', () => {
  const expected = renderReliabilityDoc();
  if (process.env.UPDATE_DOCS === '1') writeFileSync(RELIABILITY_DOC, expected);
  expect(readFileSync(RELIABILITY_DOC, 'utf8')).toBe(expected);
});
