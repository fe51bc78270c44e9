// Types for scripts/mock-server.mjs, for TypeScript tests that import it.
import type { components } from '../generated/schema.js';

type Build = components['schemas']['Build'];
type ActorJobStatus = components['schemas']['ActorJobStatus'];

/** A build to seed the fake with; unset fields get generated values. */
export interface MockBuildSeed {
  id?: string;
  status?: ActorJobStatus;
  startedAt?: string;
  origin?: components['schemas']['RunOrigin'];
  /** Ticks (requests, or `tickMs` intervals) spent READY before RUNNING. Default 2. */
  readyTicks?: number;
  /** Ticks spent RUNNING before SUCCEEDED. Default 5. */
  runTicks?: number;
}

export interface MockServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The tilde form the Actor is addressed by; its generated ID works too. Default 'janedoe~my-actor'. */
  actorId?: string;
  /** Without `builds`: this many builds, all finished except one RUNNING and one READY at the end. Default 25. */
  buildCount?: number;
  /** Explicit builds, oldest first. */
  builds?: MockBuildSeed[];
  /** Seed for generated IDs and numbers. */
  seed?: number;
  /** When set, only `Authorization: Bearer <token>` is accepted; otherwise any Bearer token or none. */
  token?: string;
  /** Also advance the clock every this many milliseconds. */
  tickMs?: number;
  /** Receives one line per request (method, path without query, status). */
  log?: (line: string) => void;
}

export interface MockServer {
  /** e.g. http://127.0.0.1:4010, no trailing slash. */
  url: string;
  port: number;
  actor: { id: string; name: string };
  /** A snapshot of every build, oldest first (does not advance the clock). */
  builds(): Build[];
  /** Starts a new READY build now, as if someone started one during a walk. */
  startBuild(seed?: Omit<MockBuildSeed, 'status' | 'startedAt'>): Build;
  /** The next `times` routed requests answer `status` (with `Retry-After` when given). */
  failNext(
    status: 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504,
    times?: number,
    retryAfter?: number | string,
  ): void;
  /** Requests served so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export function startMockServer(options?: MockServerOptions): Promise<MockServer>;
