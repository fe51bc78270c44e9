// Types of scripts/paths.mjs, so TypeScript tests share the same places.
export declare const root: string;
export declare const specPath: string;
export declare const outputPath: string;
export declare const distPath: string;
export declare const cachePath: string;
