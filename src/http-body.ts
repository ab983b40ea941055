/** Reading a whole HTTP response body with a deadline, failing on resets and early ends. */
import type { HttpClientResponse } from '@actions/http-client';

export function readBody(response: HttpClientResponse, deadlineMs: number): Promise<string> {
  const message = response.message;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      message.destroy();
      reject(Object.assign(new Error('timed out reading the response'), { code: 'ETIMEDOUT' }));
    }, deadlineMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('error', fail);
    message.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
    message.on('end', () => {
      clearTimeout(timer);
      if (!message.complete) {
        reject(Object.assign(new Error('response ended early'), { code: 'ECONNRESET' }));
        return;
      }
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** A network error's code; http-client's own socket timeout carries none. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return code;
  return /timeout/i.test((error as Error).message) ? 'ETIMEDOUT' : 'ERROR';
}
