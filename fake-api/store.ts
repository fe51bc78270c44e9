// The fake API's store: an Actor's builds, oldest first, moving through their lifecycle on the
// ticks of a clock. Shapes come from generated/schema.d.ts plus the fields the live API sends.
import type { components } from '../generated/schema.js';
import { isTerminalStatus } from '../src/status.js';
import { specEnum } from './parameters.js';

type Schemas = components['schemas'];
export type ActorJobStatus = Schemas['ActorJobStatus'];
export type RunOrigin = Schemas['RunOrigin'];
export type BuildsPage = Schemas['BuildsPage'];

/** A listed build as the live API sends it. */
export type FakeBuildShort = Schemas['BuildShort'] & {
  actId: string;
  userId: string;
  finishedAt: string | null;
  meta: { origin: RunOrigin; clientIp?: string; userAgent?: string };
  buildNumber: string;
  buildNumberInt: number;
};

/** A full build (the abort response) as the live API sends it: no `buildNumberInt` there. */
export type FakeBuild = Schemas['Build'] &
  Omit<FakeBuildShort, 'buildNumberInt'> & {
    actVersion: {
      sourceType: 'SOURCE_FILES' | 'GIT_REPO' | 'TARBALL' | 'GITHUB_GIST';
      buildTag: string;
      versionNumber: string;
      gitRepoUrl?: string;
      sourceFiles?: { name: string; format: 'TEXT' | 'BASE64'; content: string }[];
    };
    stats: {
      durationMillis: number;
      runTimeSecs: number;
      computeUnits: number;
      imageSizeBytes: number;
    };
  };

/** A build to seed the fake with; unset fields get generated values. */
export interface BuildSeed {
  id?: string;
  status?: ActorJobStatus;
  startedAt?: string;
  origin?: RunOrigin;
  /** Ticks (requests, or `tickMs` intervals) spent READY before RUNNING. Default 2. */
  readyTicks?: number;
  /** Ticks spent RUNNING before SUCCEEDED. Default 5. */
  runTicks?: number;
}

/** Every status the spec lists: a seed with another one is a mistake. */
const STATUSES: ReadonlySet<string> = new Set(specEnum('ActorJobStatus'));

/** Deterministic pseudo-random numbers (mulberry32), so a seed gives the same builds every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const makeId = (next: () => number): string =>
  Array.from({ length: 17 }, () => ID_CHARS[Math.floor(next() * ID_CHARS.length)]).join('');

/**
 * The listed form of a build: the fields the live API's list sends, nothing more, in objects of
 * its own (changing one changes nothing in the store).
 */
export function toShort(build: FakeBuild): FakeBuildShort {
  return {
    id: build.id,
    actId: build.actId,
    userId: build.userId,
    status: build.status,
    startedAt: build.startedAt,
    finishedAt: build.finishedAt,
    usageTotalUsd: build.usageTotalUsd,
    meta: { ...build.meta },
    buildNumber: build.buildNumber,
    // The counter that ends the build number (`0.1.7` → 7).
    buildNumberInt: Number(build.buildNumber.split('.').at(-1)),
  };
}

/**
 * A listed build made from its position alone, with no state: for walks over more builds than
 * are worth keeping (benchmarks).
 */
export function shortBuildAt(index: number, actId: string, userId: string): FakeBuildShort {
  const started = Date.UTC(2026, 0, 1) + index * 61_000;
  const statuses: ActorJobStatus[] = ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'ABORTED'];
  const origins: RunOrigin[] = ['WEB', 'API', 'CLI', 'SCHEDULER'];
  return {
    id: `b${index.toString(36).padStart(16, '0')}`,
    actId,
    userId,
    status: statuses[index % statuses.length]!,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(started + 45_000).toISOString(),
    usageTotalUsd: (index % 97) / 1000,
    meta: {
      origin: origins[index % origins.length]!,
      clientIp: '172.234.12.34',
      userAgent: 'ApifyClient/2.25.0 (linux)',
    },
    buildNumber: `0.1.${index + 1}`,
    buildNumberInt: index + 1,
  };
}

interface Lifecycle {
  ready: number;
  running: number;
  abortedAt: number | undefined;
}

/** One Actor's builds and the clock that moves them. */
export class BuildStore {
  readonly actor: { id: string; name: string; userId: string };
  /** Ascending by startedAt, the API's default order. */
  readonly builds: FakeBuild[] = [];
  #lifecycles = new WeakMap<FakeBuild, Lifecycle>();
  #active = new Set<FakeBuild>();
  #clock = 0;
  #next: () => number;
  #seeding = true;
  #firstStart: number;

