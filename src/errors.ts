/** What every error of a request knows about it. */
export interface RequestDetails {
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** The request path without query string, e.g. `/v2/actors/janedoe~my-actor/builds`. */
  path: string;
  /** How many attempts were made, retries included. */
  attempts: number;
}

/** The fields of an {@link ApifyApiError}. */
export interface ApiErrorDetails extends RequestDetails {
  /** HTTP status of the last response. */
  status: number;
  /** `error.type` of the response body, when it had one (e.g. `record-not-found`). */
  type?: string | undefined;
  /** `error.message` of the response body, or a description of a body that was not JSON. */
  message: string;
}

function describe({ method, path, attempts }: RequestDetails): string {
  return attempts > 1 ? `${method} ${path} (after ${attempts} attempts)` : `${method} ${path}`;
}

/**
 * The API answered with a status outside 2xx, or with a 2xx body that is not the expected JSON.
 * `message` is the server's `error.message` (or a description of a body that had none); the
 * request it answered is in `status`, `method`, `path` and `attempts`.
 */
export class ApifyApiError extends Error {
  static {
    this.prototype.name = 'ApifyApiError';
  }
  readonly status: number;
  // `declare`: a plain field would be an own `type: undefined` even when the body had no type.
  declare readonly type?: string;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(details: ApiErrorDetails, options?: ErrorOptions) {
    super(details.message, options);
    this.status = details.status;
    if (details.type !== undefined) this.type = details.type;
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
  }
}

/** One attempt took longer than `timeoutMs` (and no retry was left). */
export class ApifyTimeoutError extends Error {
  static {
    this.prototype.name = 'ApifyTimeoutError';
  }
  readonly timeoutMs: number;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(details: RequestDetails & { timeoutMs: number }) {
    super(`${describe(details)} timed out: no complete response within ${details.timeoutMs} ms`);
    this.timeoutMs = details.timeoutMs;
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
  }
}

/** No HTTP response arrived (refused, reset, DNS, TLS ...); the original error is `cause`. */
export class ApifyNetworkError extends Error {
  static {
    this.prototype.name = 'ApifyNetworkError';
  }
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(details: RequestDetails, cause: unknown) {
    const reason = cause instanceof Error ? causeText(cause) : String(cause);
    super(`${describe(details)} failed without a response: ${reason}`, { cause });
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
  }
}

// Node's fetch says only "fetch failed"; the useful part (ECONNRESET, ECONNREFUSED ...) is its cause.
function causeText(error: Error): string {
  const inner = error.cause;
  if (inner instanceof Error && inner.message && inner.message !== error.message) {
    return `${error.message} (${inner.message})`;
  }
  return error.message || error.name;
}
