/**
 * The one HTTP path of the action (Heroku API, health probe, webhook): proxy-aware through
 * `@actions/http-client`'s agents (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), one deadline over the
 * whole exchange from connect to the last body byte, and a cap on the bytes read.
 */
import http from 'node:http';
import https from 'node:https';
import { HttpClient } from '@actions/http-client';

interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** the whole exchange, connect to last byte, must end by this performance.now() instant */
  deadline: number;
  /** read at most this many body bytes */
  maxBytes: number;
  /** past maxBytes: fail (an API answer), or stop reading and keep what came (a probe) */
  overflow: 'fail' | 'truncate';
}

interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** true when the body was cut at maxBytes */
  truncated: boolean;
}

/** A failure to get a whole answer: `code` says which (ETIMEDOUT, ETOOLARGE, ECONNRESET…). */
class HttpError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Agents that know the proxy settings; one client serves every request of a run. */
const agents = new HttpClient('heroku-autoscale-action', [], { keepAlive: false });

/** A network error's code: ours, Node's, or ERROR. */
export function errorCode(error: unknown): string {
  if (error instanceof HttpError) return error.code;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code !== '' ? code : 'ERROR';
}

export function send(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const remaining = request.deadline - performance.now();
    if (remaining <= 0) {
      reject(new HttpError('timed out before the request could start', 'ETIMEDOUT'));
      return;
    }
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
    let settled = false;
    const finish = (error: Error | null, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response as HttpResponse);
    };
    const req = transport.request(url, {
      method: request.method,
      headers,
      agent: agents.getAgent(request.url),
    });
    const timer = setTimeout(
      () => finish(new HttpError(`no whole answer within ${Math.round(remaining)} ms`, 'ETIMEDOUT')),
      remaining,
    );
    req.on('error', (error) => finish(error));
    req.on('response', (message) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (truncated: boolean) => {
        const response = {
          status: message.statusCode ?? 0,
          headers: message.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
        };
        finish(null, response);
        if (truncated) req.destroy();
      };
      message.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = request.maxBytes - size;
        size += chunk.length;
        if (chunk.length <= room) {
          chunks.push(chunk);
          return;
        }
        if (request.overflow === 'truncate') {
          chunks.push(chunk.subarray(0, room));
          done(true);
        } else {
          finish(new HttpError(`the answer is larger than ${request.maxBytes} bytes`, 'ETOOLARGE'));
        }
      });
      message.on('error', (error) => finish(error));
      message.on('aborted', () => finish(new HttpError('the answer was cut off', 'ECONNRESET')));
      message.on('end', () => {
        if (!message.complete) finish(new HttpError('the answer ended early', 'ECONNRESET'));
        else done(false);
      });
    });
    req.end(request.body);
  });
}
