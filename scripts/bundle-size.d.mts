export interface BundleSize {
  raw: number;
  gzip: number;
}
export function gzippedBundle(contents: string, loader?: 'js' | 'ts'): Promise<BundleSize>;
export function packageBundle(entry?: string): Promise<BundleSize>;
export function readBudget(): Promise<number>;
export function checkSize(
  budget?: number,
): Promise<BundleSize & { ok: boolean; budget: number; line: string }>;
