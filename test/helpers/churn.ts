// A list of builds that changes before requests, and what a walk over it must have yielded: the
// planner's properties and the client's (over a loopback server) share it.
import fc from 'fast-check';
import { expect } from 'vitest';

export interface ChurnBuild {
  id: string;
  startedAt: string;
}

interface Entry extends ChurnBuild {
  key: number;
  /** Among builds that share a startedAt, the server lists them by this (not by id). */
  rank: number;
  /** Index of the request before which it started (-1: before the walk). */
  born: number;
}

/** A change of the list before a request. */
export type Change =
  | { start: number }
  | { remove: number[] }
  | { oldest: number }
  | { balanced: number; at: number[] }
  /** The builds of the last answer deleted: the whole last page handed out, and its seam. */
  | { lastAnswer: true };

export interface ChurnCase {
  /** Gaps between the startedAt of consecutive builds, in seconds: 0 makes a run of ties. */
  gaps: number[];
  /** Changes before request `before` (0 is before the first request). */
  changes: { before: number; change: Change }[];
  desc: boolean;
  pageSize: number;
  maxLimit: number;
  offset: number;
  maxItems: number;
}

const BASE = Date.UTC(2026, 0, 1);

export class ChurnList {
  builds: Entry[] = [];
  /** Every build ever listed. */
  readonly all = new Map<string, Entry>();
  readonly deleted = new Set<string>();
  readonly requests: { offset: number; limit: number }[] = [];
  /** The list in walk order when the first request came. */
  first: Entry[] = [];
  private serial = 0;
  private latest = BASE;
  private lastAnswer: string[] = [];

  constructor(readonly spec: ChurnCase) {
    let key = BASE;
    for (const gap of spec.gaps) this.add((key += gap * 1000), -1);
    this.builds.sort((a, b) => a.key - b.key || a.rank - b.rank);
  }

  private add(key: number, born: number): void {
    const n = this.serial++;
    // Ties are listed newest-made first: an order the planner cannot guess from the ids.
    const id = `b${String(n).padStart(5, '0')}`;
    const entry = { id, startedAt: new Date(key).toISOString(), key, rank: -n, born };
    this.latest = Math.max(this.latest, key);
    this.all.set(id, entry);
    // Later builds start later: they join the newest end.
    this.builds.push(entry);
  }

  private drop(ids: Iterable<string>): void {
    const doomed = new Set(ids);
    for (const id of doomed) this.deleted.add(id);
    this.builds = this.builds.filter((b) => !doomed.has(b.id));
  }

  private apply(change: Change, index: number): void {
    const at = (i: number) => this.builds[i % Math.max(1, this.builds.length)]?.id ?? '';
    const newest = () => this.latest + 1000;
    if ('start' in change) for (let i = 0; i < change.start; i += 1) this.add(newest(), index);
    else if ('remove' in change) this.drop(change.remove.map(at));
    else if ('oldest' in change) this.drop(this.builds.slice(0, change.oldest).map((b) => b.id));
    else if ('balanced' in change) {
      this.drop(change.at.slice(0, change.balanced).map(at));
      for (let i = 0; i < change.balanced; i += 1) this.add(newest(), index);
    } else this.drop(this.lastAnswer);
  }

  ordered(): Entry[] {
    return this.spec.desc ? [...this.builds].reverse() : this.builds;
  }

  /** Applies the changes due before this request, then cuts its page. */
  answer({ offset, limit }: { offset: number; limit: number }) {
    const index = this.requests.push({ offset, limit }) - 1;
    for (const { before, change } of this.spec.changes)
      if (before === index) this.apply(change, index);
    if (index === 0) this.first = this.ordered();
    const size = Math.min(limit, this.spec.maxLimit);
    const items = this.ordered()
      .slice(offset, offset + size)
      .map(({ id, startedAt }) => ({ id, startedAt }));
    this.lastAnswer = items.map((b) => b.id);
    return { total: this.builds.length, offset, limit: size, count: items.length, items };
  }

