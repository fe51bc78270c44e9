// The pagination planner without I/O: lists that change before any request (builds started at the
// newest end, deleted anywhere, both at once, the whole last page, retention from the oldest end),
// walked through startPlanner/advancePlanner and checked against the contract.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advancePlanner, startPlanner } from '../../src/pagination/planner.js';
import type { Page, PlannerOptions } from '../../src/pagination/types.js';
import { ChurnList, churnCases, runs, type ChurnBuild, type ChurnCase } from '../helpers/churn.js';

/** Walks `list` with the planner; a broken outcome fails the test. */
function walk(list: ChurnList): string[] {
  const { offset, pageSize, desc, maxItems, maxLimit } = list.spec;
  const yielded: string[] = [];
  let outcome = startPlanner({ offset, pageSize, desc, maxItems, maxLimit });
  while (outcome.kind === 'ask') {
    if (list.requests.length > 5000) throw new Error('the walk does not end');
    const step = advancePlanner(outcome.state, list.answer(outcome.state.asked));
    if (step.kind === 'broken') throw new Error(step.reason);
    expect(step.page.count).toBe(step.page.items.length);
    yielded.push(...step.page.items.map((b) => b.id));
    outcome = step;
  }
  return yielded;
}

const fixed = (gaps: number[], options: Partial<ChurnCase> = {}): ChurnList =>
  new ChurnList({
    gaps,
    changes: [],
    desc: false,
    pageSize: 10,
    maxLimit: 1000,
    offset: 0,
    maxItems: Number.MAX_SAFE_INTEGER,
    ...options,
  });

const ones = (n: number) => Array<number>(n).fill(1);

describe('pagination planner', () => {
  it('walks a list that does not change with the fewest requests, every build once, in order', () => {
    fc.assert(
      fc.property(churnCases({ changes: 0 }), (spec) => {
        const list = new ChurnList(spec);
        const yielded = walk(list);
        const expected = list.first.slice(spec.offset, spec.offset + spec.maxItems);
        expect(yielded).toEqual(expected.map((b) => b.id));
        list.verify(yielded);
      }),
      { numRuns: runs(500) },
    );
  });

  it('walks a list that changes before any request: every survivor once, in order, within the request bound', () => {
    fc.assert(
      fc.property(churnCases(), (spec) => {
        const list = new ChurnList(spec);
        list.verify(walk(list));
      }),
      { numRuns: runs(1500) },
    );
  });

  it('the same with a server limit of 10 to 30, so pages as large as the server allows are walked', () => {
    fc.assert(
      fc.property(churnCases({ maxLimit: fc.integer({ min: 10, max: 30 }) }), (spec) => {
        const list = new ChurnList(spec);
        list.verify(walk(list));
      }),
      { numRuns: runs(1000) },
    );
  });

  it.each([false, true])(
    'desc %s: a move of less than a page costs one request, a longer one about log2(moved / pageSize) + 2',
    (desc) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 400 }),
          fc.integer({ min: 2, max: 60 }),
          fc.nat(400),
          fc.nat(400),
          fc.integer({ min: 1, max: 5 }),
          (n, pageSize, deletions, starts, before) => {
            // Handed-out builds deleted (the place moves back) and builds started (newest first,
            // it moves on), all before one request.
            const list = fixed(ones(n), { desc, pageSize });
            const k = Math.min(deletions, pageSize * before, n);
            const remove = Array.from({ length: k }, (_, i) => (desc ? n - 1 - i : i));
            list.spec.changes.push(
              { before, change: { remove } },
              { before, change: { start: starts } },
            );
            const yielded = walk(list);
            list.verify(yielded);
            if (list.requests.length <= before) return;
            const moved = Math.abs((desc ? starts : 0) - k);
            const base = Math.max(1, Math.ceil(yielded.length / pageSize));
            const extra =
              moved === 0 ? 0 : moved < pageSize ? 1 : Math.ceil(Math.log2(moved / pageSize)) + 2;
            expect(list.requests.length).toBeLessThanOrEqual(base + extra);
          },
        ),
        { numRuns: runs(60) },
      );
    },
  );

  it('21 requests for 20,000 builds at the default page size: each seam overlaps by one build', () => {
    const list = fixed(ones(20_000), { pageSize: 1000 });
    expect(walk(list)).toHaveLength(20_000);
    expect(list.requests).toHaveLength(21);
    expect(list.requests.slice(0, 3)).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 999, limit: 1000 },
      { offset: 1998, limit: 1000 },
    ]);
  });

  it('ceil(N / pageSize) requests below 1000, each after the first asking for one more', () => {
    const list = fixed(ones(30));
    expect(walk(list)).toHaveLength(30);
    expect(list.requests).toEqual([
      { offset: 0, limit: 10 },
      { offset: 9, limit: 11 },
      { offset: 19, limit: 11 },
    ]);
  });

  it('trims the last limit to what maxItems leaves', () => {
    const list = fixed(ones(5000), { pageSize: 1000, maxItems: 2500 });
    expect(walk(list)).toHaveLength(2500);
    expect(list.requests).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 999, limit: 1000 },
      { offset: 1998, limit: 502 },
    ]);
  });

  it('one build deleted before the place and one started: found again with one extra request', () => {
    // The ascending walk of the issue: total stays 30, the place moves back by one.
    const list = fixed(ones(30), { changes: [{ before: 1, change: { remove: [3] } }] });
    list.spec.changes.push({ before: 1, change: { start: 1 } });
    const yielded = walk(list);
    list.verify(yielded);
    // 29 survivors, the new build, and the deleted one, handed out before it went.
    expect(yielded).toHaveLength(31);
    expect(list.requests).toEqual([
      { offset: 0, limit: 10 },
      { offset: 9, limit: 11 },
      { offset: 0, limit: 19 },
      { offset: 18, limit: 11 },
      { offset: 28, limit: 11 },
    ]);
  });

  it('builds that share a startedAt are told apart by id, whatever their order', () => {
    // Twelve builds started at one instant, listed in an order that is not the ids' order; the
    // handed-out ones are deleted before the seam.
    const list = fixed([...Array<number>(12).fill(0), 1, 1], {
      pageSize: 4,
      changes: [{ before: 1, change: { lastAnswer: true } }],
    });
    list.verify(walk(list));
  });

  it('a short page ends the walk even when total says there is more', () => {
    const started = startPlanner({ offset: 0, pageSize: 10, desc: false, maxItems: 100 });
    if (started.kind !== 'ask') throw new Error('expected a request');
    const items = fixed(ones(4)).ordered();
    const step = advancePlanner(started.state, {
      total: 50,
      offset: 0,
      limit: 10,
      count: 4,
      items,
    });
    expect(step).toMatchObject({ kind: 'done', page: { count: 4 } });
  });

  it('maxItems 0 plans no request', () => {
    expect(startPlanner({ offset: 0, pageSize: 10, desc: true, maxItems: 0 })).toEqual({
      kind: 'done',
    });
  });
});

