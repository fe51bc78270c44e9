// A real HTTP server on 127.0.0.1 for the client's tests: the fake API (fake-api/) with
// each test's handler in front of it, and every request recorded. A fresh server (and port)
// per test keeps fetch's keep-alive pool clean.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startFakeApi,
  type FakeApi,
  type FakeApiOptions,
  type RecordedRequest,
} from '../../fake-api/server.js';

/** Answers one request; `count` is 1 for the first request the server received. */
export type Handler = (req: IncomingMessage, res: ServerResponse, count: number) => void;

export interface Loopback {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  handle(handler: Handler): void;
  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void>;
  /** Destroys every socket, hanging ones included, and stops listening. */
  close(): Promise<void>;
  /** The fake API behind the handler: its builds, failures to inject, and so on. */
  readonly api: FakeApi;
  /** Drops the test's handler: the fake API answers from now on. */
  serveApi(): void;
}

const noHandler = (_req: IncomingMessage, res: ServerResponse) => {
  sendJson(res, 404, { error: { type: 'no-handler', message: 'no handler set' } });
  return undefined;
};

/**
 * Starts a loopback server. Until `handle()` or `serveApi()` is called, every request gets a
 * 404 `no-handler`; `options` configure the fake API behind it.
 */
export async function startLoopback(options: FakeApiOptions = {}): Promise<Loopback> {
  const api = await startFakeApi(options);
  api.override(noHandler);
  return {
    url: api.url,
    requests: api.recorded,
    api,
    handle(next) {
      api.override((req, res, count) => {
        next(req, res, count);
        return undefined;
      });
    },
    serveApi() {
      api.override(undefined);
    },
    received: (count) => api.received(count),
    close: () => api.close(),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A port nothing listens on: one the OS just handed out and took back. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
