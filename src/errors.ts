// The errors a call can end with: one base class, so one `instanceof` catches them all, and each
// names the request it belongs to.

/**
 * Base of every error this library raises about a request: {@link ApifyApiError},
 * {@link ApifyTimeoutError} and {@link ApifyNetworkError}. Bad input is a `TypeError` or
 * `RangeError` instead, thrown before anything is sent.
 */
export class ApifyError extends Error {
  static {
    this.prototype.name = 'ApifyError';
  }
  // `declare`: set in the constructor, with no field initialisers emitted for them.
  /** HTTP method of the request, e.g. `GET`. */
  declare readonly method: string;
  /** The request path without query string, e.g. `/v2/actors/janedoe~my-actor/builds`. */
  declare readonly path: string;
  /** How many attempts were made, retries included: 1 when the request was not retried. */
  declare readonly attempts: number;

  /**
   * @param message - What went wrong; the request is appended in parentheses.
   * @param request - The method, path and number of attempts of the request.
   * @param options - `cause`, as for `Error`.
   */
  constructor(
    message: string,
    request: { method: string; path: string; attempts: number },
    options?: ErrorOptions,
  ) {
    const { method, path, attempts } = request;
    super(
      `${message} (${method} ${path}${attempts > 1 ? `, after ${attempts} attempts` : ''})`,
      options,
    );
    Object.assign(this, { method, path, attempts });
  }
}

/**
 * The API answered with a status outside 2xx, or with a 2xx body that is not the expected JSON.
 * The message names status, type, method and path, e.g.
 * `404 record-not-found: Actor was not found (GET /v2/actors/janedoe~x/builds)`.
 */
export class ApifyApiError extends ApifyError {
  static {
    this.prototype.name = 'ApifyApiError';
  }
  /** HTTP status of the last response. */
  declare readonly status: number;
  // `declare`: a plain field would be an own `type: undefined` even when the body had no type.
  /** `error.type` of the response body, when it had one (e.g. `record-not-found`). */
  declare readonly type?: string;
  /** `error.message` of the response body, as the server sent it, when it had one. */
  declare readonly apiMessage?: string;
  /** Headers of the last response (e.g. `Retry-After` of a final 429). */
  declare readonly headers: Headers;

  /**
   * @param details - The request (`method`, `path`, `attempts`), the response (`status`,
   * `headers`, `type`, `apiMessage`) and `message`, a description of what the server sent.
   * @param options - `cause`, as for `Error`.
   */
  constructor(
    details: {
      status: number;
      method: string;
      path: string;
      attempts: number;
      message: string;
      type?: string | undefined;
      apiMessage?: string | undefined;
      headers?: Headers | undefined;
    },
    options?: ErrorOptions,
  ) {
    const { status, type, apiMessage, headers = new Headers() } = details;
    super(`${status}${type === undefined ? '' : ` ${type}`}: ${details.message}`, details, options);
    Object.assign(this, { status, headers });
    // Fields the body did not have stay off the error.
    if (type !== undefined) this.type = type;
    if (apiMessage !== undefined) this.apiMessage = apiMessage;
  }
}

/** The fields the {@link ApifyApiError} constructor takes. */
export type ApiErrorDetails = ConstructorParameters<typeof ApifyApiError>[0];

/** What every error of a request knows about it. */
export type RequestDetails = ConstructorParameters<typeof ApifyError>[1];

/** One attempt took longer than `timeoutMs` (and no retry was left). */
export class ApifyTimeoutError extends ApifyError {
  static {
    this.prototype.name = 'ApifyTimeoutError';
  }
  /** The time limit of each attempt, in ms. */
  declare readonly timeoutMs: number;

  /** @param details - The request, and the time limit it exceeded. */
  constructor(details: { method: string; path: string; attempts: number; timeoutMs: number }) {
    super(`timed out: no complete response within ${details.timeoutMs} ms`, details);
    this.timeoutMs = details.timeoutMs;
  }
}

/** No HTTP response arrived (refused, reset, DNS, TLS ...); the original error is `cause`. */
export class ApifyNetworkError extends ApifyError {
  static {
    this.prototype.name = 'ApifyNetworkError';
  }

  /**
   * @param details - The request that got no response.
   * @param cause - What the fetch implementation threw.
   */
  constructor(details: { method: string; path: string; attempts: number }, cause: unknown) {
    // Node's fetch says only "fetch failed"; the useful part (ECONNRESET ...) is its cause.
    const inner = (cause as Error | undefined)?.cause;
    const reason =
      cause instanceof Error
        ? inner instanceof Error && inner.message && inner.message !== cause.message
          ? `${cause.message} (${inner.message})`
          : cause.message || cause.name
        : String(cause);
    super(`failed without a response: ${reason}`, details, { cause });
  }
}
