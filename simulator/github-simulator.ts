/**
 * A local GitHub REST API for the one call the action makes: `PUT /repos/{owner}/{repo}/
 * actions/workflows/{workflow}/enable`. A token granted `actions: write` gets 204, as GitHub
 * answers; any other token gets GitHub's 403 "Resource not accessible by integration".
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface GitHubRequest {
  method: string;
  path: string;
  token: string;
  status: number;
}

export class GitHubSimulator {
  readonly requests: GitHubRequest[] = [];
  url = '';
  private readonly sockets = new Set<Socket>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  /** @param writers tokens with `actions: write` */
  constructor(private readonly writers: ReadonlySet<string>) {}

  async start(): Promise<this> {
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const path = (req.url ?? '/').split('?')[0];
    const token = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const enable = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/[^/]+\/enable$/.test(path);
    let status: number;
    let body = '';
    if (!enable || req.method !== 'PUT') {
      status = 404;
      body = JSON.stringify({ message: 'Not Found', status: '404' });
    } else if (!this.writers.has(token)) {
      status = 403;
      body = JSON.stringify({ message: 'Resource not accessible by integration', status: '403' });
    } else {
      status = 204;
    }
    this.requests.push({ method: req.method ?? 'GET', path, token, status });
    res.writeHead(status, body ? { 'Content-Type': 'application/json; charset=utf-8' } : {});
    res.end(body);
  }
}

export function startGitHubSimulator(writers: string[]): Promise<GitHubSimulator> {
  return new GitHubSimulator(new Set(writers)).start();
}
