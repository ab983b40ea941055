/**
 * A stand-in on loopback for the user's app (the health probe's target) or a webhook
 * receiver: each response's status, delay, reset or hang can be set, and every request
 * is recorded with its body.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type AppBehaviour =
  | { kind: 'ok'; status?: number; delayMs?: number; body?: string }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'redirect'; location: string; status?: number };

export class AppServer {
  readonly requests: { method: string; path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  /** consumed one per request; the last one repeats */
  behaviours: AppBehaviour[] = [{ kind: 'ok' }];
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

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async respond(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    this.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
    const behaviour = (
      this.behaviours.length > 1 ? this.behaviours.shift() : this.behaviours[0]
    ) as AppBehaviour;
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
          res.writeHead(behaviour.status ?? 200, { 'Content-Type': 'text/plain' });
          res.end(behaviour.body ?? 'ok');
        }, behaviour.delayMs ?? 0);
    }
  }
}

export function startAppServer(): Promise<AppServer> {
  return new AppServer().start();
}
