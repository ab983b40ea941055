/**
 * A local Heroku Platform API (formation endpoints) on loopback, strict where the real
 * one is: auth, the versioned Accept header, error bodies, Request-Id, the rate-limit
 * bucket, body size, list ranges, Heroku's scaling limits, and request bodies checked
 * against the published schema. Faults can be injected per request.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { type Clock, sharedClock } from './clock.js';
import { herokuSchema, linkSchema, resolveRef, validate } from './json-schema.js';

export const ACCEPT_V3 = 'application/vnd.heroku+json; version=3';
export const MAX_BODY_BYTES = 1024 * 1024;
const RATE_CAPACITY = 4500;
const RATE_REFILL_PER_MINUTE = 75;

/**
 * Sizes the simulator knows, with Heroku's default per-type limits. Kept apart from
 * src/dyno-size.ts on purpose: the stand-in for Heroku must not share the action's beliefs.
 */
const SIZES: Record<string, { name: string; perType: number }> = {};
for (const [name, perType] of [
  ['Eco', 1],
  ['Basic', 1],
  ['Standard-1X', 100],
  ['Standard-2X', 100],
  ['Performance-M', 10],
  ['Performance-L', 10],
  ['Performance-L-RAM', 10],
  ['Performance-XL', 10],
  ['Performance-2XL', 10],
  ['Private-S', 10],
  ['Private-M', 10],
  ['Private-L', 10],
  ['Shield-S', 10],
  ['Shield-M', 10],
  ['Shield-L', 10],
] as const) {
  SIZES[name.toLowerCase()] = { name, perType };
}
const APP_DYNO_LIMIT = 100;
const STACK_ID = '7e04461d-ec81-4bdd-8b37-b69b320a9f83';
const GENERATION_ID = '2ab5a2b4-1b33-4a4e-9b3b-e1c1a4f0a001';
const OWNER_ID = '5f0a0bd4-3a4b-4d0c-9b6e-2f7d0e5c1a11';
const REGION_ID = '59accabd-516d-4f0e-83e6-6e3757701145';

export interface SimProcess {
  type: string;
  quantity: number;
  size?: string;
  /** ISO time; by default a day before the clock's instant when the formation is read */
  updatedAt?: string;
}

interface StoredProcess {
  id: string;
  type: string;
  quantity: number;
  size: string;
  command: string;
  /** unset: a day before whatever the clock says when the item is read */
  createdAt?: string;
  updatedAt?: string;
}

interface StoredApp {
  id: string;
  name: string;
  maintenance: boolean;
  formation: StoredProcess[];
}

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'truncate' }
  | { kind: 'not-json' }
  | { kind: 'delay'; ms: number }
  | { kind: 'respond'; status: number; body: unknown; headers?: Record<string, string> };

export interface FaultRule {
  method?: string;
  /** substring of the path */
  path?: string;
  /** only requests that carry this header (e.g. `range`, for the later pages of a list) */
  withHeader?: string;
  /** how many matching requests it applies to; default 1 */
  times?: number;
  fault: Fault;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number | 'reset' | 'hang';
  auth: 'bearer' | 'basic' | 'none' | 'other';
  body: unknown;
  requestId: string;
  /** what the request carried that the schema forbids */
  violations: string[];
}

export interface SimulatorOptions {
  tokens?: string[];
  /** items per page of a formation list; Heroku's default is 200 */
  pageSize?: number;
  /** the rate-limit bucket's starting level */
  rateLimitRemaining?: number;
  /** serve HTTPS with this key and certificate (e.g. simulator/tls/), as the real API does */
  tls?: { key: string; cert: string };
  /** the instant updates are stamped with and the rate limit refills by; the shared clock by default */
  clock?: Clock;
  /** wait this long before every answer, as the real API's 100–300 ms do */
  latencyMs?: number;
}

/** A bug or missing file in the simulator: never an answer that the action could take for Heroku's. */
export class SimulatorFault extends Error {
  constructor(cause: unknown) {
    super(
      `the Heroku API simulator itself failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`,
    );
    this.name = 'SimulatorFault';
  }
}

function jsonError(status: number, id: string, message: string) {
  return { status, body: { id, message } };
}

