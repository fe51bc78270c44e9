// The pagination planner without I/O: a simulated list (oldest first) that can grow between
// requests and may cap page sizes, walked through startWalk/advanceWalk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceWalk, startWalk, type Page, type WalkOptions } from '../src/paginate.js';

interface Item {
  id: string;
}

interface Scenario {
  initial: number;
  options: WalkOptions;
  /** Builds started before the 2nd, 3rd, ... request (an ascending walk chases them, so finite). */
  inserts: number[];
  /** The most the server returns per page, whatever was asked. */
  serverMax: number;
}

function simulate({ initial, options, inserts, serverMax }: Scenario) {
  const list: Item[] = Array.from({ length: initial }, (_, i) => ({ id: `b${i}` }));
  const requests: { offset: number; limit: number }[] = [];
  const yielded: Item[] = [];
  // The planner knows the server's cap on `limit` (the API's is 1000).
  let state = startWalk<Item>({ ...options, maxLimit: serverMax });
  // Bounded: no walk in these scenarios needs more requests than this.
  for (let guard = 0; state.next !== undefined; guard += 1) {
    if (guard > 10_000) throw new Error('the walk does not end');
    if (requests.length > 0) {
      const count = inserts[requests.length - 1] ?? 0;
      for (let i = 0; i < count; i += 1) list.push({ id: `b${list.length}` });
    }
    const { offset, limit } = state.next;
    requests.push({ offset, limit });
    const ordered = options.desc ? [...list].reverse() : list;
    const pageLimit = Math.min(limit, serverMax);
    const items = ordered.slice(offset, offset + pageLimit);
    const page: Page<Item> = {
      total: list.length,
      offset,
      limit: pageLimit,
      count: items.length,
      items,
    };
    const step = advanceWalk(state, page);
    expect(step.page.count).toBe(step.page.items.length);
    yielded.push(...step.page.items);
    state = step.state;
  }
  return { list, requests, yielded };
}

/** One change of the list before a request: builds started, or builds deleted (never both). */
type Change = { start: number } | { remove: number[]; oldest: boolean };

/**
 * Walks a list that changes before each request: builds start (at the newest end) or are deleted
 * anywhere, except the last build of the page the walk handed out last (the walk may rely on it).
 */
function simulateChanges(
  initial: number,
  options: WalkOptions,
  changes: Change[],
  serverMax: number,
  /** A change before every request after the first, instead of before every other one. */
  often = false,
) {
  let list: Item[] = Array.from({ length: initial }, (_, i) => ({ id: `b${i}` }));
  let started = initial;
  const deleted = new Set<string>();
  const requests: { offset: number; limit: number }[] = [];
  const totals: number[] = [];
  const yielded: string[] = [];
  let state = startWalk<Item>({ ...options, maxLimit: serverMax });
  for (let guard = 0; state.next !== undefined; guard += 1) {
    if (guard > 10_000) throw new Error('the walk does not end');
    // A change before every other request: the walk sees each one settle before the next.
    const change = often
      ? requests.length > 0
        ? changes[requests.length - 1]
        : undefined
      : requests.length % 2 === 1
        ? changes[(requests.length - 1) / 2]
        : undefined;
    if (change !== undefined && 'start' in change) {
      for (let i = 0; i < change.start; i += 1) list.push({ id: `b${started++}` });
    } else if (change !== undefined) {
      // The newest build of the last page handed out that is still listed.
      const listed = new Set(list.map((item) => item.id));
      const kept = [...state.last].reverse().find((item) => listed.has(item.id))?.id;
      // Retention deletes the oldest builds; a user may delete any.
      const picked = change.oldest
        ? list.slice(0, change.remove.length)
        : change.remove.map((at) => list[at % Math.max(1, list.length)]);
      const doomed = new Set(picked.map((item) => item?.id).filter((id) => id !== kept));
      for (const id of doomed) deleted.add(id ?? '');
      list = list.filter((item) => !doomed.has(item.id));
    }
    const { offset, limit } = state.next;
    requests.push({ offset, limit });
    totals.push(list.length);
    const ordered = options.desc ? [...list].reverse() : list;
    const pageLimit = Math.min(limit, serverMax);
    const items = ordered.slice(offset, offset + pageLimit);
    const step = advanceWalk(state, {
      total: list.length,
      offset,
      limit: pageLimit,
      count: items.length,
      items,
    });
    yielded.push(...step.page.items.map((item) => item.id));
    state = step.state;
  }
  const survivors = Array.from({ length: initial }, (_, i) => `b${i}`).filter(
    (id) => !deleted.has(id),
  );
  const moves = totals.filter((total, i) => i > 0 && total !== totals[i - 1]).length;
  return { list, requests, yielded, survivors, moves, started };
}