  constructor(actorName: string, seed: number, seeds: BuildSeed[] | undefined, buildCount: number) {
    this.#next = random(seed);
    this.actor = { id: makeId(this.#next), name: actorName, userId: makeId(this.#next) };
    this.#firstStart =
      Math.floor(Date.now() / 1000) * 1000 - (seeds?.length ?? buildCount) * 600_000;
    if (seeds) {
      for (const s of seeds) this.add(s);
    } else {
      // A long history of finished builds, then one RUNNING and one READY build at the end.
      const history: ActorJobStatus[] = [
        ...Array<ActorJobStatus>(12).fill('SUCCEEDED'),
        'FAILED',
        'FAILED',
        'ABORTED',
        'TIMED-OUT',
      ];
      for (let i = 0; i < buildCount; i += 1) {
        const fromEnd = buildCount - i;
        if (fromEnd === 2) this.add({ status: 'RUNNING', runTicks: 1_000_000 });
        else if (fromEnd === 1) this.add({ status: 'READY', readyTicks: 3, runTicks: 8 });
        else this.add({ status: history[Math.floor(this.#next() * history.length)]! });
      }
    }
    this.#seeding = false;
  }

  /** Adds a build at the end (the newest). */
  add(seed: BuildSeed = {}): FakeBuild {
    const next = this.#next;
    const index = this.builds.length;
    const status = seed.status ?? 'READY';
    if (!STATUSES.has(status))
      throw new TypeError(`unknown build status ${JSON.stringify(status)}`);
    // Seeded builds start ten minutes apart, ending about now; later ones start when asked for.
    const previous = this.builds.at(-1);
    const startedAt =
      seed.startedAt ??
      new Date(
        Math.max(
          this.#seeding ? this.#firstStart + index * 600_000 : Date.now(),
          previous ? Date.parse(previous.startedAt) + 1 : 0,
        ),
      ).toISOString();
    const finished = isTerminalStatus(status);
    const durationMillis = 20_000 + Math.floor(next() * 100_000);
    const computeUnits = Math.round(durationMillis * 1.1e-6 * 1e6) / 1e6;
    const usd = Math.round(computeUnits * 0.4 * 1e6) / 1e6;
    const buildNumberInt = index + 1;
    const build: FakeBuild = {
      id: seed.id ?? makeId(next),
      actId: this.actor.id,
      userId: this.actor.userId,
      startedAt,
      finishedAt: finished ? new Date(Date.parse(startedAt) + durationMillis).toISOString() : null,
      status,
      meta: {
        origin: seed.origin ?? (next() < 0.7 ? 'WEB' : 'API'),
        clientIp: '172.234.12.34',
        userAgent: 'Mozilla/5.0 (fake build)',
      },
      stats: {
        durationMillis,
        runTimeSecs: durationMillis / 1000,
        computeUnits,
        imageSizeBytes: 180_000_000 + Math.floor(next() * 20_000_000),
      },
      options: { useCache: true, betaPackages: false, memoryMbytes: 4096, diskMbytes: 8192 },
      usage: { ACTOR_COMPUTE_UNITS: computeUnits },
      usageTotalUsd: usd,
      usageUsd: { ACTOR_COMPUTE_UNITS: usd },
      buildNumber: `0.1.${buildNumberInt}`,
      actVersion: {
        sourceType: 'SOURCE_FILES',
        buildTag: 'latest',
        versionNumber: '0.1',
        sourceFiles: [{ name: 'main.js', format: 'TEXT', content: "console.log('hello');\n" }],
      },
    };
    // Ticks left in READY and RUNNING before the build moves on.
    const lifecycle: Lifecycle = {
      ready: seed.readyTicks ?? 2,
      running: seed.runTicks ?? 5,
      abortedAt: status === 'ABORTING' ? this.#clock : undefined,
    };
    this.#lifecycles.set(build, lifecycle);
    if (!finished) this.#active.add(build);
    this.builds.push(build);
    return build;
  }

  /** Removes a build, as deleting it would; false when there is none with that id. */
  remove(id: string): boolean {
    const index = this.builds.findIndex((b) => b.id === id);
    if (index < 0) return false;
    this.#active.delete(this.builds[index]!);
    this.builds.splice(index, 1);
    return true;
  }

  /**
   * One step of the clock: READY counts down to RUNNING, RUNNING to SUCCEEDED. `spare` is the id
   * of a build being aborted in this instant: if READY or RUNNING, it stays so for the abort
   * (a RUNNING build never finishes in the same answer that aborts it).
   */
  tick(spare?: string): void {
    this.#clock += 1;
    for (const build of this.#active) {
      if (build.id === spare && (build.status === 'READY' || build.status === 'RUNNING')) continue;
      const lifecycle = this.#lifecycles.get(build)!;
      if (build.status === 'ABORTING') {
        if (this.#clock > (lifecycle.abortedAt ?? 0)) this.#finish(build, 'ABORTED');
      } else if (build.status === 'TIMING-OUT') {
        this.#finish(build, 'TIMED-OUT');
      } else if (build.status === 'READY') {
        if (--lifecycle.ready <= 0) build.status = 'RUNNING';
      } else if (build.status === 'RUNNING') {
        if (--lifecycle.running <= 0) this.#finish(build, 'SUCCEEDED');
      }
    }
  }

  /** Whether some build is READY or RUNNING: one that an abort would abort. */
  get abortable(): boolean {
    for (const build of this.#active)
      if (build.status === 'READY' || build.status === 'RUNNING') return true;
    return false;
  }

  #finish(build: FakeBuild, status: ActorJobStatus): void {
    build.status = status;
    build.finishedAt = new Date(
      Math.max(Date.now(), Date.parse(build.startedAt) + 1),
    ).toISOString();
    this.#active.delete(build);
  }

  /** One page, as GET .../builds answers it (`offset` past the end: an empty page). */
  list(offset: number, limit: number, desc: boolean): BuildsPage {
    const total = this.builds.length;
    let items: FakeBuild[];
    if (desc) {
      const end = Math.max(total - offset, 0);
      items = this.builds.slice(Math.max(end - limit, 0), end).reverse();
    } else {
      items = this.builds.slice(offset, offset + limit);
    }
    return { total, offset, limit, desc, count: items.length, items: items.map(toShort) };
  }

  /** Aborts a READY or RUNNING build (ABORTING until the next tick); others are unchanged. */
  abort(buildId: string): FakeBuild | undefined {
    const build = this.builds.find((b) => b.id === buildId);
    if (!build) return undefined;
    if (build.status === 'READY' || build.status === 'RUNNING') {
      build.status = 'ABORTING';
      this.#lifecycles.get(build)!.abortedAt = this.#clock;
    }
    return structuredClone(build);
  }
}
