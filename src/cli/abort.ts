// `apify-builds abort <buildId>...` and `apify-builds abort --actor <actorId>`: aborts through
// POST /v2/actor-builds/{buildId}/abort, a bounded pool of them, each target's outcome recorded,
// then (--wait) polls the list until every aborted build has finished.
import { createInterface } from 'node:readline';
import {
  isTerminalStatus,
  type Build,
  type BuildShort,
  type BuildsClient,
  type BuildsClientOptions,
} from '../index.js';
import { UsageError, integerFlag, quote, stringFlag, type Parsed } from './args.js';
import { openClient } from './api.js';
import { ExitError, isAuthError } from './exit.js';
import { statusStyle } from './colour.js';
import type { Io } from './io.js';
import { oneActor } from './list.js';
import { BUILD_SHAPE, RecordWriter, type BuildFields, type Shape } from './output.js';
import { runPool } from './pool.js';
import { selectBuilds } from './select.js';
import { statusFilter } from './status.js';
import { renderTable } from './table.js';
import { durationFlag, formatDuration, sinceFlag } from './time.js';

/** How one target ended. */
export type Result = 'aborted' | 'already-finished' | 'failed';

/** One target of the run, in the order given (ids) or planned (--actor). */
interface Target {
  id: string;
  /** From the plan, or from the abort's answer. */
  startedAt?: string | undefined;
  actId?: string | undefined;
  /** The status the API returned (then the final one, with --wait); undefined when failed. */
  status?: string | undefined;
  result?: Result;
  error?: string;
  /** Its line may be written: the abort is done and, with --wait, its status final. */
  settled: boolean;
}

const OUTCOME_SHAPE: Shape<Target> = {
  header: ['id', 'status', 'result', 'error'],
  tsv: (t) => [t.id, t.status ?? '', t.result ?? '', t.error ?? ''],
  table: (t, io) => [
    t.id,
    t.status ? io.paintOut(statusStyle(t.status), t.status) : '',
    io.paintOut(
      t.result === 'failed' ? 'red' : t.result === 'aborted' ? 'yellow' : 'green',
      t.result ?? '',
    ),
    t.error ?? '',
  ],
  json: (t) => ({
    id: t.id,
    status: t.status ?? null,
    result: t.result,
    ...(t.error === undefined ? {} : { error: t.error }),
  }),
};

interface AbortFlags {
  actorId: string | undefined;
  ids: string[];
  statuses: Set<string> | undefined;
  sinceMs: number | undefined;
  yes: boolean;
  dryRun: boolean;
  concurrency: number;
  wait: { pollMs: number; timeoutMs: number } | undefined;
}

/** Reads and checks abort's flags; every mistake is a UsageError before anything is sent. */
function readFlags(io: Io, { values, positionals }: Parsed): AbortFlags {
  const string = (name: string) => stringFlag(values, name);
  const actorFlag = string('actor');
  let actorId: string | undefined;
  if (actorFlag !== undefined) {
    if (positionals.length > 0)
      throw new UsageError(
        `give build ids or --actor, not both (got --actor and ${positionals.length} id${positionals.length === 1 ? '' : 's'})`,
      );
    actorId = oneActor([actorFlag], 'abort --actor');
  } else {
    if (positionals.length === 0)
      throw new UsageError(
        'abort needs build ids (apify-builds abort <buildId>...) or --actor <actorId>',
      );
    for (const flag of ['status', 'since', 'dry-run'])
      if (values[flag] !== undefined) throw new UsageError(`--${flag} works only with --actor`);
    for (const id of positionals) checkBuildId(id);
  }
  const wait = values['wait'] === true;
  if (!wait)
    for (const flag of ['poll-interval', 'timeout'])
      if (values[flag] !== undefined) throw new UsageError(`--${flag} works only with --wait`);
  const dryRun = values['dry-run'] === true;
  if (dryRun && wait)
    throw new UsageError('--dry-run and --wait conflict: a dry run aborts nothing');
  const yes = values['yes'] === true;
  const statuses =
    actorId === undefined
      ? undefined
      : statusFilter(string('status') ?? 'READY,RUNNING', ['READY', 'RUNNING']);
  const since = string('since');
  const concurrency = integerFlag('concurrency', string('concurrency') ?? '4', 1, 16);
  const pollInterval = string('poll-interval');
  const timeout = string('timeout');
  const flags: AbortFlags = {
    actorId,
    ids: positionals.slice(),
    statuses,
    sinceMs: since === undefined ? undefined : sinceFlag(since, io.now()),
    yes,
    dryRun,
    concurrency,
    wait: wait
      ? {
          pollMs:
            pollInterval === undefined ? 2000 : durationFlag('poll-interval', pollInterval, 1000),
          timeoutMs: timeout === undefined ? 300_000 : durationFlag('timeout', timeout),
        }
      : undefined,
  };
  if (actorId !== undefined && !dryRun && !yes && !io.streams.stdin.isTTY)
    throw new UsageError(
      'abort --actor asks for confirmation, and stdin is not a terminal: add --yes (or --dry-run to see the targets)',
    );
  return flags;
}