const DAY_MS = 86_400_000;

function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class HerokuSimulator {
  readonly requests: RecordedRequest[] = [];
  readonly apps = new Map<string, StoredApp>();
  private readonly tokens: Set<string>;
  private readonly faults: FaultRule[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly pageSize: number;
  private readonly tls: SimulatorOptions['tls'];
  private bucket: number;
  private bucketAt: number;
  private readonly latencyMs: number;
  readonly clock: Clock;
  private server: http.Server | undefined;
  url = '';

  constructor(options: SimulatorOptions = {}) {
    // Load the schema now, so a missing or broken schema file fails at start, not mid-request.
    herokuSchema();
    this.tokens = new Set(options.tokens ?? ['test-token']);
    this.pageSize = options.pageSize ?? 200;
    this.tls = options.tls;
    this.bucket = options.rateLimitRemaining ?? RATE_CAPACITY;
    this.clock = options.clock ?? sharedClock;
    this.latencyMs = options.latencyMs ?? 0;
    this.bucketAt = this.clock.now();
  }

  async start(port = 0): Promise<this> {
    const listener: http.RequestListener = (req, res) => {
      // A fault of the simulator itself is not Heroku's 500: it would be retried and look like
      // an API outage. Drop the connection and crash the process with the simulator's own error.
      this.handle(req, res).catch((error: unknown) => {
        req.socket.destroy();
        process.nextTick(() => {
          throw new SimulatorFault(error);
        });
      });
    };
    this.server = this.tls ? https.createServer(this.tls, listener) : http.createServer(listener);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addApp(name: string, processes: SimProcess[]): StoredApp {
    const app: StoredApp = {
      id: randomUUID(),
      name,
      maintenance: false,
      formation: processes.map((p) => ({
        id: randomUUID(),
        type: p.type,
        quantity: p.quantity,
        size: SIZES[(p.size ?? 'Standard-1X').toLowerCase()]?.name ?? (p.size as string),
        command: p.type === 'web' ? 'npm start' : `npm run ${p.type}`,
        updatedAt: p.updatedAt,
      })),
    };
    this.apps.set(name, app);
    return app;
  }

  /** `{web: 3, worker: 1}` for an app. */
  quantities(name: string): Record<string, number> {
    const app = this.apps.get(name);
    if (!app) throw new Error(`no app ${name}`);
    return Object.fromEntries(app.formation.map((p) => [p.type, p.quantity]));
  }

  /** Whether the app's maintenance mode is on. */
  maintenance(name: string): boolean {
    const app = this.apps.get(name);
    if (!app) throw new Error(`no app ${name}`);
    return app.maintenance;
  }

  sizes(name: string): Record<string, string> {
    const app = this.apps.get(name);
    if (!app) throw new Error(`no app ${name}`);
    return Object.fromEntries(app.formation.map((p) => [p.type, p.size]));
  }

  inject(rule: FaultRule): void {
    this.faults.push({ times: 1, ...rule });
  }

  setRateLimitRemaining(value: number): void {
    this.bucket = value;
    this.bucketAt = this.clock.now();
  }

  count(method?: string): number {
    return this.requests.filter((r) => !method || r.method === method).length;
  }

  private takeFault(method: string, path: string, headers: http.IncomingHttpHeaders): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (!f.method || f.method === method) &&
        (!f.path || path.includes(f.path)) &&
        (!f.withHeader || headers[f.withHeader.toLowerCase()] !== undefined),
    );
    if (index < 0) return undefined;
    const rule = this.faults[index];
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) this.faults.splice(index, 1);
    return rule.fault;
  }

  private authenticate(header: string | undefined): { scheme: RecordedRequest['auth']; ok: boolean } {
    if (!header) return { scheme: 'none', ok: false };
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme === 'Bearer') return { scheme: 'bearer', ok: this.tokens.has(value) };
    if (scheme === 'Basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const password = decoded.slice(decoded.indexOf(':') + 1);
      return { scheme: 'basic', ok: this.tokens.has(password) };
    }
    return { scheme: 'other', ok: false };
  }

  private takeToken(): number {
    const now = this.clock.now();
    this.bucket = Math.min(
      RATE_CAPACITY,
      // A test may set the clock back between runs: time going back refills nothing.
      this.bucket + (Math.max(0, now - this.bucketAt) / 60_000) * RATE_REFILL_PER_MINUTE,
    );
    this.bucketAt = now;
    if (this.bucket < 1) return -1;
    this.bucket -= 1;
    return Math.floor(this.bucket);
  }

  private async readBody(req: http.IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    }
    return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    const requestId = randomUUID();
    const { text, tooLarge } = await this.readBody(req);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const auth = this.authenticate(req.headers.authorization);
    const record: RecordedRequest = {
      method,
      path,
      status: 0,
      auth: auth.scheme,
      body,
      requestId,
      violations: [],
    };
    this.requests.push(record);

    const fault = this.takeFault(method, path, req.headers);
    const wait = this.latencyMs + (fault?.kind === 'delay' ? fault.ms : 0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (fault?.kind === 'reset') {
      record.status = 'reset';
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      record.status = 'hang';
      return;
    }

    const result =
      fault?.kind === 'status'
        ? { status: fault.status, body: fault.body ?? { id: 'unavailable', message: 'injected' } }
        : fault?.kind === 'respond'
          ? { status: fault.status, body: fault.body }
          : this.route(method, path, req, body, text, tooLarge, auth.ok, record);

    const remaining = result.status === 401 ? undefined : this.takeToken();
    const final =
      remaining === -1 ? jsonError(429, 'rate_limit', 'Your account reached the API rate limit.') : result;
    record.status = final.status;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Request-Id': requestId,
      ...('headers' in final ? (final.headers as Record<string, string>) : {}),
      ...(fault && 'headers' in fault ? fault.headers : {}),
    };
    if (remaining !== undefined) headers['RateLimit-Remaining'] = String(Math.max(remaining, 0));
    const payload = JSON.stringify(final.body);
    if (fault?.kind === 'truncate') {
      res.writeHead(final.status, { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) });
      res.write(payload.slice(0, Math.floor(payload.length / 2)));
      setTimeout(() => req.socket.destroy(), 10);
      return;
    }
    if (fault?.kind === 'not-json') {
      res.writeHead(final.status, { ...headers, 'Content-Type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
      return;
    }
    res.writeHead(final.status, headers);
    res.end(payload);
  }

  private route(
    method: string,
    path: string,
    req: http.IncomingMessage,
    body: unknown,
    text: string,
    tooLarge: boolean,
    authorized: boolean,
    record: RecordedRequest,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    if (!authorized) return jsonError(401, 'unauthorized', 'Invalid credentials provided.');
    if (!(req.headers.accept ?? '').includes(ACCEPT_V3)) {
      record.violations.push(`Accept header ${JSON.stringify(req.headers.accept)}`);
      return jsonError(400, 'bad_request', 'Please specify a version in the Accept header.');
    }
    if (tooLarge) return jsonError(413, 'request_entity_too_large', 'Request body is too large.');
    const appInfo = /^\/apps\/([^/]+)$/.exec(path);
    const match = /^\/apps\/([^/]+)\/formation(?:\/([^/]+))?$/.exec(path);
    if (!match && !appInfo) return jsonError(404, 'not_found', 'The requested API endpoint was not found.');
    const appKey = decodeURIComponent((match ?? appInfo)?.[1] as string);
    const app = [...this.apps.values()].find((a) => a.name === appKey || a.id === appKey);
    if (!app) return jsonError(404, 'not_found', "Couldn't find that app.");
    if (!match) {
      if (method === 'GET') return { status: 200, body: this.renderApp(app) };
      if (method !== 'PATCH') return jsonError(405, 'method_not_allowed', `${method} is not allowed here.`);
      const violations = this.check(linkSchema('app', 'Update', 'schema'), body);
      record.violations.push(...violations);
      if (typeof body !== 'object' || body === null || violations.length > 0) {
        return jsonError(
          422,
          'invalid_params',
          `Invalid params: ${violations.join('; ') || 'body is not an object'}`,
        );
      }
      const { maintenance } = body as { maintenance?: boolean };
      if (maintenance !== undefined) app.maintenance = maintenance;
      return { status: 200, body: this.renderApp(app) };
    }
    const typeKey = match[2] ? decodeURIComponent(match[2]) : undefined;
    if (method === 'GET' && typeKey === undefined) return this.list(app, req.headers.range);
    if (method === 'GET') {
      const item = app.formation.find((p) => p.type === typeKey || p.id === typeKey);
      return item
        ? { status: 200, body: this.render(app, item) }
        : jsonError(404, 'not_found', "Couldn't find that formation.");
    }
    if (method !== 'PATCH') return jsonError(405, 'method_not_allowed', `${method} is not allowed here.`);
    if (
      !/^application\/json/.test(req.headers['content-type'] ?? '') ||
      typeof body !== 'object' ||
      body === null
    ) {
      record.violations.push(`body is not JSON: ${text.slice(0, 80)}`);
      return jsonError(400, 'bad_request', 'Invalid JSON.');
    }
    const updates =
      typeKey === undefined ? (body as { updates?: unknown }).updates : [{ ...body, type: typeKey }];
    const violations = this.check(requestSchema(typeKey === undefined ? 'Batch Update' : 'Update'), body);
    record.violations.push(...violations);
    // Heroku reads a quantity sent as a string of digits (the official CLI sends one): such a
    // request is recorded as off-schema but served; anything else off-schema is refused.
    const refused = violations.filter((v) => !isNumericQuantityViolation(v, body));
    if (refused.length > 0) {
      return jsonError(422, 'invalid_params', `Invalid params: ${refused.join('; ')}`);
    }
    return this.update(app, updates as Array<Record<string, unknown>>, typeKey !== undefined);
  }

  private check(schema: Record<string, unknown>, value: unknown): string[] {
    return validate(herokuSchema(), schema, value);
  }

  private list(app: StoredApp, range: string | undefined) {
    const sorted = [...app.formation].sort((a, b) => a.id.localeCompare(b.id));
    let max = this.pageSize;
    let after: string | undefined;
    if (range) {
      const m = /^id\s+(\]?)([^.;]*)\.\.\s*(?:;\s*max=(\d+))?$/.exec(range.trim());
      if (!m) return jsonError(400, 'bad_request', `Invalid Range header: ${range}`);
      after = m[2] || undefined;
      if (m[3]) max = Math.min(Number(m[3]), 1000);
    }
    const remaining = after ? sorted.filter((p) => p.id > (after as string)) : sorted;
    const page = remaining.slice(0, max);
    const headers: Record<string, string> = {};
    if (page.length > 0)
      headers['Content-Range'] = `id ${page[0].id}..${page[page.length - 1].id}; max=${max}`;
    if (remaining.length > page.length) {
      headers['Next-Range'] = `id ]${page[page.length - 1].id}..; max=${max}`;
      return { status: 206, body: page.map((p) => this.render(app, p)), headers };
    }
    return { status: 200, body: page.map((p) => this.render(app, p)), headers };
  }

  private update(app: StoredApp, updates: Array<Record<string, unknown>>, single: boolean) {
    const planned = new Map(app.formation.map((p) => [p.type, { quantity: p.quantity, size: p.size }]));
    for (const u of updates) {
      const item = app.formation.find((p) => p.type === u.type || p.id === u.type);
      if (!item) return jsonError(404, 'not_found', "Couldn't find that formation.");
      const sizeName = (u.dyno_size as { name?: string } | undefined)?.name ?? (u.size as string | undefined);
      const size = sizeName === undefined ? SIZES[item.size.toLowerCase()] : SIZES[sizeName.toLowerCase()];
      if (!size) return jsonError(422, 'invalid_params', `No such size: ${sizeName}.`);
      const quantity =
        typeof u.quantity === 'number'
          ? u.quantity
          : typeof u.quantity === 'string'
            ? Number(u.quantity)
            : item.quantity;
      if (quantity < 0) return jsonError(422, 'invalid_params', 'Quantity must be 0 or more.');
      if (quantity > size.perType) {
        return jsonError(
          422,
          'invalid_params',
          `Cannot update to more than ${size.perType} ${size.name} size dynos per process type.`,
        );
      }
      planned.set(item.type, { quantity, size: size.name });
    }
    const total = [...planned.values()].reduce((sum, p) => sum + p.quantity, 0);
    if (total > APP_DYNO_LIMIT) {
      return jsonError(422, 'invalid_params', `Cannot scale to more than ${APP_DYNO_LIMIT} dynos per app.`);
    }
    const changed: StoredProcess[] = [];
    const now = isoAt(this.clock.now());
    for (const u of updates) {
      const item = app.formation.find((p) => p.type === u.type || p.id === u.type) as StoredProcess;
      const next = planned.get(item.type) as { quantity: number; size: string };
      item.quantity = next.quantity;
      item.size = next.size;
      item.updatedAt = now;
      changed.push(item);
    }
    const rendered = changed.map((p) => this.render(app, p));
    return { status: 200, body: single ? rendered[0] : rendered };
  }

  /** App Info, with the fields the published schema lists. */
  private renderApp(app: StoredApp) {
    const created = app.formation[0]?.createdAt ?? this.dayAgo();
    return {
      acm: false,
      archived_at: null,
      buildpack_provided_description: 'Node.js',
      build_stack: { id: STACK_ID, name: 'heroku-24' },
      created_at: created,
      generation: { id: GENERATION_ID, name: 'cedar' },
      git_url: `https://git.heroku.com/${app.name}.git`,
      id: app.id,
      internal_routing: null,
      maintenance: app.maintenance,
      name: app.name,
      owner: { email: 'owner@example.com', id: OWNER_ID },
      organization: null,
      team: null,
      region: { id: REGION_ID, name: 'us' },
      released_at: created,
      repo_size: null,
      slug_size: 12_345_678,
      space: null,
      stack: { id: STACK_ID, name: 'heroku-24' },
      updated_at: created,
      web_url: `https://${app.name}.herokuapp.com/`,
    };
  }

  /** An app added without times has been as it is for a day, whatever instant a test runs at. */
  private dayAgo(): string {
    return isoAt(this.clock.now() - DAY_MS);
  }

  private render(app: StoredApp, p: StoredProcess) {
    return {
      app: { id: app.id, name: app.name },
      command: p.command,
      created_at: p.createdAt ?? this.dayAgo(),
      dyno_size: { id: sizeId(p.size), name: p.size },
      id: p.id,
      quantity: p.quantity,
      size: p.size,
      type: p.type,
      updated_at: p.updatedAt ?? this.dayAgo(),
    };
  }
}