describe('pages that make no sense as one list', () => {
  const options: PlannerOptions = { offset: 0, pageSize: 3, desc: false, maxItems: 100 };
  const builds = fixed(ones(10)).ordered();
  const pageOf = (offset: number, items: ChurnBuild[], total = 10): Page<ChurnBuild> => ({
    total,
    offset,
    limit: items.length,
    count: items.length,
    items,
  });
  /** The outcome of the second answer, after the first three builds. */
  const second = (page: Page<ChurnBuild>) => {
    const started = startPlanner(options);
    if (started.kind !== 'ask') throw new Error('expected a request');
    const first = advancePlanner(started.state, pageOf(0, builds.slice(0, 3)));
    if (first.kind !== 'ask') throw new Error('expected a request');
    expect(first.state.asked).toEqual({ offset: 2, limit: 4 });
    return advancePlanner(first.state, page);
  };

  it.each([
    ['no startedAt', [builds[2], { id: 'x' }], /without a valid startedAt at items\[1\]/],
    ['an invalid startedAt', [builds[2], { id: 'x', startedAt: 'soon' }], /valid startedAt/],
    ['startedAt out of order', [builds[2], builds[4], builds[3]], /not in startedAt order/],
    ['a handed-out build after one that was not', [builds[3], builds[2]], /order at items\[1\]/],
  ])('%s', (_, items, reason) => {
    expect(second(pageOf(2, items as ChurnBuild[]))).toEqual({
      kind: 'broken',
      reason: expect.stringMatching(reason) as unknown,
    });
  });

  it('more builds than total allows', () => {
    expect(second(pageOf(2, builds.slice(2, 6), 5))).toEqual({
      kind: 'broken',
      reason: 'the page at offset 2 has 4 builds, past total 5 (does the server ignore offset?)',
    });
  });

  it('a server that answers every request with the first page is broken within a few requests', () => {
    const list = fixed(ones(5000), { pageSize: 1000 });
    let outcome = startPlanner({ offset: 0, pageSize: 1000, desc: false, maxItems: 1e9 });
    const offsets: number[] = [];
    let reason = '';
    while (outcome.kind === 'ask') {
      offsets.push(outcome.state.asked.offset);
      const page = {
        ...list.answer({ ...outcome.state.asked, offset: 0 }),
        offset: outcome.state.asked.offset,
      };
      const step = advancePlanner(outcome.state, page);
      if (step.kind === 'broken') reason = step.reason;
      outcome = step.kind === 'broken' ? { kind: 'done' } : step;
    }
    expect(reason).toMatch(/ignore offset/);
    expect(offsets).toEqual([0, 999, 1999, 3998, 4999]);
  });
});

