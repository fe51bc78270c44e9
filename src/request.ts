// The one way a call travels, the facade's and `raw`'s alike: openapi-fetch builds the Request
// from the route and its parameters and runs the middleware (`raw.use`), then hands the Request
// to the fetch it was given for this call. That fetch is a Trip: the transport (transport.ts)
// with the caller's signal given to it directly, never linked into the Request (Node.js 20's
// Request would keep a listener on the caller's signal until garbage collection), and a record
// of what the transport sent (after any middleware) and how often it tried. (A raw call that
// brings its own fetch uses that instead, as openapi-fetch does.)
//
//   facade method ─ Call ─▶ request() ─▶ openapi-fetch ─▶ middleware ─▶ Trip.fetch ─▶ transport
//        ◀── Reply { response, error, sent } ◀── openapi-fetch ◀── middleware ◀── Exchange
import createClient, { defaultPathSerializer, type Client } from 'openapi-fetch';
import type { RequestDetails } from './errors.js';
import type { Redact } from './redact.js';
import type { Send } from './transport.js';
import type { paths } from './types.js';

/** One call of the facade: the operations differ only in these. */
export interface Call {
  method: 'GET' | 'POST';
  /** A route of `paths`, e.g. `/v2/actor-builds/{buildId}/abort`. */
  route: keyof paths;
  path: Record<string, string>;
  /** Only what is given: the API has its own defaults. */
  query?: { offset?: number; limit?: number; desc?: boolean };
  signal?: AbortSignal | undefined;
}

/** What a call came back with. */
export interface Reply {
  /** The response as the last middleware handed it on; a 2xx body is left unread. */
  response: Response;
  /** A body that is not 2xx, as openapi-fetch reads it: parsed JSON, else its text. */
  error?: unknown;
  /**
   * The request as sent (after any middleware) and how often it was tried; when a middleware
   * answered in place of the server, the route the call asked for.
   */
  sent: RequestDetails;
}

/** One call's fetch for openapi-fetch, and what the transport sent for it once it has. */
interface Trip {
  readonly fetch: (request: Request) => Promise<Response>;
  sent?: RequestDetails;
}

function startTrip(send: Send, signal: AbortSignal | null | undefined): Trip {
  const trip: Trip = {
    async fetch(request) {
      const { response, ...sent } = await send(request, signal);
      trip.sent = sent;
      return response;
    },
  };
  return trip;
}

/** openapi-fetch's `request`, seen without the route types: the Call has its own. */
type AnyRequest = (
  method: string,
  url: string,
  init?: { signal?: AbortSignal | null; fetch?: unknown; [option: string]: unknown },
) => Promise<{ error?: unknown; response: Response }>;

export interface Requests {
  /** Makes one call of the facade. */
  request: (call: Call) => Promise<Reply>;
  /** openapi-fetch's client, each call through its own Trip unless it brings its own fetch. */
  raw: Client<paths>;
}

/** The openapi-fetch client over `send`, and the facade's one request step. */
export function createRequests(
  baseUrl: URL,
  headers: Record<string, string>,
  send: Send,
  redact: Redact,
): Requests {
  const client = createClient<paths>({ baseUrl: baseUrl.href.replace(/\/+$/, ''), headers });
  const prefix = baseUrl.pathname.replace(/\/+$/, '');
  const request = client.request as unknown as AnyRequest;
  // A fetch given to a call replaces the transport, as it does in openapi-fetch, and gets the
  // call's signal the usual way, in the Request.
  const viaTrip: AnyRequest = (method, url, init = {}) =>
    request(
      method,
      url,
      init.fetch ? init : { ...init, signal: null, fetch: startTrip(send, init.signal).fetch },
    );
  const raw: Record<string, unknown> = { ...client, request: viaTrip };
  // GET, POST and the other HTTP methods: openapi-fetch's own names for them are in upper case.
  for (const method of Object.keys(client).filter((key) => /^[A-Z]+$/.test(key))) {
    raw[method] = (url: string, init?: Parameters<AnyRequest>[2]) => viaTrip(method, url, init);
  }
  return {
    async request({ method, route, path, query, signal }) {
      const trip = startTrip(send, signal);
      // 'stream': openapi-fetch leaves a 2xx body unread; the facade reads it once.
      const { response, error } = await request(method, route, {
        params: { path, query },
        parseAs: 'stream',
        fetch: trip.fetch,
      });
      const sent = trip.sent ?? {
        method,
        path: redact(prefix + defaultPathSerializer(route, path)),
        attempts: 1,
      };
      return { response, error, sent };
    },
    raw: raw as unknown as Client<paths>,
  };
}