/** An off-schema quantity that Heroku still accepts: a string of digits. */
function isNumericQuantityViolation(violation: string, body: unknown): boolean {
  const match = /^\$(?:\.updates\[(\d+)\])?\.quantity: expected integer, got string$/.exec(violation);
  if (!match) return false;
  const item =
    match[1] === undefined
      ? (body as { quantity?: unknown })
      : ((body as { updates: { quantity?: unknown }[] }).updates[Number(match[1])] ?? {});
  return typeof item.quantity === 'string' && /^\d+$/.test(item.quantity);
}

/** A stable made-up id per size name, as Heroku gives each size one. */
function sizeId(name: string): string {
  const hex = Buffer.from(name.toLowerCase().padEnd(16, '-')).toString('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The published update item, plus the deprecated `size` string that the official CLI
 * still sends: the published item forbids extra properties, a faithful server accepts it.
 */
function updateItemSchema(): Record<string, unknown> {
  const item = resolveRef(herokuSchema(), '#/definitions/formation/definitions/update');
  return {
    ...item,
    properties: {
      ...(item.properties as Record<string, unknown>),
      size: { $ref: '#/definitions/formation/definitions/size' },
    },
  };
}

/** The request schema of a formation update link, its items read as updateItemSchema. */
function requestSchema(title: 'Batch Update' | 'Update'): Record<string, unknown> {
  const schema = linkSchema('formation', title, 'schema');
  if (title === 'Update')
    return {
      ...schema,
      properties: { ...(schema.properties as object), ...(updateItemSchema().properties as object) },
    };
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  return {
    ...schema,
    properties: { ...properties, updates: { ...properties.updates, items: updateItemSchema() } },
  };
}

export async function startSimulator(options?: SimulatorOptions): Promise<HerokuSimulator> {
  return new HerokuSimulator(options).start();
}
