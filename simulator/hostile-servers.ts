/** Servers on loopback that misbehave on purpose (for fault tests and the benchmark), and a CONNECT proxy that records what it carried. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

export interface Closable {
  url: string;
  close(): Promise<void>;
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

async function listen(
  server: net.Server,
  sockets: Set<net.Socket>,
  timers: NodeJS.Timeout[],
): Promise<Closable> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends a status line, then one header byte every `everyMs`, never finishing the headers. */
export function startHeaderDribbler(everyMs = 100): Promise<Closable> {
  const timers: NodeJS.Timeout[] = [];
  const server = net.createServer((socket) => {
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.write('HTTP/1.1 200 OK\r\nX-Slow: ');
    timers.push(setInterval(() => socket.writable && socket.write('a'), everyMs));
  });
  return listen(server, track(server), timers);
}

/** Answers 200 with a JSON-looking body of `bytes` bytes, or one that never ends when `bytes` is Infinity. */
export function startHugeAnswer(bytes: number): Promise<Closable> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, {
      'Content-Type': 'application/json',
      ...(Number.isFinite(bytes) ? { 'Content-Length': String(bytes) } : {}),
    });
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const piece = bytes - sent < chunk.length ? chunk.subarray(0, bytes - sent) : chunk;
        sent += piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => {
      sent = bytes;
    });
    pump();
  });
  return listen(server, track(server), []);
}

export interface RecordingProxy extends Closable {
  /** `host:port` of every CONNECT it carried */
  targets: string[];
}

/** An HTTP CONNECT proxy that sends every tunnel, whatever host it names, to `to` on loopback. */
export async function startConnectProxy(to: string): Promise<RecordingProxy> {
  const target = new URL(to);
  const targets: string[] = [];
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req, client: net.Socket) => {
    targets.push(req.url ?? '');
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  const sockets = track(server);
  const closable = await listen(server, sockets, []);
  return { ...closable, targets };
}
