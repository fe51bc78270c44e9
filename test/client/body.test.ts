// Response bodies as the transport reads them: in whatever chunks they arrive, decoded as UTF-8
// the way `res.json()` decodes them, and handed to middleware byte for byte.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ACTOR, clientOf, pageBody, useLoopback } from '../helpers/api.js';

const server = useLoopback();

/** A page whose builds carry text in 2-, 3- and 4-byte UTF-8 characters. */
function textPage() {
  const body = pageBody(3);
  body.data.items = body.data.items.map((item, i) => ({
    ...item,
    meta: { origin: 'API', userAgent: `Žluťoučký kůň ${i} – 日本語 🐎🐎` },
  }));
  return body;
}

/** Sends `bytes` in pieces of `size` bytes, each after the previous one had time to arrive. */
async function sendInPieces(res: ServerResponse, bytes: Buffer, size: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
  for (let at = 0; at < bytes.length; at += size) {
    res.write(bytes.subarray(at, at + size));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  res.end();
}

describe('response bodies', () => {
  it('decodes a body that arrives in pieces that split characters', async () => {
    const expected = textPage();
    const bytes = Buffer.from(JSON.stringify(expected));
    // 5 bytes: no piece boundary lines up with every character of the text.
    server().handle((_req, res) => void sendInPieces(res, bytes, 5));
    const page = await clientOf(server()).listBuilds(ACTOR);
    expect(page).toEqual(expected.data);
  });

  it('reads a body with a byte order mark and invalid UTF-8 as res.json() does', async () => {
    const json = Buffer.from(JSON.stringify(textPage()));
    // A BOM in front, and a stray continuation byte in place of the first 'Ž' byte.
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]);
    bytes[bytes.indexOf(Buffer.from('Ž'))] = 0x80;
    server().handle((_req, res) => void sendInPieces(res, bytes, 7));
    const page = await clientOf(server()).listBuilds(ACTOR);
    const { data } = (await new Response(bytes).json()) as ReturnType<typeof textPage>;
    expect(page).toEqual(data);
    expect(page.items[0]?.meta?.userAgent?.startsWith('\ufffd')).toBe(true);
  });

  it('keeps a U+FEFF that begins a later piece: only the body may begin with a byte order mark', async () => {
    const expected = textPage();
    expected.data.items[1]!.meta!.userAgent = '\ufeffstarts with U+FEFF';
    const bytes = Buffer.from(JSON.stringify(expected));
    // Two pieces: the first ends in ASCII (the quote), the second begins with the U+FEFF.
    const cut = bytes.indexOf(Buffer.from('\ufeff'));
    server().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 5);
    });
    const page = await clientOf(server()).listBuilds(ACTOR);
    expect(page).toEqual(expected.data);
  });

  it('hands a middleware the bytes that were sent, and the facade still reads them', async () => {
    const bytes = Buffer.from(JSON.stringify(textPage()));
    server().handle((_req, res) => void sendInPieces(res, bytes, 3));
    const client = clientOf(server());
    const seen: Buffer[] = [];
    client.raw.use({
      async onResponse({ response }) {
        seen.push(Buffer.from(await response.clone().arrayBuffer()));
      },
    });
    const page = await client.listBuilds(ACTOR);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.equals(bytes)).toBe(true);
    expect(page.items.map((item) => item.id)).toEqual(['build0', 'build1', 'build2']);
  });

  it('reads an empty 2xx body as empty', async () => {
    server().handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end();
    });
    await expect(clientOf(server()).listBuilds(ACTOR)).rejects.toThrow(
      'expected a JSON body with data, but the response body was empty',
    );
  });

  it('answers a walk from a body in pieces too', async () => {
    const expected = textPage();
    const bytes = Buffer.from(JSON.stringify(expected));
    server().handle((_req, res) => void sendInPieces(res, bytes, 11));
    const items = [];
    for await (const item of clientOf(server()).iterateBuilds(ACTOR)) items.push(item);
    expect(items).toEqual(expected.data.items);
  });
});
