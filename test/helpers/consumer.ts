// A consumer project for installing the package offline: its package.json and a lockfile that
// pins the package and this repository's runtime dependencies, packed from node_modules into
// local tarballs, so `npm ci --offline` needs neither the registry nor the npm cache.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from '../../scripts/lib/process.js';
import { root } from './project.js';

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/** The `integrity` npm records for a tarball. */
export const sha512 = async (file: string): Promise<string> =>
  `sha512-${createHash('sha512')
    .update(await readFile(file))
    .digest('base64')}`;

/**
 * Writes the consumer project in `dir` (an ES module project named `consumer`) whose lockfile pins
 * the package as `spec`, resolved as `resolved`, with `integrity` when it is a tarball; returns
 * the lockfile keys of the runtime dependencies it packed (into `dir/.deps`).
 */
export async function writeConsumerProject(
  dir: string,
  spec: string,
  resolved: string,
  integrity?: string,
): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
    bin?: Record<string, string>;
  };
  const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', dependencies: { [manifest.name]: spec } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved,
      ...(integrity === undefined ? {} : { integrity }),
      dependencies: manifest.dependencies,
      // npm ci links the bins the lockfile names, as npm install records them.
      ...(manifest.bin === undefined ? {} : { bin: manifest.bin }),
    },
  };
  // Entries not marked dev are the runtime dependency tree, laid out as it will be in the consumer.
  const runtime = Object.entries(lock.packages).filter(
    ([key, entry]) => key !== '' && !entry.dev && !entry.devOptional,
  );
  const deps = path.join(dir, '.deps');
  await mkdir(deps, { recursive: true });
  const args = ['pack', '--ignore-scripts', '--json', '--pack-destination', deps];
  const packing = await run('npm', [...args, ...runtime.map(([key]) => path.join(root, key))], {
    cwd: root,
  });
  if (!packing.ok)
    throw new Error(`npm pack of the runtime dependencies failed:\n${packing.output}`);
  const packed = JSON.parse(packing.stdout) as { filename: string }[];
  for (const [index, [key, entry]] of runtime.entries()) {
    const file = path.join(deps, packed[index]!.filename);
    packages[key] = {
      ...entry,
      resolved: `file:${path.relative(dir, file)}`,
      integrity: await sha512(file),
    };
  }
  // Deno resolves a bare import through node_modules only for a package listed here.
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: { [manifest.name]: spec },
    }),
  );
  await writeFile(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }),
  );
  return runtime.map(([key]) => key);
}
