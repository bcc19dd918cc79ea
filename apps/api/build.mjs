// Compiles the API and the domain library it imports with swc into dist/, mirroring the
// repository layout (dist/apps/api/src, dist/libs/domain/src, dist/libs/contract/src) so that the
// `@jiayi/domain` and `@jiayi/contract` aliases can be rewritten to a relative import. Type checking is `npm run typecheck` at the root.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(apiDir, '../..');
const outDir = join(apiDir, 'dist');
const sources = [join(apiDir, 'src'), join(root, 'libs/domain/src'), join(root, 'libs/contract/src')];

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

await rm(outDir, { recursive: true, force: true });
let count = 0;
for (const source of sources) {
  for await (const file of walk(source)) {
    const { code, map } = await transformFile(file, {
      sourceMaps: true,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        baseUrl: root,
        paths: { '@jiayi/domain': ['libs/domain/src/index.ts'], '@jiayi/domain/*': ['libs/domain/src/*'], '@jiayi/contract': ['libs/contract/src/index.ts'] },
      },
      module: { type: 'commonjs' },
    });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code + `\n//# sourceMappingURL=${target.split('/').pop()}.map`);
    await writeFile(target + '.map', map);
    count++;
  }
}
console.log(`[api] compiled ${count} files into ${relative(root, outDir)}`);
