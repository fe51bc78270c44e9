/**
 * Generated from spec/openapi.yaml by openapi-typescript. Do not edit by hand:
 * change the spec and run `npm run generate` (`npm run check` fails while this file is stale).
 */

export interface paths {
  '/v2/actors/{actorId}/builds': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
      };
      cookie?: never;
    };
    /**
     * Get list of builds
     * @description Gets the list of builds of a specific Actor. The response is a JSON with
     *     the list of objects, where each object contains basic information about a
     *     single build.
     *
     *     The endpoint supports pagination using the `limit` and `offset` parameters
     *     and it will not return more than 1000 records.
     *
     *     By default, the records are sorted by the `startedAt` field in ascending
     *     order, therefore you can use pagination to incrementally fetch all builds
     *     while new ones are still being started. To sort the records in descending
     *     order, use `desc=true`.
     */
    get: operations['actors_builds_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v2/actor-builds/{buildId}/abort': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Build ID.
         * @example 3KH8gEpp4d8uQSe8T
         */
        buildId: components['parameters']['buildId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Abort build
     * @description Aborts an Actor build and returns an object that contains all the details
     *     about the build.
     *
     *     Only builds that are starting or running are aborted. For builds that
     *     have finished (`SUCCEEDED`, `FAILED`, `TIMED-OUT`, `ABORTED`) or are being
     *     aborted (`ABORTING`) this call does nothing and returns the build as it
     *     is.
     */
    post: operations['actorBuild_abort_post'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v2/actors/{actorId}/builds/{buildId}/abort': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
        /**
         * @description Build ID.
         * @example 3KH8gEpp4d8uQSe8T
         */
        buildId: components['parameters']['buildId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Abort build
     * @deprecated
     * @description **[DEPRECATED]** Build endpoints of the Actor moved under the
     *     `actor-builds` namespace: use `POST /v2/actor-builds/{buildId}/abort`
     *     instead.
     *
     *     Aborts an Actor build and returns an object that contains all the details
     *     about the build.
     *
     *     Only builds that are starting or running are aborted. For builds that
     *     have finished (`SUCCEEDED`, `FAILED`, `TIMED-OUT`, `ABORTED`) or are being
     *     aborted (`ABORTING`) this call does nothing and returns the build as it
     *     is.
     */
    post: operations['actors_build_abort_post'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v2/acts/{actorId}/builds': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
      };
      cookie?: never;
    };
    /**
     * Get list of builds (legacy route)
     * @deprecated
     * @description Legacy alias of `GET /v2/actors/{actorId}/builds`: the same handler,
     *     parameters and responses under the deprecated `/v2/acts/` prefix.
     */
    get: operations['acts_builds_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v2/acts/{actorId}/builds/{buildId}/abort': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
        /**
         * @description Build ID.
         * @example 3KH8gEpp4d8uQSe8T
         */
        buildId: components['parameters']['buildId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Abort build (legacy route)
     * @deprecated
     * @description Legacy alias of `POST /v2/actors/{actorId}/builds/{buildId}/abort`: the
     *     same handler, parameters and responses under the deprecated `/v2/acts/`
     *     prefix.
     */
    post: operations['acts_build_abort_post'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @description The body of every error response. `type` and `message` are usually
     *     both present, but neither is guaranteed.
     */
    ErrorResponse: {
      error: {
        /**
         * @description Machine-readable error type, e.g. `record-not-found`.
         * @example record-not-found
         */
        type?: string;
        /**
         * @description Human-readable description of the error.
         * @example Actor run did not succeed (run ID: 55uatRrZib4xbZs, status: FAILED)
         */
        message?: string;
      };
    };
    /**
     * @description Status of an Actor job (run or build).
     * @example SUCCEEDED
     * @enum {string}
     */
    ActorJobStatus:
      | 'READY'
      | 'RUNNING'
      | 'SUCCEEDED'
      | 'FAILED'
      | 'TIMING-OUT'
      | 'TIMED-OUT'
      | 'ABORTING'
      | 'ABORTED';
    /**
     * @description How the build was started.
     * @example WEB
     * @enum {string}
     */
    RunOrigin:
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
      | 'MCP';
    /** @description Where the build was started from. */
    BuildMeta: {
      origin: components['schemas']['RunOrigin'];
      /**
       * @description IP address of the client that started the build.
       * @example 172.234.12.34
       */
      clientIp?: string;
      /**
       * @description User agent of the client that started the build.
       * @example Mozilla/5.0 (iPad)
       */
      userAgent?: string;
    };
    /**
     * @description The version the build was made from (`major.minor`, each 0 to 99)
     *     followed by the build's counter within that version (1 to 99999).
     * @example 0.1.1
     */
    BuildNumber: string;
    /** @description Basic information about a single build, as listed. */
    BuildShort: {
      /** @example HG7ML7M8z78YcAPEB */
      id: string;
      /** @example janedoe~my-actor */
      actId?: string;
      /**
       * @description ID of the user who owns the build.
       * @example klmdEpoiojmdEMlk3
       */
      userId?: string;
      status: components['schemas']['ActorJobStatus'];
      /**
       * Format: date-time
       * @example 2019-11-30T07:34:24.202Z
       */
      startedAt: string;
      /**
       * Format: date-time
       * @example 2019-12-12T09:30:12.202Z
       */
      finishedAt?: string | null;
      /** @example 0.02 */
      usageTotalUsd: number;
      buildNumber: components['schemas']['BuildNumber'];
      /**
       * @description The build number as a single integer.
       * @example 10000
       */
      buildNumberInt?: number;
      meta?: components['schemas']['BuildMeta'];
    };
    /** @description Common pagination fields for list responses, with one page of builds. */
    BuildsPage: {
      /**
       * @description The total number of items available across all pages.
       * @example 1
       */
      total: number;
      /**
       * @description The starting position for this page of results.
       * @example 0
       */
      offset: number;
      /**
       * @description The maximum number of items returned per page.
       * @example 1000
       */
      limit: number;
      /**
       * @description Whether the results are sorted in descending order.
       * @example false
       */
      desc: boolean;
      /**
       * @description The number of items returned in this response.
       * @example 1
       */
      count: number;
      items: components['schemas']['BuildShort'][];
    };
    ListOfBuildsResponse: {
      data: components['schemas']['BuildsPage'];
    };
    BuildStats: {
      /** @example 1000 */
      durationMillis?: number;
      /** @example 45.718 */
      runTimeSecs?: number;
      /** @example 0.0126994444444444 */
      computeUnits?: number;
      /**
       * @description Size of the built Docker image in bytes.
       * @example 184549376
       */
      imageSizeBytes?: number | null;
    };
    BuildOptions: {
      /** @example false */
      useCache?: boolean | null;
      /** @example false */
      betaPackages?: boolean | null;
      /** @example 1024 */
      memoryMbytes?: number | null;
      /** @example 2048 */
      diskMbytes?: number | null;
    };
    BuildUsage: {
      /** @example 0.08 */
      ACTOR_COMPUTE_UNITS?: number | null;
    };
    /**
     * @description Where the source code of an Actor version comes from.
     * @example SOURCE_FILES
     * @enum {string}
     */
    VersionSourceType: 'SOURCE_FILES' | 'GIT_REPO' | 'TARBALL' | 'GITHUB_GIST' | 'SOURCE_CODE';
    /**
     * @description How a source file's `content` is encoded.
     * @example TEXT
     * @enum {string}
     */
    SourceCodeFileFormat: 'BASE64' | 'TEXT';
    /** @description One file of an Actor version's source code. */
    SourceCodeFile: {
      format?: components['schemas']['SourceCodeFileFormat'];
      /**
       * @description The file's contents, encoded as `format` says.
       * @example console.log('Hello from my Actor');
       */
      content?: string;
      /**
       * @description Path of the file, relative to the Actor's root directory.
       * @example src/main.js
       */
      name: string;
    };
    /** @description The Actor version the build was made from, as it was when the build started. */
    BuildActVersion: {
      sourceType?: components['schemas']['VersionSourceType'];
      /** @example latest */
      buildTag?: string;
      /** @example 0.1 */
      versionNumber?: string;
      /**
       * @description URL of the Git repository, when `sourceType` is `GIT_REPO`.
       * @example https://github.com/janedoe/my-actor.git#main
       */
      gitRepoUrl?: string;
      /** @description The source files, when `sourceType` is `SOURCE_FILES`. */
      sourceFiles?: components['schemas']['SourceCodeFile'][];
    };
    /** @description The Actor definition (`.actor/actor.json`) the build was made from. */
    ActorDefinition: {
      /**
       * @description The Actor specification version that this Actor follows. This property must be set to 1.
       * @enum {integer}
       */
      actorSpecification?: 1;
      /** @description The name of the Actor. */
      name?: string;
      /**
       * @description The version of the Actor, two or more dot-separated numbers, e.g. `0.1`, `1.0` or `0.0.1`.
       * @example 0.1
       */
      version?: string;
      /** @description The tag name to be applied to a successful build of the Actor. Defaults to 'latest' if not specified. */
      buildTag?: string;
      /** @description A map of environment variables to be used during local development and deployment. */
      environmentVariables?: {
        [key: string]: string;
      };
      /** @description The path to the Dockerfile used for building the Actor on the platform. */
      dockerfile?: string;
      /** @description The path to the directory used as the Docker context when building the Actor. */
      dockerContextDir?: string;
      /** @description The path to the README file for the Actor. */
      readme?: string;
      /** @description The input schema object (see the Actor input schema specification in the Apify docs). */
      input?: {
        [key: string]: unknown;
      };
      /** @description The path to the CHANGELOG file displayed in the Actor's information tab. */
      changelog?: string;
      storages?: {
        /** @description Defines the schema of items in your dataset (see the dataset schema specification in the Apify docs). */
        dataset?: {
          [key: string]: unknown;
        };
      };
      /**
       * @description Specifies the default amount of memory in megabytes to be used when the
       *     Actor is started. Can be an integer or a dynamic memory expression.
       * @example get(input, 'startUrls.length', 1) * 1024
       * @example 1024
       */
      defaultMemoryMbytes?: string | number;
      /** @description Specifies the minimum amount of memory in megabytes required by the Actor. */
      minMemoryMbytes?: number;
      /** @description Specifies the maximum amount of memory in megabytes required by the Actor. */
      maxMemoryMbytes?: number;
      /** @description Specifies whether Standby mode is enabled for the Actor. */
      usesStandbyMode?: boolean;
    };
    /** @description All the details about a single build. */
    Build: {
      /** @example HG7ML7M8z78YcAPEB */
      id: string;
      /** @example janedoe~my-actor */
      actId: string;
      /** @example klmdEpoiojmdEMlk3 */
      userId: string;
      /**
       * Format: date-time
       * @example 2019-11-30T07:34:24.202Z
       */
      startedAt: string;
      /**
       * Format: date-time
       * @example 2019-12-12T09:30:12.202Z
       */
      finishedAt?: string | null;
      status: components['schemas']['ActorJobStatus'];
      meta: components['schemas']['BuildMeta'];
      stats?: components['schemas']['BuildStats'] | null;
      options?: components['schemas']['BuildOptions'] | null;
      usage?: components['schemas']['BuildUsage'] | null;
      /**
       * @description Total cost of the build in USD; present only for callers with a token.
       * @example 0.02
       */
      usageTotalUsd?: number | null;
      /** @description The cost of the build in USD, by usage item; present only for callers with a token. */
      usageUsd?: components['schemas']['BuildUsage'] | null;
      /**
       * @deprecated
       * @example {\n  "title": "Schema for ... }
       */
      inputSchema?: string | null;
      /**
       * @deprecated
       * @example # Magic Actor\nThis Actor is magic.
       */
      readme?: string | null;
      buildNumber: components['schemas']['BuildNumber'];
      actVersion?: components['schemas']['BuildActVersion'];
      actorDefinition?: components['schemas']['ActorDefinition'] | null;
    };
    /** @description The response body that carries one build. */
    BuildResponse: {
      data: components['schemas']['Build'];
    };
  };
  responses: {
    /** @description One page of the Actor's builds. */
    BuildsList: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "data": {
         *         "total": 1,
         *         "offset": 0,
         *         "limit": 1000,
         *         "desc": false,
         *         "count": 1,
         *         "items": [
         *           {
         *             "id": "HG7ML7M8z78YcAPEB",
         *             "actId": "janedoe~my-actor",
         *             "userId": "klmdEpoiojmdEMlk3",
         *             "status": "READY",
         *             "startedAt": "2019-11-30T07:34:24.202Z",
         *             "finishedAt": "2019-12-12T09:30:12.202Z",
         *             "usageTotalUsd": 0.02,
         *             "buildNumber": "0.1.1",
         *             "meta": {
         *               "origin": "DEVELOPMENT",
         *               "clientIp": "172.234.12.34",
         *               "userAgent": "Mozilla/5.0 (iPad)"
         *             }
         *           }
         *         ]
         *       }
         *     }
         */
        'application/json': components['schemas']['ListOfBuildsResponse'];
      };
    };
    /** @description The build, after the abort was requested. */
    AbortedBuild: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "data": {
         *         "id": "HG7ML7M8z78YcAPEB",
         *         "actId": "janedoe~my-actor",
         *         "userId": "klmdEpoiojmdEMlk3",
         *         "startedAt": "2019-11-30T07:34:24.202Z",
         *         "finishedAt": "2019-12-12T09:30:12.202Z",
         *         "status": "ABORTED",
         *         "meta": {
         *           "origin": "WEB",
         *           "userAgent": "Mozilla/5.0 (iPad)"
         *         },
         *         "stats": {
         *           "durationMillis": 1000,
         *           "runTimeSecs": 5.718,
         *           "computeUnits": 0.012699444444444444
         *         },
         *         "options": {
         *           "useCache": false,
         *           "memoryMbytes": 1024,
         *           "diskMbytes": 2048
         *         },
         *         "usage": {
         *           "ACTOR_COMPUTE_UNITS": 0.08
         *         },
         *         "usageTotalUsd": 0.02,
         *         "usageUsd": {
         *           "ACTOR_COMPUTE_UNITS": 0.02
         *         },
         *         "buildNumber": "0.1.1"
         *       }
         *     }
         */
        'application/json': components['schemas']['BuildResponse'];
      };
    };
    /** @description Bad request - invalid input parameters or request body. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "type": "invalid-input",
         *         "message": "Invalid input: The request body contains invalid data."
         *       }
         *     }
         */
        'application/json': components['schemas']['ErrorResponse'];
      };
    };
    /** @description Unauthorized - authentication required or invalid token. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "type": "invalid-token",
         *         "message": "Authentication token is not valid."
         *       }
         *     }
         */
        'application/json': components['schemas']['ErrorResponse'];
      };
    };
    /** @description Forbidden - insufficient permissions to perform this action. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "type": "insufficient-permissions",
         *         "message": "You do not have permission to perform this action."
         *       }
         *     }
         */
        'application/json': components['schemas']['ErrorResponse'];
      };
    };
    /** @description Not found - the requested resource does not exist. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "type": "record-not-found",
         *         "message": "The requested resource was not found."
         *       }
         *     }
         */
        'application/json': components['schemas']['ErrorResponse'];
      };
    };
    /** @description Method not allowed. */
    MethodNotAllowed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "type": "method-not-allowed",
         *         "message": "This API end-point can only be accessed using the following HTTP methods: OPTIONS,GET"
         *       }
         *     }
         */
        'application/json': components['schemas']['ErrorResponse'];
      };
    };
    /** @description Method not allowed. */
    AbortMethodNotAllowed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "type": "method-not-allowed",
         *         "message": "This API end-point can only be accessed using the following HTTP methods: OPTIONS,POST"
         *       }
         *     }
         */
        'application/json': components['schemas']['ErrorResponse'];
      };
    };
    /** @description Too many requests - rate limit exceeded. */
    TooManyRequests: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "error": {
         *         "type": "rate-limit-exceeded",
         *         "message": "You have exceeded the rate limit. Please try again later."
         *       }
         *     }
         */
        'application/json': components['schemas']['ErrorResponse'];
      };
    };
  };
  parameters: {
    /**
     * @description Actor ID or a tilde-separated owner's username and Actor name.
     * @example janedoe~my-actor
     */
    actorId: string;
    /**
     * @description Build ID.
     * @example 3KH8gEpp4d8uQSe8T
     */
    buildId: string;
    /**
     * @description Number of items that should be skipped at the start. The default value is `0`.
     * @example 0
     */
    offset: number;
    /**
     * @description Maximum number of items to return. The default value as well as the maximum is `1000`.
     * @example 1000
     */
    limit: number;
    /**
     * @description If `true` (or `1`) the objects are sorted by the `startedAt` field in
     *     descending order. By default, they are sorted in ascending order.
     * @example true
     */
    desc: boolean;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  actors_builds_get: {
    parameters: {
      query?: {
        /**
         * @description Number of items that should be skipped at the start. The default value is `0`.
         * @example 0
         */
        offset?: components['parameters']['offset'];
        /**
         * @description Maximum number of items to return. The default value as well as the maximum is `1000`.
         * @example 1000
         */
        limit?: components['parameters']['limit'];
        /**
         * @description If `true` (or `1`) the objects are sorted by the `startedAt` field in
         *     descending order. By default, they are sorted in ascending order.
         * @example true
         */
        desc?: components['parameters']['desc'];
      };
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['BuildsList'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      405: components['responses']['MethodNotAllowed'];
      429: components['responses']['TooManyRequests'];
    };
  };
  actorBuild_abort_post: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Build ID.
         * @example 3KH8gEpp4d8uQSe8T
         */
        buildId: components['parameters']['buildId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['AbortedBuild'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      405: components['responses']['AbortMethodNotAllowed'];
      429: components['responses']['TooManyRequests'];
    };
  };
  actors_build_abort_post: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
        /**
         * @description Build ID.
         * @example 3KH8gEpp4d8uQSe8T
         */
        buildId: components['parameters']['buildId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['AbortedBuild'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      405: components['responses']['AbortMethodNotAllowed'];
      429: components['responses']['TooManyRequests'];
    };
  };
  acts_builds_get: {
    parameters: {
      query?: {
        /**
         * @description Number of items that should be skipped at the start. The default value is `0`.
         * @example 0
         */
        offset?: components['parameters']['offset'];
        /**
         * @description Maximum number of items to return. The default value as well as the maximum is `1000`.
         * @example 1000
         */
        limit?: components['parameters']['limit'];
        /**
         * @description If `true` (or `1`) the objects are sorted by the `startedAt` field in
         *     descending order. By default, they are sorted in ascending order.
         * @example true
         */
        desc?: components['parameters']['desc'];
      };
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['BuildsList'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      405: components['responses']['MethodNotAllowed'];
      429: components['responses']['TooManyRequests'];
    };
  };
  acts_build_abort_post: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Actor ID or a tilde-separated owner's username and Actor name.
         * @example janedoe~my-actor
         */
        actorId: components['parameters']['actorId'];
        /**
         * @description Build ID.
         * @example 3KH8gEpp4d8uQSe8T
         */
        buildId: components['parameters']['buildId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['AbortedBuild'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      405: components['responses']['AbortMethodNotAllowed'];
      429: components['responses']['TooManyRequests'];
    };
  };
}