const changes = fc.array(
  fc.oneof(
    fc.record({ start: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      remove: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
      oldest: fc.constant(true),
    }),
  ),
  { minLength: 1, maxLength: 6 },
);

/** Changes that delete builds at random positions, newer and older than the walk's position. */
const anywhere = fc.array(
  fc.oneof(
    fc.record({ start: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      remove: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
      oldest: fc.boolean(),
    }),
  ),
  { minLength: 1, maxLength: 6 },
);

/** Checks a walk of a changing list against the contract: every survivor once, in order. */
function expectExact(
  initial: number,
  pageSize: number,
  desc: boolean,
  steps: Change[],
  { often = false, maxLimit = 1000 } = {},
) {
  const opts = { offset: 0, pageSize, desc, maxItems: Number.MAX_SAFE_INTEGER };
  const run = simulateChanges(initial, opts, steps, maxLimit, often);
  // Every request is one the API accepts.
  for (const { offset, limit } of run.requests) {
    expect(Number.isSafeInteger(offset) && offset >= 0).toBe(true);
    expect(Number.isSafeInteger(limit) && limit >= 1 && limit <= 1000).toBe(true);
  }
  // Nothing twice, and every build that was never deleted exactly once, in list order.
  expect(new Set(run.yielded).size).toBe(run.yielded.length);
  const order = (id: string) => Number(id.slice(1));
  const oldOnes = run.yielded.filter((id) => order(id) < initial);
  const expected = desc ? [...run.survivors].reverse() : run.survivors;
  expect(oldOnes.filter((id) => run.survivors.includes(id))).toEqual(expected);
  const sorted = [...run.yielded].sort((a, b) => (order(a) - order(b)) * (desc ? -1 : 1));
  expect(run.yielded).toEqual(sorted);
  // Newest first leaves out builds started during the walk; oldest first ends with them.
  if (desc) expect(run.yielded.every((id) => order(id) < initial)).toBe(true);
  else {
    const late = run.list.map((b) => b.id).filter((id) => order(id) >= initial);
    const lateYielded = run.yielded.filter((id) => order(id) >= initial);
    expect(lateYielded.filter((id) => late.includes(id))).toEqual(late);
  }
  // One extra request at most per change of total; a change that comes while a seam is asked
  // for may cost the seam too.
  const pages = Math.max(1, Math.ceil(Math.max(initial, run.yielded.length) / pageSize));
  expect(run.requests.length).toBeLessThanOrEqual(pages + run.moves * (often ? 2 : 1));
}

/** expectExact over lists of up to 150 builds, pages of 1 to 25 and the changes `steps` draws. */
function expectExactWalks(
  desc: boolean,
  steps: fc.Arbitrary<Change[]>,
  numRuns: number,
  often = false,
) {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 150 }),
      fc.integer({ min: 1, max: 25 }),
      steps,
      (initial, pageSize, drawn) => expectExact(initial, pageSize, desc, drawn, { often }),
    ),
    { numRuns },
  );
}

const options = (desc: boolean) =>
  fc.record({
    offset: fc.integer({ min: 0, max: 60 }),
    pageSize: fc.integer({ min: 1, max: 25 }),
    desc: fc.constant(desc),
    maxItems: fc.oneof(fc.constant(Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: 80 })),
  });

const ids = (items: Item[]) => items.map((item) => item.id);

