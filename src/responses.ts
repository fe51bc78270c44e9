// Turns what openapi-fetch read from a response into the unwrapped `data`, or an ApifyApiError
// that says what the server sent, whatever the body was (JSON error, HTML page, empty, truncated).
import { ApifyApiError } from './errors.js';
import { redactHeaders, type Redact } from './redact.js';
import type { Reply } from './request.js';

/** What a 401 or 403 adds when the client sent no token. */
export const NO_TOKEN = 'No token was sent: pass `token` or set APIFY_TOKEN.';

/**
 * Reads the body of a 2xx once, from the response the last middleware handed on, and returns
 * its `data` when it is an object in which `problemOf` finds nothing wrong; any other answer
 * becomes an ApifyApiError naming the request that was sent.
 */
export async function unwrapData<T>(
  { error, response, sent }: Reply,
  /** What is wrong with `data`, if anything. */
  problemOf: (data: Record<string, unknown>) => string | undefined,
  redact: Redact,
  /** No token was sent: a 401 or 403 says so, and how to send one. */
  tokenless: boolean,
): Promise<T> {
  let message: string | undefined;
  let type: string | undefined;
  let apiMessage: string | undefined;
  if (response.ok) {
    const text = await response.text();
    let data: unknown;
    try {
      // `null` throws here too, like a body that is not JSON.
      data = (JSON.parse(text) as { data: unknown }).data;
    } catch {
      // No `cause`: V8's SyntaxError quotes a slice of the body, which redaction cannot recognise.
    }
    const found =
      typeof data === 'object' && data !== null && !Array.isArray(data)
        ? problemOf(data as Record<string, unknown>)
        : bodyWas(text, redact);
    if (found === undefined) return data as T;
    message = `expected a JSON body with data, but ${found}`;
  } else {
    // Parsed JSON or text: any value but an object has no such fields, nor have their fields.
    const body = (error as { error?: Record<string, unknown> } | null | undefined)?.error;
    // Either field may be missing; undefined ones are left off the ApifyApiError.
    [type, apiMessage] = [body?.['type'], body?.['message']].map((field) =>
      typeof field === 'string' ? redact(field) : undefined,
    );
    message = apiMessage ?? bodyWas(error, redact);
    if (tokenless && (response.status === 401 || response.status === 403))
      message += `${/[.!?]$/.test(message) ? '' : '.'} ${NO_TOKEN}`;
  }
  throw new ApifyApiError({
    ...sent,
    status: response.status,
    type,
    apiMessage,
    message,
    headers: redactHeaders(response.headers, redact),
  });
}

/**
 * What a body was, in short: empty, an HTML page (its title, or its text without tags), or
 * its text (JSON included) on one line, quoted.
 */
function bodyWas(body: unknown, redact: Redact): string {
  // JSON.stringify gives undefined for undefined: no body at all.
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (!text) return 'the response body was empty';
  // Redact before tags, blanks and length are trimmed, which could cut the token in two.
  const redacted = redact(text);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(redacted)?.[1];
  // And again after: removing tags and blanks may join what only together is the token.
  const plain = redact((title ?? redacted.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim());
  return `the response body was ${/^\s*</.test(text) ? 'an HTML page ' : ''}${JSON.stringify(
    plain.length > 160 ? `${plain.slice(0, 160)}…` : plain,
  )}`;
}
