// What travels between the transport and the facade beside openapi-fetch's own Request and
// Response, and why. Nothing else passes between them.
import type { RequestDetails } from './errors.js';

/**
 * One request as the transport sent it and was answered, returned to the caller of `send`:
 * - `method`, `path` (redacted) and `attempts`: the request after any middleware, for the errors
 *   about its answer;
 * - `response`: the Response handed back to openapi-fetch, so the facade can tell whether a
 *   middleware replaced it;
 * - `text`: that response's body as text, already read inside the attempt (so the timeout covers
 *   the body), so the facade takes it instead of reading and decoding a stream again.
 */
export interface Exchange extends RequestDetails {
  response: Response;
  text: string;
}

/** The text of `response`: the exchange's when it is the exchange's own, else read from it. */
export function bodyText(response: Response, exchange?: Exchange): string | Promise<string> {
  return response === exchange?.response ? exchange.text : response.text();
}

/**
 * The Request class openapi-fetch builds requests with. It keeps the caller's signal aside
 * instead of linking it into the Request: Node 20's Request would leave an `abort` listener on
 * the caller's signal until garbage collection. The transport links it per attempt instead.
 */
export class SignalAsideRequest extends Request {
  // openapi-fetch accepts a middleware's replacement only if it passes `instanceof` this class.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }

  readonly #caller: AbortSignal | null | undefined;

  constructor(input: Request | string | URL, init?: RequestInit) {
    const { signal, ...rest } = init ?? {};
    super(input, rest);
    this.#caller = signal;
  }

  /** The caller's signal of a request this class made; the own signal of any other request. */
  static callerSignal(request: Request): AbortSignal | null | undefined {
    return #caller in request ? request.#caller : request.signal;
  }
}
