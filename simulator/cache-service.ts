/**
 * A local stand-in for the GitHub Actions cache service that `@actions/cache` talks to: the
 * twirp JSON endpoints under `ACTIONS_RESULTS_URL` (CreateCacheEntry, FinalizeCacheEntryUpload,
 * GetCacheEntryDownloadURL) with the runtime token checked, and the blob store its signed URLs
 * point to (a Put Blob for the upload, as the Azure SDK sends it for a small archive, and a GET
 * for the download). Entries are immutable by key and version, and a restore key matches the
 * newest entry whose key starts with it, as the real service does. Faults can be set.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
/** The Azure SDK reads the account and container from a URL's path on an IP host. */
const BLOB_PREFIX = '/devstoreaccount1/actions-cache/';

export interface CacheEntry {
  key: string;
  version: string;
  blob: string;
  data: Buffer | null;
  finalized: boolean;
  createdAt: number;
}

export type CacheFault =
  | { kind: 'status'; status: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  /** the download answers these bytes instead of the stored archive */
  | { kind: 'body'; body: Buffer };

export class CacheService {
  readonly entries: CacheEntry[] = [];
  readonly requests: { method: string; path: string; body: string }[] = [];
  /** a fault for every request to the twirp endpoints, the blob store, or both */
  fault: { on: 'twirp' | 'blob' | 'all'; fault: CacheFault } | null = null;
  url = '';
  private order = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server = http.createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });

  constructor(private readonly token: string) {}

  async start(): Promise<this> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The runner's variables that point `@actions/cache` here. */
  env(): Record<string, string> {
    return {
      ACTIONS_RESULTS_URL: this.url,
      ACTIONS_RUNTIME_TOKEN: this.token,
      ACTIONS_CACHE_SERVICE_V2: 'true',
    };
  }

  /** Finalized entries, newest first. */
  finalized(): CacheEntry[] {
    return this.entries.filter((e) => e.finalized).sort((a, b) => b.createdAt - a.createdAt);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({
      method: req.method ?? 'GET',
      path,
      body: path.startsWith(SERVICE) ? body.toString() : '',
    });
    const where = path.startsWith(SERVICE) ? 'twirp' : 'blob';
    const fault =
      this.fault && (this.fault.on === 'all' || this.fault.on === where) ? this.fault.fault : null;
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status') {
      json(res, fault.status, { code: 'internal', msg: 'injected fault' });
      return;
    }
    if (where === 'twirp') {
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        json(res, 401, { code: 'unauthenticated', msg: 'bad runtime token' });
        return;
      }
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) {
        json(res, 400, { code: 'malformed', msg: 'twirp expects a JSON POST' });
        return;
      }
      this.twirp(path.slice(SERVICE.length), JSON.parse(body.toString() || '{}'), res);
      return;
    }
    this.blob(req, path, body, res, fault);
  }

  private twirp(method: string, request: Record<string, unknown>, res: http.ServerResponse): void {
    const key = String(request.key ?? '');
    const version = String(request.version ?? '');
    switch (method) {
      case 'CreateCacheEntry': {
        if (this.entries.some((e) => e.key === key && e.version === version)) {
          json(res, 409, {
            code: 'already_exists',
            msg: 'cache entry with the same key and version already exists',
          });
          return;
        }
        const blob = randomUUID();
        this.entries.push({ key, version, blob, data: null, finalized: false, createdAt: this.order++ });
        json(res, 200, {
          ok: true,
          signedUploadUrl: `${this.url.replace(/\/$/, '')}${BLOB_PREFIX}${blob}?sig=upload`,
        });
        return;
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized);
        if (!entry || entry.data === null) {
          json(res, 200, { ok: false, entryId: '0' });
          return;
        }
        entry.finalized = true;
        entry.createdAt = this.order++;
        json(res, 200, { ok: true, entryId: String(this.entries.indexOf(entry) + 1) });
        return;
      }
      case 'GetCacheEntryDownloadURL': {
        // Proto JSON: the client sends field names as in the .proto (restore_keys); camelCase is also valid.
        const listed = request.restore_keys ?? request.restoreKeys;
        const restoreKeys = Array.isArray(listed) ? listed.map(String) : [];
        const candidates = this.finalized().filter((e) => e.version === version);
        const entry =
          candidates.find((e) => e.key === key) ??
          restoreKeys.map((prefix) => candidates.find((e) => e.key.startsWith(prefix))).find((e) => e);
        if (!entry) {
          json(res, 200, { ok: false, signedDownloadUrl: '', matchedKey: '' });
          return;
        }
        json(res, 200, {
          ok: true,
          signedDownloadUrl: `${this.url.replace(/\/$/, '')}${BLOB_PREFIX}${entry.blob}?sig=download`,
          matchedKey: entry.key,
        });
        return;
      }
      default:
        json(res, 404, { code: 'bad_route', msg: `no method ${method}` });
    }
  }

  private blob(
    req: http.IncomingMessage,
    path: string,
    body: Buffer,
    res: http.ServerResponse,
    fault: CacheFault | null,
  ): void {
    const entry = this.entries.find((e) => path === `${BLOB_PREFIX}${e.blob}`);
    if (!entry) {
      res.writeHead(404, { 'x-ms-error-code': 'BlobNotFound' });
      res.end();
      return;
    }
    const headers = {
      'x-ms-request-id': randomUUID(),
      'x-ms-version': '2025-01-05',
      ETag: `"0x${entry.createdAt.toString(16).padStart(8, '0')}"`,
      'Last-Modified': new Date(0).toUTCString(),
    };
    if (req.method === 'PUT') {
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
        res.writeHead(400, { 'x-ms-error-code': 'InvalidHeaderValue' });
        res.end();
        return;
      }
      entry.data = body;
      res.writeHead(201, headers);
      res.end();
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const data = fault?.kind === 'body' ? fault.body : (entry.data ?? Buffer.alloc(0));
      res.writeHead(200, {
        ...headers,
        'Content-Length': String(data.length),
        'Content-Type': 'application/octet-stream',
        'x-ms-blob-type': 'BlockBlob',
      });
      res.end(req.method === 'GET' ? data : undefined);
      return;
    }
    res.writeHead(405);
    res.end();
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function startCacheService(token = 'runtime-token-for-tests'): Promise<CacheService> {
  return new CacheService(token).start();
}
