// Turns what openapi-fetch read from a response into the unwrapped `data`, or an ApifyApiError
// that says what the server sent, whatever the body was (JSON error, HTML page, empty, truncated).
import { ApifyApiError, type RequestDetails } from './errors.js';
import { redactHeaders, type Redact } from './redact.js';
import { keptBytes } from './transport.js';

/** What openapi-fetch returns for a call made with `parseAs: 'stream'`. */
export interface StreamResult {
  /** The body of another status than 2xx: parsed JSON, else the text itself. */
  error?: unknown;
  /** The response as the last middleware handed it on. */
  response: Response;
}

const decoder = new TextDecoder();

/**
 * Reads the body of a 2xx once, from the response the last middleware handed on, and returns
 * its `data` when `problemOf` finds nothing wrong with it; any other answer becomes an
 * ApifyApiError naming `request`.
 */
export async function unwrapData<T>(
  { error, response }: StreamResult,
  request: RequestDetails,
  redact: Redact,
  what: string,
  /** What is wrong with `data`, if anything. */
  problemOf: (data: unknown) => string | undefined,
): Promise<T> {
  if (!response.ok) {
    const status = response.statusText ? redact(response.statusText) : '';
    throw apiError(response, request, redact, describeErrorBody(error, redact, status));
  }
  // The transport's own response: its bytes are at hand, no stream to go through.
  const bytes = keptBytes(response);
  const text = bytes === undefined ? await response.text() : decoder.decode(bytes);
  let problem: string;
  try {
    const body: unknown = JSON.parse(text);
    const data = isObject(body) ? body['data'] : undefined;
    const found = problemOf(data);
    if (found === undefined) return data as T;
    problem = isObject(data) ? `but ${found}` : `got ${snippet(text, redact)}`;
  } catch {
    // No `cause`: V8's SyntaxError quotes a slice of the body, which redaction cannot recognise.
    problem = `got ${snippet(text, redact)}`;
  }
  throw apiError(response, request, redact, {
    message: `expected a JSON body with ${what}, ${problem}`,
  });
}

function apiError(
  response: Response,
  request: RequestDetails,
  redact: Redact,
  body: { type?: string | undefined; apiMessage?: string | undefined; message: string },
): ApifyApiError {
  return new ApifyApiError({
    ...request,
    ...body,
    status: response.status,
    headers: redactHeaders(response.headers, redact),
  });
}

/**
 * `type` and `message` of an `{ error: { type, message } }` body, either of which may be
 * missing, or a description of another body (HTML page, text, empty, JSON of another shape).
 */
export function describeErrorBody(
  body: unknown,
  redact: Redact,
  statusText = '',
): { type?: string | undefined; apiMessage?: string | undefined; message: string } {
  const error = isObject(body) ? body['error'] : undefined;
  if (isObject(error)) {
    // Undefined fields are left off the ApifyApiError.
    const [type, apiMessage] = [error['type'], error['message']].map((field) =>
      typeof field === 'string' ? redact(field) : undefined,
    );
    const message =
      apiMessage ?? `the error object had no message: ${snippet(JSON.stringify(body), redact)}`;
    return { type, apiMessage, message };
  }
  const status = statusText ? ` (${statusText})` : '';
  if (body === undefined || body === '') return { message: `the response body was empty${status}` };
  if (typeof body === 'string') {
    const kind = /^\s*</.test(body) ? 'an HTML page' : 'text that is not JSON';
    return { message: `the response body was ${kind}${status}: ${snippet(body, redact)}` };
  }
  return {
    message: `the response body had no error object: ${snippet(JSON.stringify(body), redact)}`,
  };
}

/** A short, one-line, quoted view of a body: an HTML page's title, or its text without tags. */
function snippet(body: unknown, redact: Redact): string {
  if (typeof body !== 'string' || body.length === 0) return 'an empty body';
  // Redact before tags, blanks and length are trimmed, which could cut the token in two.
  const text = redact(body);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  // And again after: removing tags and blanks may join what only together is the token.
  const plain = redact((title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim());
  return JSON.stringify(plain.length > 160 ? `${plain.slice(0, 160)}…` : plain);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