  /** Checks a finished walk's builds and requests against the contract. */
  verify(yielded: string[]): void {
    const { offset, pageSize, maxItems, maxLimit, desc } = this.spec;
    for (const r of this.requests) {
      expect(Number.isSafeInteger(r.offset) && r.offset >= 0).toBe(true);
      expect(Number.isSafeInteger(r.limit) && r.limit >= 1 && r.limit <= maxLimit).toBe(true);
    }
    expect(new Set(yielded).size).toBe(yielded.length);
    const byId = this.all;
    const sorted = [...byId.values()].sort((a, b) => a.key - b.key || a.rank - b.rank);
    if (desc) sorted.reverse();
    const places = new Map(sorted.map((b, i) => [b.id, i]));
    // A walk resumed inside a run of ties cannot tell the run's builds before its start from
    // those after it once the ones it handed out are gone (see src/pagination/order.ts): it may hand
    // them out too, never twice.
    const head = this.first[offset];
    const before = new Set(this.first.slice(0, offset).map((b) => b.id));
    const extra = (id: string) => before.has(id) && byId.get(id)?.key === head?.key;
    const own = yielded.filter((id) => !extra(id));
    const order = (id: string) => {
      const place = places.get(id);
      if (place === undefined) throw new Error(`yielded ${id}, which never was listed`);
      return place;
    };
    for (let i = 1; i < own.length; i += 1)
      expect(order(own[i]!)).toBeGreaterThan(order(own[i - 1]!));
    const range = new Set(this.first.slice(offset).map((b) => b.id));
    for (const id of own) {
      if (desc || byId.get(id)!.born <= 0) expect(range.has(id)).toBe(true);
    }
    const survivors = this.first.slice(offset).filter((b) => !this.deleted.has(b.id));
    const got = new Set(yielded);
    const reached = yielded.length < maxItems ? Infinity : own.length ? order(own.at(-1)!) : -1;
    for (const b of survivors) if (order(b.id) <= reached) expect(got.has(b.id)).toBe(true);
    if (!desc && yielded.length < maxItems) {
      for (const b of this.builds) if (b.born > 0) expect(got.has(b.id)).toBe(true);
    }
    // Requests: as many as an unchanged list needs, and a bounded number per change.
    const more = Math.min(pageSize, maxLimit - 1);
    const base = maxItems === 0 ? 0 : 1 + Math.ceil(Math.max(0, yielded.length - pageSize) / more);
    const changes = this.spec.changes.filter(
      (c) => c.before > 0 && c.before < this.requests.length,
    );
    if (changes.length === 0) expect(this.requests.length).toBe(base);
    const size = Math.max(1, this.first.length, this.builds.length);
    const cost = 3 + 2 * Math.ceil(Math.log2(1 + size / pageSize));
    expect(this.requests.length).toBeLessThanOrEqual(base + changes.length * cost);
  }
}

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ start: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ remove: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }) }),
  fc.record({ oldest: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    balanced: fc.integer({ min: 1, max: 20 }),
    at: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
  }),
  fc.constant({ lastAnswer: true as const }),
);

/** Lists of up to `size` builds (runs of ties included), changes before any request, options. */
export function churnCases({
  size = 150,
  maxLimit = fc.constant(1000),
  changes = 6,
}: { size?: number; maxLimit?: fc.Arbitrary<number>; changes?: number } = {}) {
  return maxLimit.chain((limit) =>
    fc.record({
      gaps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })), { maxLength: size }),
      changes: fc.array(fc.record({ before: fc.nat(12), change }), { maxLength: changes }),
      desc: fc.boolean(),
      pageSize: fc.oneof(
        fc.integer({ min: 1, max: Math.min(25, limit) }),
        fc.integer({ min: 1, max: limit }),
      ),
      maxLimit: fc.constant(limit),
      offset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
      maxItems: fc.oneof(fc.constant(Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: 80 })),
    }),
  );
}

/** fast-check runs: `FC_RUNS` overrides the default (e.g. FC_RUNS=100000 for a long run). */
export const runs = (fallback: number): number => Number(process.env['FC_RUNS'] ?? fallback);