describe('startedAt in the forms a server may write it', () => {
  /** The first answer of a walk: broken or not. */
  const firstOf = (desc: boolean, startedAt: string[]) => {
    const started = startPlanner({ offset: 0, pageSize: 10, desc, maxItems: 100 });
    if (started.kind !== 'ask') throw new Error('expected a request');
    const items = startedAt.map((at, i) => ({ id: `b${i}`, startedAt: at }));
    const count = items.length;
    return advancePlanner(started.state, { total: count, offset: 0, limit: 10, count, items });
  };
  const FIRST = Date.UTC(1, 0, 1);
  const LAST = Date.UTC(9998, 11, 31);
  /** `time` as RFC 3339 text: UTC with milliseconds, UTC without, or at an offset from UTC. */
  const written = (time: number, form: 'ms' | 'seconds' | number): string => {
    if (form === 'ms') return new Date(time).toISOString();
    if (form === 'seconds') return `${new Date(time).toISOString().slice(0, 19)}Z`;
    const local = new Date(time + form * 60_000).toISOString().slice(0, 23);
    const sign = form < 0 ? '-' : '+';
    const hours = String(Math.floor(Math.abs(form) / 60)).padStart(2, '0');
    return `${local}${sign}${hours}:${String(Math.abs(form) % 60).padStart(2, '0')}`;
  };
  const forms = fc.oneof(
    fc.constant('ms' as const),
    fc.constant('seconds' as const),
    fc.integer({ min: -720, max: 840 }),
  );

  it('orders builds by the instant they name, whatever the form, in both orders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FIRST, max: LAST }),
        fc.integer({ min: FIRST, max: LAST }),
        forms,
        forms,
        fc.boolean(),
        (a, b, formA, formB, desc) => {
          const [x, y] = [written(a, formA), written(b, formB)];
          const [first, second] = [Date.parse(x), Date.parse(y)];
          const outOfOrder = desc ? first < second : first > second;
          const outcome = firstOf(desc, [x, y]);
          expect(outcome.kind).toBe(outOfOrder ? 'broken' : 'done');
        },
      ),
      { numRuns: runs(500) },
    );
  });

  it.each([
    // Dates that JavaScript reads by carrying over: 31 February is 3 March, 24:00 the next day.
    [['2019-03-02T00:00:00.000Z', '2019-02-31T00:00:00.000Z'], 'done'],
    [['2019-02-31T00:00:00.000Z', '2019-03-02T00:00:00.000Z'], 'broken'],
    [['2020-02-29T12:00:00.000Z', '2020-03-01T00:00:00.000Z'], 'done'],
    [['2019-12-31T24:00:00.000Z', '2019-12-31T23:59:59.999Z'], 'broken'],
    [['2019-12-31T23:00:00.000-02:00', '2020-01-01T00:30:00.000Z'], 'broken'],
    [['2019-12-31T23:00:00.000Z', '2019-12-31T23:00:00Z'], 'done'],
  ] as const)('%j is %s', (startedAt, kind) => {
    expect(firstOf(false, [...startedAt]).kind).toBe(kind);
  });

  it.each([
    ['a month 13', '2019-13-01T00:00:00.000Z'],
    ['a minute 60', '2019-12-31T23:60:00.000Z'],
    ['a year past 9999', '+010000-01-01T00:00:00.000Z'],
    ['no date at all', 'yesterday'],
  ])('%s is no valid startedAt', (_, startedAt) => {
    expect(firstOf(false, ['2019-01-01T00:00:00.000Z', startedAt])).toEqual({
      kind: 'broken',
      reason: 'the page at offset 0 has a build without a valid startedAt at items[1]',
    });
  });
});
