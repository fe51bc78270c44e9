// The generated types have exactly the shapes the spec describes (checked by the compiler).
import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations, paths } from '../generated/schema.js';

type Schemas = components['schemas'];

describe('generated types', () => {
  it('ActorJobStatus is the 8-value union', () => {
    expectTypeOf<Schemas['ActorJobStatus']>().toEqualTypeOf<
      | 'READY'
      | 'RUNNING'
      | 'SUCCEEDED'
      | 'FAILED'
      | 'TIMING-OUT'
      | 'TIMED-OUT'
      | 'ABORTING'
      | 'ABORTED'
    >();
  });

  it('RunOrigin is the 9-value union', () => {
    expectTypeOf<Schemas['RunOrigin']>().toEqualTypeOf<
      'DEVELOPMENT' | 'WEB' | 'API' | 'SCHEDULER' | 'TEST' | 'WEBHOOK' | 'ACTOR' | 'CLI' | 'STANDBY'
    >();
  });

  it('Build has its required fields and 3.1 nullables', () => {
    type Build = Schemas['Build'];
    expectTypeOf<Build['id']>().toEqualTypeOf<string>();
    expectTypeOf<Build['buildNumber']>().toEqualTypeOf<string>();
    expectTypeOf<Build['status']>().toEqualTypeOf<Schemas['ActorJobStatus']>();
    expectTypeOf<Build['meta']>().toEqualTypeOf<Schemas['BuildMeta']>();
    expectTypeOf<Build['finishedAt']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Build['usageTotalUsd']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Build['stats']>().toEqualTypeOf<Schemas['BuildStats'] | null | undefined>();
    expectTypeOf<Build['options']>().toEqualTypeOf<Schemas['BuildOptions'] | null | undefined>();
    expectTypeOf<Build['usageUsd']>().toEqualTypeOf<Schemas['BuildUsage'] | null | undefined>();
    expectTypeOf<Build['actorDefinition']>().toEqualTypeOf<
      Schemas['ActorDefinition'] | null | undefined
    >();
    expectTypeOf<Build['inputSchema']>().toEqualTypeOf<string | null | undefined>();
  });

  it('BuildShort and the page wrapper', () => {
    type Short = Schemas['BuildShort'];
    expectTypeOf<Short['finishedAt']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Short['usageTotalUsd']>().toEqualTypeOf<number>();
    expectTypeOf<Short['actId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Schemas['BuildsPage']>().toEqualTypeOf<{
      total: number;
      offset: number;
      limit: number;
      desc: boolean;
      count: number;
      items: Short[];
    }>();
    expectTypeOf<Schemas['BuildStats']['computeUnits']>().toEqualTypeOf<number>();
    expectTypeOf<Schemas['ActorDefinition']['actorSpecification']>().toEqualTypeOf<1 | undefined>();
    expectTypeOf<Schemas['ActorDefinition']['defaultMemoryMbytes']>().toEqualTypeOf<
      string | number | undefined
    >();
  });

  it('operations take the documented parameters and answer with the documented bodies', () => {
    type List = operations['actors_builds_get'];
    expectTypeOf<NonNullable<List['parameters']['query']>>().toEqualTypeOf<{
      offset?: number;
      limit?: number;
      desc?: boolean;
    }>();
    expectTypeOf<List['parameters']['path']>().toEqualTypeOf<{ actorId: string }>();
    expectTypeOf<List['responses'][200]['content']['application/json']>().toEqualTypeOf<
      Schemas['ListOfBuildsResponse']
    >();
    expectTypeOf<List['responses'][405]['content']['application/json']>().toEqualTypeOf<
      Schemas['ErrorResponse']
    >();

    type Abort = paths['/v2/actors/{actorId}/builds/{buildId}/abort']['post'];
    expectTypeOf<Abort['parameters']['path']>().toEqualTypeOf<{
      actorId: string;
      buildId: string;
    }>();
    expectTypeOf<Abort['responses'][200]['content']['application/json']['data']>().toEqualTypeOf<
      Schemas['Build']
    >();
    expectTypeOf<keyof Abort['responses']>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 429>();
  });
});
