// Keeps the token out of everything an error shows: messages, paths, headers and causes.

/** Replaces the token in a text; the identity when there is no token. */
export type Redact = (text: string) => string;

// Between two characters of an echoed token a page may put blanks, tags or escaped line breaks.
const GAP = String.raw`(?:\s|<[^>]*>|\\[nrt])*`;

/**
 * Replaces the token with `***`: as is, JSON-escaped or URL-encoded, and also where blanks, line
 * breaks or HTML tags split it, so flattening a page afterwards cannot join it together again.
 */
export function redactor(token: string | undefined): Redact {
  if (!token) return (text) => text;
  const forms = [
    ...new Set([token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)]),
  ];
  const pattern = new RegExp(
    forms
      .map((form) =>
        Array.from(form)
          .map((c) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'))
          .join(GAP),
      )
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, '***');
}

/** A copy of response headers with the token replaced in every value. */
export function redactHeaders(headers: Headers, redact: Redact): Headers {
  return new Headers([...headers].map(([name, value]) => [name, redact(value)]));
}

/**
 * A copy of an error and its causes with the token replaced in every message, stack and
 * property, e.g. the raw `Location` that fetch quotes as `cause.cause.input`.
 */
export function redactError(error: unknown, redactToken: Redact, depth = 0): unknown {
  // A URL in a cause may carry some other `token=` parameter; its value goes too.
  const redact: Redact = (text) => redactToken(text).replace(/([?&#;]token=)[^&#\s'"]+/gi, '$1***');
  if (!(error instanceof Error)) {
    if (typeof error !== 'object' || error === null) {
      return typeof error === 'string' ? redact(error) : error;
    }
    // Anything else thrown (a plain object ...) is kept as its text, without the token.
    let text: string | undefined;
    const thrown: unknown = error;
    try {
      // undefined for an object whose toJSON gives nothing.
      text = JSON.stringify(error);
    } catch {
      // a cycle or a throwing toJSON: the text form below
    }
    // Its own toString where it has one (redacted like the rest), `[object Object]` otherwise.
    return redact(text ?? String(thrown));
  }
  const cause =
    depth < 8 && error.cause !== undefined
      ? { cause: redactError(error.cause, redactToken, depth + 1) }
      : undefined;
  const copy = new Error(redact(error.message), cause);
  // Own and hidden, as on the original; `stack` already is.
  Object.defineProperty(copy, 'name', { value: redact(error.name), writable: true });
  copy.stack = redact(error.stack ?? '');
  // Plain fields such as `code` and `input`.
  for (const [key, value] of Object.entries(error)) {
    if (typeof value !== 'object') {
      (copy as unknown as Record<string, unknown>)[key] =
        typeof value === 'string' ? redact(value) : value;
    }
  }
  return copy;
}