describe('pagination planner', () => {
  it('walks a fixed list with the minimal number of requests, every item once and in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 }),
        fc.boolean(),
        fc.boolean().chain(options),
        (initial, _, opts) => {
          const { list, requests, yielded } = simulate({
            initial,
            options: opts,
            inserts: [],
            serverMax: 1000,
          });
          const ordered = opts.desc ? [...list].reverse() : list;
          const expected = ordered.slice(opts.offset).slice(0, opts.maxItems);
          expect(ids(yielded)).toEqual(ids(expected));
          const minimal =
            opts.maxItems === 0 ? 0 : Math.max(1, Math.ceil(expected.length / opts.pageSize));
          expect(requests).toHaveLength(minimal);
          for (const request of requests) expect(request.limit).toBeLessThanOrEqual(opts.pageSize);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('trims the last limit to what maxItems leaves', () => {
    const { requests } = simulate({
      initial: 5000,
      options: { offset: 0, pageSize: 1000, desc: false, maxItems: 2500 },
      inserts: [],
      serverMax: 1000,
    });
    expect(requests).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 1000, limit: 1000 },
      { offset: 2000, limit: 500 },
    ]);
  });

  it('newest first: builds started during the walk neither repeat nor skip the ones that existed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 }),
        options(true),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (initial, opts, inserts, serverMax) => {
          const { yielded } = simulate({ initial, options: opts, inserts, serverMax });
          const existing = Array.from({ length: initial }, (_, i) => `b${i}`).reverse();
          expect(ids(yielded)).toEqual(existing.slice(opts.offset).slice(0, opts.maxItems));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('oldest first: builds started during the walk come at the end, each once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 }),
        options(false),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (initial, opts, inserts, serverMax) => {
          const { list, yielded } = simulate({ initial, options: opts, inserts, serverMax });
          // Everything from offset on, in order, without gaps or repeats, including late builds.
          expect(ids(yielded)).toEqual(ids(list.slice(opts.offset, opts.offset + yielded.length)));
          const existed = Math.max(0, initial - opts.offset);
          expect(yielded.length).toBe(Math.min(opts.maxItems, Math.max(yielded.length, existed)));
          if (opts.maxItems === Number.MAX_SAFE_INTEGER)
            expect(yielded.length).toBeGreaterThanOrEqual(existed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([true, false])(
    'desc %s: builds started or deleted during the walk: every survivor once, in order, within the request bound',
    (desc) => expectExactWalks(desc, changes, 3000),
  );

  it('newest first: builds deleted anywhere (yielded ones too) or started: every survivor once', () =>
    expectExactWalks(true, anywhere, 5000));

  it.each([true, false])(
    'desc %s: a change before every request, deletions anywhere: every survivor once, in order',
    (desc) => expectExactWalks(desc, anywhere, 5000, true),
  );

  it.each([true, false])(
    'desc %s: pages as large as the server allows, a change before every request',
    (desc) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 150 }),
          fc.integer({ min: 10, max: 30 }),
          fc.integer({ min: 0, max: 5 }),
          anywhere,
          (initial, maxLimit, below, steps) =>
            expectExact(initial, Math.max(1, maxLimit - below), desc, steps, {
              often: true,
              maxLimit,
            }),
        ),
        { numRuns: 5000 },
      );
    },
  );

  it('picks up builds started during an ascending walk at the end', () => {
    const { list, yielded, requests } = simulate({
      initial: 25,
      options: { offset: 0, pageSize: 10, desc: false, maxItems: Number.MAX_SAFE_INTEGER },
      inserts: [3],
      serverMax: 1000,
    });
    expect(ids(yielded)).toEqual(ids(list.slice(0, yielded.length)));
    expect(yielded.length).toBeGreaterThan(25);
    expect(requests.length).toBeGreaterThanOrEqual(3);
  });

  it('a short page ends the walk even when total says there is more', () => {
    let state = startWalk({
      offset: 0,
      pageSize: 10,
      desc: false,
      maxItems: Number.MAX_SAFE_INTEGER,
    });
    const items = Array.from({ length: 4 }, (_, i) => ({ id: `x${i}` }));
    state = advanceWalk(state, { total: 50, offset: 0, limit: 10, count: 4, items }).state;
    expect(state.next).toBeUndefined();
  });

  it('maxItems 0 plans no request, and advancing a finished walk is an error', () => {
    const state = startWalk({ offset: 0, pageSize: 10, desc: true, maxItems: 0 });
    expect(state.next).toBeUndefined();
    expect(() =>
      advanceWalk(state, { total: 0, offset: 0, limit: 10, count: 0, items: [] }),
    ).toThrow(/done/);
  });

  it('drops repeats by id when total lags behind the builds started at the front', () => {
    let state = startWalk({
      offset: 0,
      pageSize: 3,
      desc: true,
      maxItems: Number.MAX_SAFE_INTEGER,
    });
    const first = advanceWalk(state, {
      total: 6,
      offset: 0,
      limit: 3,
      count: 3,
      items: [{ id: 'f' }, { id: 'e' }, { id: 'd' }],
    });
    state = first.state;
    expect(state.next).toEqual({ offset: 3, limit: 3 });
    // One build started, but this answer's total does not show it yet: 'd' comes again.
    const second = advanceWalk(state, {
      total: 6,
      offset: 3,
      limit: 3,
      count: 3,
      items: [{ id: 'd' }, { id: 'c' }, { id: 'b' }],
    });
    expect(ids(second.page.items)).toEqual(['c', 'b']);
  });
});
