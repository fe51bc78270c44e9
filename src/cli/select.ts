// The builds a command works on: an exact walk of an Actor's list (newest first unless asked
// otherwise), filtered by status and start time while walking, with progress on a terminal.
import type { BuildShort, BuildsClient } from '../index.js';
import type { Io } from './io.js';

export interface Selection {
  /** Newest first (the walk's order) unless false. */
  newestFirst: boolean;
  /** Only these statuses; undefined for every status. */
  statuses?: Set<string> | undefined;
  /** Only builds started at or after this instant (ms). */
  sinceMs?: number | undefined;
  /** At most this many matching builds. */
  limit?: number | undefined;
  pageSize: number;
}

/**
 * The matching builds in the order asked for, page by page (each array one page's matches).
 * Newest first, a `sinceMs` ends the walk at the first older build; oldest first with
 * `sinceMs`, the same builds are walked newest first and handed out reversed.
 */
export async function* selectBuilds(
  io: Io,
  client: BuildsClient,
  actorId: string,
  selection: Selection,
): AsyncGenerator<BuildShort[]> {
  const { newestFirst, statuses, sinceMs, limit, pageSize } = selection;
  if (!newestFirst && sinceMs !== undefined) {
    const all: BuildShort[] = [];
    for await (const batch of selectBuilds(io, client, actorId, {
      ...selection,
      newestFirst: true,
      limit: undefined,
    }))
      all.push(...batch);
    all.reverse();
    yield limit === undefined ? all : all.slice(0, limit);
    return;
  }
  if (limit === 0) return;
  let found = 0;
  let scanned = 0;
  // Without a status filter the API can stop at the limit itself.
  const maxItems = statuses === undefined ? limit : undefined;
  const pages = client.iterateBuildPages(actorId, {
    desc: newestFirst,
    pageSize,
    signal: io.signal,
    ...(maxItems === undefined ? {} : { maxItems }),
  });
  try {
    for await (const page of pages) {
      scanned += page.items.length;
      const batch: BuildShort[] = [];
      let done = false;
      for (const build of page.items) {
        if (sinceMs !== undefined && Date.parse(build.startedAt) < sinceMs) {
          done = true;
          break;
        }
        if (statuses !== undefined && !statuses.has(build.status)) continue;
        batch.push(build);
        found += 1;
        if (limit !== undefined && found >= limit) {
          done = true;
          break;
        }
      }
      if (!done && scanned < page.total) {
        io.progress(
          `Scanned ${scanned.toLocaleString('en-US')} of ${page.total.toLocaleString('en-US')} builds…`,
        );
      }
      if (batch.length > 0) yield batch;
      if (done) return;
    }
  } finally {
    // Leaving the loop early (the limit, --since) ends the walk and cancels its request in flight.
    io.clearProgress();
  }
}