/** A build id the API can route: not empty, not `.` or `..`, no `/`, `?` or `#`. */
function checkBuildId(id: string): void {
  if (id === '' || id === '.' || id === '..' || /[/?#]/.test(id) || id.startsWith('-'))
    throw new UsageError(
      `a build id must be a non-empty id without /, ? or # (and not . or ..), got ${quote(id)}`,
    );
}

export async function abort(
  io: Io,
  parsed: Parsed,
  options: Partial<BuildsClientOptions>,
): Promise<number> {
  const flags = readFlags(io, parsed);
  const client = openClient(io, options);
  let targets: Target[];
  if (flags.actorId !== undefined) {
    const planned = await plan(io, client, flags.actorId, flags);
    if (planned === undefined) return 0;
    targets = planned.map((b) => ({
      id: b.id,
      startedAt: b.startedAt,
      actId: flags.actorId,
      settled: false,
    }));
  } else {
    targets = flags.ids.map((id) => ({ id, settled: false }));
  }
  return await abortTargets(io, client, targets, flags);
}

/** Walks the Actor's list and asks; undefined when there is nothing to do (or a dry run). */
async function plan(
  io: Io,
  client: BuildsClient,
  actorId: string,
  flags: AbortFlags,
): Promise<BuildShort[] | undefined> {
  const planned: BuildShort[] = [];
  for await (const batch of selectBuilds(io, client, actorId, {
    newestFirst: true,
    statuses: flags.statuses,
    sinceMs: flags.sinceMs,
    pageSize: 1000,
  }))
    planned.push(...batch);
  const builds = `${planned.length} build${planned.length === 1 ? '' : 's'}`;
  if (planned.length === 0) {
    io.note(
      `No ${[...(flags.statuses ?? [])].join(' or ')} builds of ${actorId}${flags.sinceMs === undefined ? '' : ` since ${new Date(flags.sinceMs).toISOString()}`}: nothing to abort.`,
    );
    if (io.format === 'json') await io.out('[]\n');
    return undefined;
  }
  if (flags.dryRun) {
    const writer = new RecordWriter(io, BUILD_SHAPE);
    await writer.write(planned);
    await writer.end();
    io.note(`Dry run: would abort ${builds} of ${actorId}; nothing was sent.`);
    return undefined;
  }
  if (!io.quiet) {
    const rows = planned.map((b: BuildFields) => [
      b.id,
      b.buildNumber ?? '',
      io.paintErr(statusStyle(b.status), b.status),
      b.startedAt,
    ]);
    io.err(
      renderTable(
        ['id', 'buildNumber', 'status', 'startedAt'].map((h) => io.paintErr('bold', h)),
        rows,
      ).trimEnd(),
    );
  }
  const question = `Abort ${builds} of ${actorId}?`;
  if (flags.yes) {
    io.note(`${question} yes (--yes)`);
    return planned;
  }
  if (!(await confirm(io, `${question} [y/N] `)))
    throw new ExitError(3, `not confirmed: no build of ${actorId} was aborted`);
  return planned;
}

/** Asks on stderr, reads one line of stdin: true for y or yes. Ctrl+C rejects at once. */
function confirm(io: Io, question: string): Promise<boolean> {
  io.clearProgress();
  io.streams.stderr.write(question);
  const lines = createInterface({ input: io.streams.stdin, terminal: false });
  return new Promise<boolean>((resolve, reject) => {
    const done = () => {
      io.signal.removeEventListener('abort', interrupted);
      lines.removeAllListeners('line').removeAllListeners('close');
      lines.close();
    };
    const interrupted = () => {
      done();
      // The shell's prompt comes next: not on the question's line.
      io.streams.stderr.write('\n');
      reject(reasonOf(io.signal));
    };
    lines.once('line', (line) => {
      done();
      resolve(/^\s*y(es)?\s*$/i.test(line));
    });
    lines.once('close', () => {
      done();
      io.streams.stderr.write('\n');
      resolve(false);
    });
    if (io.signal.aborted) interrupted();
    else io.signal.addEventListener('abort', interrupted, { once: true });
  });
}

/**
 * The targets' lines: `flush()` writes those that may be written (NDJSON as each target settles,
 * TSV and JSON in the targets' order, a table at the end); `end()` writes every target that has
 * a result and closes the output.
 */
function outcomeWriter(io: Io, targets: readonly Target[]) {
  const writer = new RecordWriter(io, OUTCOME_SHAPE);
  const written = new Set<Target>();
  let next = 0;
  const flush = async (final = false) => {
    let ready: Target[];
    if (final) {
      ready = targets.filter((t) => t.result !== undefined && !written.has(t));
    } else if (io.format === 'ndjson') {
      ready = targets.filter((t) => t.settled && !written.has(t));
    } else if (io.format === 'table') {
      return;
    } else {
      const start = next;
      while (next < targets.length && targets[next]!.settled) next += 1;
      ready = targets.slice(start, next);
    }
    for (const t of ready) written.add(t);
    await writer.write(ready);
  };
  return {
    flush: () => flush(),
    end: async () => {
      await flush(true);
      await writer.end();
    },
  };
}

/** The pool of aborts, the output as targets settle, --wait, the summary and the exit code. */
async function abortTargets(
  io: Io,
  client: BuildsClient,
  targets: Target[],
  flags: AbortFlags,
): Promise<number> {
  const { flush, end } = outcomeWriter(io, targets);
  let authError: Error | undefined;
  let done = 0;
  const total = targets.length;
  const progress = () => io.progress(`Aborting… ${done}/${total}`);
  progress();
  await runPool(
    targets,
    flags.concurrency,
    async (target) => {
      try {
        const build = await client.abortBuild(target.id);
        settle(target, build, flags.wait !== undefined);
      } catch (error) {
        if (isAuthError(error)) authError ??= error as Error;
        target.result = 'failed';
        target.error = error instanceof Error ? error.message : String(error);
        target.settled = true;
      }
      done += 1;
      progress();
      await flush();
    },
    () => io.signal.aborted || authError !== undefined,
  );
  io.clearProgress();
  if (authError !== undefined) {
    await end();
    throw authError;
  }
  if (io.signal.aborted) {
    await end();
    summarise(io, targets, `interrupted: ${total - done} not sent; `);
    return 130;
  }
  if (flags.wait) {
    const finished = await waitFor(io, client, targets, flags.wait, flush);
    if (!finished) {
      await end();
      const left = targets.filter((t) => !t.settled);
      throw new ExitError(
        6,
        `gave up waiting after ${formatDuration(flags.wait.timeoutMs)}: ${left.length} build${left.length === 1 ? '' : 's'} not finished yet: ${left.map((t) => `${t.id} (${t.status ?? 'unknown'})`).join(', ')}`,
      );
    }
  }
  await end();
  summarise(io, targets, '');
  return targets.some((t) => t.result === 'failed') ? 1 : 0;
}

/** Records the abort's answer: aborted (ABORTING or ABORTED), already-finished, or failed. */
function settle(target: Target, build: Build, waiting: boolean): void {
  target.status = build.status;
  target.startedAt ??= build.startedAt;
  target.actId ??= build.actId;
  if (build.status === 'ABORTING' || build.status === 'ABORTED') {
    target.result = 'aborted';
    // With --wait, an ABORTING build's line waits for its final status.
    target.settled = !waiting || build.status === 'ABORTED';
  } else if (isTerminalStatus(build.status)) {
    target.result = 'already-finished';
    target.settled = true;
  } else {
    target.result = 'failed';
    target.error = `the build is still ${build.status} after the abort`;
    target.settled = true;
  }
}

/**
 * Polls each Actor's list, newest first, down to its oldest waiting target, until every target
 * has a terminal status; false when the timeout came first.
 */
async function waitFor(
  io: Io,
  client: BuildsClient,
  targets: Target[],
  { pollMs, timeoutMs }: { pollMs: number; timeoutMs: number },
  flush: () => Promise<void>,
): Promise<boolean> {
  const deadline = io.now() + timeoutMs;
  for (;;) {
    const waiting = targets.filter((t) => !t.settled);
    if (waiting.length === 0) return true;
    io.progress(`Waiting for ${waiting.length} build${waiting.length === 1 ? '' : 's'} to finish…`);
    const byActor = new Map<string, Map<string, Target>>();
    for (const target of waiting) {
      // The abort's answer names the Actor; without it, the build cannot be found in a list.
      if (!target.actId) {
        io.err(`apify-builds: cannot wait for ${target.id}: the API's answer names no Actor`);
        target.settled = true;
        continue;
      }
      let group = byActor.get(target.actId);
      if (!group) byActor.set(target.actId, (group = new Map<string, Target>()));
      group.set(target.id, target);
    }
    for (const [actorId, group] of byActor) await poll(io, client, actorId, group);
    await flush();
    if (targets.every((t) => t.settled)) return true;
    const left = deadline - io.now();
    if (left <= 0) return false;
    await sleep(Math.min(pollMs, left), io.signal);
  }
}

/** One poll of one Actor: updates the targets in `group` from its list. */
async function poll(
  io: Io,
  client: BuildsClient,
  actorId: string,
  group: Map<string, Target>,
): Promise<void> {
  const oldest = Math.min(...[...group.values()].map((t) => Date.parse(t.startedAt ?? '') || 0));
  let left = group.size;
  for await (const page of client.iterateBuildPages(actorId, { desc: true, signal: io.signal })) {
    for (const build of page.items) {
      if (Date.parse(build.startedAt) < oldest) return;
      const target = group.get(build.id);
      if (target === undefined) continue;
      target.status = build.status;
      if (isTerminalStatus(build.status)) target.settled = true;
      if (--left === 0) return;
    }
  }
}

/** Waits `ms`; Ctrl+C rejects at once. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(reasonOf(signal));
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

/** "Aborted 3, already finished 1, failed 1 (of 5)." on stderr. */
function summarise(io: Io, targets: readonly Target[], prefix: string): void {
  const count = (result: Result) => targets.filter((t) => t.result === result).length;
  const failed = count('failed');
  const line = `${prefix}aborted ${count('aborted')}, already finished ${count('already-finished')}, failed ${failed} (of ${targets.length})`;
  const text = line.charAt(0).toUpperCase() + line.slice(1) + '.';
  if (failed > 0 || prefix) io.err(io.paintErr(failed > 0 ? 'red' : 'yellow', text));
  else io.note(text);
}

/** Why a run was stopped, as an Error. */
function reasonOf(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('interrupted');
}
