/**
 * A stand-in on loopback for the user's app (the health probe's target, the load figures it
 * serves) or a webhook receiver: each response's status, delay, reset or hang can be set, per
 * path where a route is given, and every request is recorded with its body.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type AppBehaviour =
  | {
      kind: 'ok';
      status?: number;
      delayMs?: number;
      body?: string;
      contentType?: string;
      /** answer 401 unless this header has this value (an app's own authentication) */
      requires?: { name: string; value: string };
    }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'redirect'; location: string; status?: number };

export type Answer = Extract<AppBehaviour, { kind: 'ok' }>;

export class AppServer {
  readonly requests: { method: string; path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  /** consumed one per request; the last one repeats */
  behaviours: AppBehaviour[] = [{ kind: 'ok' }];
  /** behaviours by path (without the query), consumed the same way; other paths take `behaviours` */
  readonly routes = new Map<string, AppBehaviour[]>();
  url = '';
  private readonly sockets = new Set<Socket>();
  private readonly server = http.createServer((req, res) => this.respond(req, res));

  async start(): Promise<this> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  behave(...behaviours: AppBehaviour[]): this {
    this.behaviours = behaviours;
    return this;
  }

  /** What `path` answers, one behaviour a request; the last one repeats. */
  route(path: string, ...behaviours: AppBehaviour[]): this {
    this.routes.set(path, behaviours);
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async respond(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    this.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
    const queue = this.routes.get((req.url ?? '/').replace(/\?.*$/, '')) ?? this.behaviours;
    const behaviour = (queue.length > 1 ? queue.shift() : queue[0]) as AppBehaviour;
    switch (behaviour.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'redirect':
        res.writeHead(behaviour.status ?? 302, { Location: behaviour.location });
        res.end();
        return;
      default:
        setTimeout(() => {
          const { requires } = behaviour;
          if (requires && req.headers[requires.name.toLowerCase()] !== requires.value) {
            res.writeHead(401, { 'Content-Type': 'text/plain' });
            res.end('unauthorized');
            return;
          }
          res.writeHead(behaviour.status ?? 200, {
            'Content-Type': behaviour.contentType ?? 'text/plain',
            'Cache-Control': 'no-cache',
          });
          res.end(behaviour.body ?? 'ok');
        }, behaviour.delayMs ?? 0);
    }
  }
}

export function startAppServer(): Promise<AppServer> {
  return new AppServer().start();
}
