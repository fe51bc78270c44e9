// Turns a response of the text transport into the unwrapped `data`, or an ApifyApiError that says
// what the server sent, whatever the body was (JSON error, HTML page, empty, truncated).
import { ApifyApiError, type RequestDetails } from './errors.js';
import { requestOf, textOf } from './transport.js';

/**
 * Parses the body the text transport kept for `response` (see `textOf`) and returns its `data`,
 * after `accept` has checked the shape; anything else becomes an ApifyApiError.
 */
export function unwrapData<T>(
  response: Response,
  fallback: RequestDetails,
  redact: (text: string) => string,
  what: string,
  accept: (data: unknown) => data is T,
): T {
  const details = requestOf.get(response) ?? fallback;
  // No kept text: a status that has no body.
  const text = textOf.get(response) ?? '';
  if (!response.ok) {
    throw new ApifyApiError({
      ...details,
      status: response.status,
      ...describeErrorBody(parseOrText(text), response, redact),
    });
  }
  let body: unknown;
  try {
    body = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    // No `cause`: V8's SyntaxError quotes a slice of the body, which redaction cannot recognise.
    throw new ApifyApiError({
      ...details,
      status: response.status,
      message: `expected a JSON body with ${what}, got ${snippet(text, redact)}`,
    });
  }
  const data = isObject(body) ? body['data'] : undefined;
  if (!accept(data)) {
    const got = body === undefined ? 'an empty body' : snippet(JSON.stringify(body), redact);
    throw new ApifyApiError({
      ...details,
      status: response.status,
      message: `expected a JSON body with ${what}, got ${got}`,
    });
  }
  return data;
}

/** An error body read as openapi-fetch reads one: parsed JSON, else the text itself. */
function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `type` and `message` from `{ error: { type, message } }`, or a description of another body. */
export function describeErrorBody(
  body: unknown,
  response: Response,
  redact: (text: string) => string,
): { type?: string; message: string } {
  if (isObject(body) && isObject(body['error']) && typeof body['error']['message'] === 'string') {
    const { type, message } = body['error'];
    const text = redact(message);
    return typeof type === 'string' ? { type: redact(type), message: text } : { message: text };
  }
  const status = response.statusText ? ` (${redact(response.statusText)})` : '';
  if (body === undefined || body === '') return { message: `the response body was empty${status}` };
  if (typeof body === 'string') {
    const kind = /^\s*</.test(body) ? 'an HTML page' : 'text that is not JSON';
    return { message: `the response body was ${kind}${status}: ${snippet(body, redact)}` };
  }
  return {
    message: `the response body had no error object: ${snippet(JSON.stringify(body), redact)}`,
  };
}

function snippet(body: unknown, redact: (text: string) => string): string {
  if (typeof body !== 'string' || body.length === 0) return 'an empty body';
  // Redact before tags, blanks and length are trimmed, which could cut the token in two.
  const text = redact(body);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return JSON.stringify(plain.length > 160 ? `${plain.slice(0, 160)}…` : plain);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
