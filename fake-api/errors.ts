// The fake API's error answers: `{ error: { type, message } }` bodies as the spec's examples
// (components.responses) give them.
import type { components } from '../generated/schema.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 429 | 500 | 502 | 503 | 504;
export type ErrorBody = components['schemas']['ErrorResponse'];

/** The type and message of each error status (the body may carry either or both). */
export const ERRORS: Record<ErrorStatus, { type: string; message: string }> = {
  400: { type: 'invalid-input', message: 'Invalid input: The request body contains invalid data.' },
  401: { type: 'invalid-token', message: 'Authentication token is not valid.' },
  403: {
    type: 'insufficient-permissions',
    message: 'You do not have permission to perform this action.',
  },
  404: { type: 'record-not-found', message: 'The requested resource was not found.' },
  405: {
    type: 'method-not-allowed',
    message:
      'This API end-point can only be accessed using the following HTTP methods: OPTIONS,GET',
  },
  429: {
    type: 'rate-limit-exceeded',
    message: 'You have exceeded the rate limit. Please try again later.',
  },
  500: { type: 'internal-server-error', message: 'Internal server error.' },
  502: { type: 'bad-gateway', message: 'Bad gateway.' },
  503: {
    type: 'service-unavailable',
    message: 'Service is temporarily unavailable. Please try again later.',
  },
  504: { type: 'gateway-timeout', message: 'Gateway timeout.' },
};

export const isErrorStatus = (status: number): status is ErrorStatus => status in ERRORS;

/** An answer with an error body; thrown by the routes, turned into a response by the server. */
export class FakeApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string = ERRORS[status].message,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body(): ErrorBody {
    return { error: { type: ERRORS[this.status].type, message: this.message } };
  }
}

export const invalid = (name: string, allowed: string): FakeApiError =>
  new FakeApiError(400, `Invalid input: query parameter '${name}' must be ${allowed}.`);
