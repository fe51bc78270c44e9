// `apify-builds list <actorId>`: an Actor's builds, newest first.
import type { BuildsClientOptions } from '../index.js';
import { UsageError, integerFlag, stringFlag, type Parsed } from './args.js';
import { openClient } from './api.js';
import type { Io } from './io.js';
import { BUILD_SHAPE, RecordWriter } from './output.js';
import { selectBuilds } from './select.js';
import { statusFilter } from './status.js';
import { sinceFlag } from './time.js';

export async function list(
  io: Io,
  { values, positionals }: Parsed,
  options: Partial<BuildsClientOptions>,
): Promise<number> {
  const actorId = oneActor(positionals, 'list');
  if (values['all'] === true && values['limit'] !== undefined)
    throw new UsageError('--limit and --all conflict; give one');
  const [since, limitText, status, pageSizeText] = ['since', 'limit', 'status', 'page-size'].map(
    (name) => stringFlag(values, name),
  );
  const sinceMs = since === undefined ? undefined : sinceFlag(since, io.now());
  const limit =
    limitText !== undefined
      ? integerFlag('limit', limitText, 1)
      : values['all'] === true || sinceMs !== undefined
        ? undefined
        : 20;
  const statuses = status === undefined ? undefined : statusFilter(status);
  const pageSize = integerFlag('page-size', pageSizeText ?? '1000', 1, 1000);

  const client = openClient(io, options);
  const writer = new RecordWriter(io, BUILD_SHAPE);
  const builds = selectBuilds(io, client, actorId, {
    newestFirst: values['oldest-first'] !== true,
    statuses,
    sinceMs,
    limit,
    pageSize,
  });
  for await (const batch of builds) await writer.write(batch);
  await writer.end();
  if (writer.count === 0) io.note(`No builds of ${actorId} match.`);
  return 0;
}

/** The one Actor a command names. */
export function oneActor(positionals: readonly string[], command: string): string {
  if (positionals.length === 0)
    throw new UsageError(`${command} needs an Actor: apify-builds ${command} <actorId>`);
  if (positionals.length > 1)
    throw new UsageError(
      `${command} takes one Actor, got ${positionals.length}: ${positionals.map((p) => JSON.stringify(p)).join(' ')}`,
    );
  const actorId = positionals[0]!;
  if (actorId === '') throw new UsageError(`${command} needs an Actor: the Actor id is empty`);
  return actorId;
}
