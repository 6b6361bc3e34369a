import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The common part of the platform fakes: a node:http server on 127.0.0.1 at a random port that
 * records every request, checks the bearer token, and lets a test script faults (rate limits,
 * outages, expired tokens, duplicates, quotas, hangs) for the next N matching requests. Each
 * platform's fake supplies its routes and renders each fault in that platform's own shape.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True when the fake cut the connection part-way through the body (an interrupted upload). */
  cut: boolean;
}

export type FakeReply =
  | { status: number; headers?: Record<string, string>; json?: unknown; text?: string }
  /** Never answer: the client's timeout has to end the exchange. */
  | { hang: true };

/** Faults each platform's fake renders in its own error shape. */
export type PlatformFault =
  /** X: style 'problem' (RFC 7807) or 'code-88' ({errors:[{code:88}]}); Graph: graphCode 4/17/32/613/80001 (as HTTP 400). */
  | { kind: 'rate-limit'; retryAfterSeconds?: number; resetAtUnixSeconds?: number; style?: 'problem' | 'code-88'; graphCode?: number; regainMinutes?: number }
  | { kind: 'server-error'; status?: number }
  | { kind: 'token-expired' }
  | { kind: 'duplicate' }
  | { kind: 'quota'; reason?: 'quotaExceeded' | 'uploadLimitExceeded' }
  | { kind: 'hang' };

export type Fault =
  | PlatformFault
  /** Answer with exactly this (an odd shape, a message the adapter must not pass on verbatim). */
  | { kind: 'custom'; reply: FakeReply }
  /** Handle the request (the post is created) but never answer: a lost answer. */
  | { kind: 'lose-answer' };

/** Which requests a fault applies to: "METHOD /path" prefix, a pattern on it, or a predicate. */
export type FaultMatch = string | RegExp | ((request: RecordedRequest) => boolean);

export interface FakeHandle {
  base: string;
  close(): Promise<void>;
}

interface ScriptedFault {
  fault: Fault;
  remaining: number;
  match: FaultMatch | undefined;
}

export abstract class FakePlatformServer {
  readonly requests: RecordedRequest[] = [];
  /** Things the adapter sent that the real platform would refuse or that break our rules; a passing test expects none. */
  readonly problems: string[] = [];
  /** The bearer token the fake accepts. */
  token: string;
  /** The fake's own address once started (for upload URLs it hands out). */
  base = '';
  private server: Server | undefined;
  private readonly faults: ScriptedFault[] = [];

  protected constructor(token: string) {
    this.token = token;
  }

  /** Answers the next `times` (default 1) matching requests with `fault` instead of the normal reply. */
  fail(fault: Fault, options: { times?: number; match?: FaultMatch } = {}): this {
    this.faults.push({ fault, remaining: options.times ?? 1, match: options.match });
    return this;
  }

  /** Requests whose "METHOD /path" starts with the given text. */
  requestsTo(prefix: string): RecordedRequest[] {
    return this.requests.filter((request) => `${request.method} ${request.path}`.startsWith(prefix));
  }

  protected abstract route(request: RecordedRequest): FakeReply | Promise<FakeReply>;
  protected abstract faultReply(fault: PlatformFault, request: RecordedRequest): FakeReply;

  /** How many body bytes to accept before cutting the connection; undefined reads it all. */
  protected cutAfter(_method: string, _path: string, _query: URLSearchParams, _headers: IncomingHttpHeaders): number | undefined {
    return undefined;
  }

  /** Called with what arrived of a body before the fake cut the connection. */
  protected onCut(_request: RecordedRequest): void {}

  /** Paths served without a bearer token check (none by default). */
  protected isPublic(_request: RecordedRequest): boolean {
    return false;
  }

  protected problem(text: string): void {
    this.problems.push(text);
  }

  async start(): Promise<FakeHandle> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.problem(`fake crashed: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    return {
      base: this.base,
      close: () =>
        new Promise<void>((resolve) => {
          // Hanging exchanges hold their sockets open; end them so close() returns.
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const limit = this.cutAfter(method, url.pathname, url.searchParams, req.headers);
    const { body, cut } = await readBody(req, limit);
    const request: RecordedRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body, cut };
    this.requests.push(request);
    if (cut) {
      // An interrupted upload: the connection drops with no answer.
      this.onCut(request);
      req.socket.destroy();
      return;
    }
    if (url.searchParams.has('access_token')) this.problem(`${method} ${url.pathname}: token sent in the URL`);

    let reply: FakeReply;
    const scripted = this.takeFault(request);
    if (scripted?.kind === 'custom') reply = scripted.reply;
    else if (scripted?.kind === 'lose-answer') {
      await this.route(request);
      return;
    } else if (scripted) reply = this.faultReply(scripted, request);
    else if (!this.isPublic(request) && request.headers.authorization !== `Bearer ${this.token}`) reply = this.faultReply({ kind: 'token-expired' }, request);
    else reply = await this.route(request);
    if ('hang' in reply) return;
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json; charset=UTF-8';
      payload = JSON.stringify(reply.json);
    } else if (reply.text !== undefined) {
      payload = reply.text;
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private takeFault(request: RecordedRequest): Fault | undefined {
    const line = `${request.method} ${request.path}`;
    for (const entry of this.faults) {
      if (entry.remaining <= 0) continue;
      const { match } = entry;
      const applies = match === undefined || (typeof match === 'string' ? line.startsWith(match) : match instanceof RegExp ? match.test(line) : match(request));
      if (!applies) continue;
      entry.remaining -= 1;
      return entry.fault;
    }
    return undefined;
  }
}

function readBody(req: IncomingMessage, limit: number | undefined): Promise<{ body: Buffer; cut: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      if (limit !== undefined && size + chunk.length >= limit) {
        chunks.push(chunk.subarray(0, limit - size));
        size = limit;
        done = true;
        req.pause();
        resolve({ body: Buffer.concat(chunks), cut: true });
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve({ body: Buffer.concat(chunks), cut: false });
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}

/** The body as JSON, or undefined. */
export function jsonBody(request: RecordedRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export interface MultipartPart {
  name: string;
  fileName: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/** Parses a multipart/form-data body (RFC 7578); undefined when the request is not multipart. */
export function multipartBody(request: RecordedRequest): MultipartPart[] | undefined {
  const type = request.headers['content-type'] ?? '';
  const found = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
  const boundary = found?.[1] ?? found?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = request.body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    if (request.body.subarray(start, start + 2).toString() === '--') break;
    const next = request.body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF, then the next delimiter.
    const part = request.body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
      fileName: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim(),
      data: part.subarray(split + 4),
    });
    position = next;
  }
  return parts;
}

/** Form fields from an urlencoded or multipart body (text parts only). */
export function formFields(request: RecordedRequest): Map<string, string> {
  const parts = multipartBody(request);
  if (parts) return new Map(parts.filter((part) => part.fileName === undefined).map((part) => [part.name, part.data.toString('utf8')]));
  return new Map(new URLSearchParams(request.body.toString('utf8')));
}
