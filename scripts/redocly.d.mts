// Types of scripts/redocly.mjs, so TypeScript tests run the Redocly CLI the same way.
/** What a Redocly run produced; `output` is stdout then stderr, banner removed. */
export interface RedoclyResult {
  ok: boolean;
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}
export declare const redoclyEnv: NodeJS.ProcessEnv;
export declare function dropBanner(text: string): string;
export declare function runRedocly(
  args: string[],
  options?: { cwd?: string; timeout?: number; nodeArgs?: string[] },
): Promise<RedoclyResult>;
