// The fake API's HTTP layer (node:http only): records every request, lets a test's override
// answer first, writes answers with CORS headers, logs one line per request, and closes with
// every socket, hanging ones included. What an answer says is decided by routes.ts.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FakeApiError } from './errors.js';

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** performance.now() when the request arrived. */
  at: number;
}

/**
 * Takes over a request before the fake API sees it; returning `'next'` hands it on to the fake,
 * and so does a promise of `'next'` once it resolves (an override that awaits something first).
 * `count` is 1 for the first request the server received.
 */
export type Override = (
  req: IncomingMessage,
  res: ServerResponse,
  count: number,
) => 'next' | undefined | Promise<'next' | undefined>;

/** What the API answers: a status, a JSON body (or bytes) and headers. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Answers a request the override handed on; throwing a FakeApiError answers with its body. */
export type Handler = (method: string, url: URL, headers: IncomingHttpHeaders) => Answer;

export interface Listener {
  readonly url: string;
  readonly port: number;
  readonly recorded: RecordedRequest[];
  readonly requests: number;
  received(count: number): Promise<void>;
  override(handler: Override | undefined): void;
  close(): Promise<void>;
}

/** The message for a port that is taken, instead of a raw EADDRINUSE stack. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

/** The path and query of `url` for a log line; a token in the query is never printed. */
function logged(url: URL): string {
  const query = new URLSearchParams(url.searchParams);
  if (query.has('token')) query.set('token', '***');
  const text = query.toString();
  return text ? `${url.pathname}?${text}` : url.pathname;
}

/** Writes an answer: JSON (or the given bytes) with its length, CORS headers always. */
export function send(res: ServerResponse, { status, body, headers }: Answer): void {
  const all = { ...CORS, ...headers };
  if (body === undefined) {
    res.writeHead(status, all).end();
    return;
  }
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  res
    .writeHead(status, {
      ...all,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': bytes.length,
    })
    .end(bytes);
}

/** Answers `req` with `handle`, an error's body if it throws; logs the line when asked to. */
function answerWith(
  handle: Handler,
  req: IncomingMessage,
  res: ServerResponse,
  started: number,
  log: ((line: string) => void) | undefined,
): void {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://localhost');
  let answer: Answer;
  try {
    answer = handle(method, url, req.headers);
  } catch (error) {
    const known = error instanceof FakeApiError ? error : new FakeApiError(500);
    if (!(error instanceof FakeApiError)) log?.(`mock: internal error: ${String(error)}`);
    answer = { status: known.status, body: known.body, headers: known.headers };
  }
  send(res, answer);
  if (log) {
    const took = (performance.now() - started).toFixed(1);
    log(
      `mock: ${new Date().toISOString()} ${method} ${logged(url)} -> ${answer.status} (${took} ms)`,
    );
  }
}

/** Listens on `host:port` (0: a free port) and answers every request with `handle`. */
export async function listen(
  handle: Handler,
  { port, host, log }: { port: number; host: string; log?: ((line: string) => void) | undefined },
): Promise<Listener> {
  const recorded: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let override: Override | undefined;

  const server = createServer((req, res) => {
    const started = performance.now();
    recorded.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      at: started,
    });
    for (const waiter of waiters.filter((w) => recorded.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    // Drain any request body; none of the endpoints reads one.
    req.resume();
    const handOn = () => answerWith(handle, req, res, started, log);
    const taken = override ? override(req, res, recorded.length) : 'next';
    if (taken === 'next') handOn();
    else if (taken instanceof Promise) void taken.then((later) => later === 'next' && handOn());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `port ${port} on ${host} is already in use (is another fake API running?); pick another with PORT=…`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  server.removeAllListeners('error');
  const address = server.address() as AddressInfo;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    recorded,
    get requests() {
      return recorded.length;
    },
    received(count) {
      if (recorded.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    override(handler) {
      override = handler;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
