// The generated types have exactly the shapes the spec describes (checked by the compiler).
import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations, paths } from '../../generated/schema.js';

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

  it('RunOrigin is the 11-value union', () => {
    expectTypeOf<Schemas['RunOrigin']>().toEqualTypeOf<
      | 'DEVELOPMENT'
      | 'WEB'
      | 'API'
      | 'SCHEDULER'
      | 'TEST'
      | 'WEBHOOK'
      | 'ACTOR'
      | 'CLI'
      | 'CI'
      | 'STANDBY'
      | 'MCP'
    >();
  });

  it('the schemas pinned field for field have exactly these fields', () => {
    // A field added to the spec fails here until it is added to the pin.
    expectTypeOf<keyof Schemas['Build']>().toEqualTypeOf<
      | 'id'
      | 'actId'
      | 'userId'
      | 'startedAt'
      | 'finishedAt'
      | 'status'
      | 'meta'
      | 'stats'
      | 'options'
      | 'usage'
      | 'usageTotalUsd'
      | 'usageUsd'
      | 'inputSchema'
      | 'readme'
      | 'buildNumber'
      | 'actVersion'
      | 'actorDefinition'
    >();
    expectTypeOf<keyof Schemas['BuildShort']>().toEqualTypeOf<
      | 'id'
      | 'actId'
      | 'userId'
      | 'status'
      | 'startedAt'
      | 'finishedAt'
      | 'usageTotalUsd'
      | 'buildNumber'
      | 'buildNumberInt'
      | 'meta'
    >();
    expectTypeOf<keyof Schemas['BuildMeta']>().toEqualTypeOf<'origin' | 'clientIp' | 'userAgent'>();
    expectTypeOf<keyof Schemas['BuildOptions']>().toEqualTypeOf<
      'useCache' | 'betaPackages' | 'memoryMbytes' | 'diskMbytes'
    >();
    expectTypeOf<keyof Schemas['ActorDefinition']>().toEqualTypeOf<
      | 'actorSpecification'
      | 'name'
      | 'version'
      | 'buildTag'
      | 'environmentVariables'
      | 'dockerfile'
      | 'dockerContextDir'
      | 'readme'
      | 'input'
      | 'changelog'
      | 'storages'
      | 'defaultMemoryMbytes'
      | 'minMemoryMbytes'
      | 'maxMemoryMbytes'
      | 'usesStandbyMode'
    >();
    expectTypeOf<keyof Schemas['BuildUsage']>().toEqualTypeOf<'ACTOR_COMPUTE_UNITS'>();
  });

  it('free-form objects of an Actor definition have readable fields', () => {
    type Definition = Schemas['ActorDefinition'];
    expectTypeOf<NonNullable<Definition['input']>>().toEqualTypeOf<{ [key: string]: unknown }>();
    expectTypeOf<NonNullable<NonNullable<Definition['storages']>['dataset']>>().toEqualTypeOf<{
      [key: string]: unknown;
    }>();
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
    expectTypeOf<Build['actVersion']>().toEqualTypeOf<Schemas['BuildActVersion'] | undefined>();
  });

  it("the build's Actor version and its source files", () => {
    expectTypeOf<Schemas['BuildActVersion']>().toEqualTypeOf<{
      sourceType?: Schemas['VersionSourceType'];
      buildTag?: string;
      versionNumber?: string;
      gitRepoUrl?: string;
      sourceFiles?: Schemas['SourceCodeFile'][];
    }>();
    expectTypeOf<Schemas['VersionSourceType']>().toEqualTypeOf<
      'SOURCE_FILES' | 'GIT_REPO' | 'TARBALL' | 'GITHUB_GIST' | 'SOURCE_CODE'
    >();
    expectTypeOf<Schemas['SourceCodeFile']>().toEqualTypeOf<{
      format?: 'BASE64' | 'TEXT';
      content?: string;
      name: string;
    }>();
  });

  it('BuildStats: nothing required, imageSizeBytes nullable', () => {
    expectTypeOf<Schemas['BuildStats']>().toEqualTypeOf<{
      durationMillis?: number;
      runTimeSecs?: number;
      computeUnits?: number;
      imageSizeBytes?: number | null;
    }>();
  });

  it('the error body: type and message may each be missing', () => {
    expectTypeOf<Schemas['ErrorResponse']>().toEqualTypeOf<{
      error: { type?: string; message?: string };
    }>();
  });

  it('BuildShort and the page wrapper', () => {
    type Short = Schemas['BuildShort'];
    expectTypeOf<Short['finishedAt']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Short['usageTotalUsd']>().toEqualTypeOf<number>();
    expectTypeOf<Short['actId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Short['userId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Short['buildNumber']>().toEqualTypeOf<string>();
    expectTypeOf<Short['buildNumberInt']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Short['meta']>().toEqualTypeOf<Schemas['BuildMeta'] | undefined>();
    expectTypeOf<Schemas['BuildsPage']>().toEqualTypeOf<{
      total: number;
      offset: number;
      limit: number;
      desc: boolean;
      count: number;
      items: Short[];
    }>();
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
    expectTypeOf<keyof Abort['responses']>().toEqualTypeOf<
      200 | 400 | 401 | 403 | 404 | 405 | 429
    >();
  });
});
