// Prints the size of the weapp main package and of each subpackage. Fails above the project's own
// 400 KB budget for the main package (WeChat allows 2 MB; a small main package opens faster on a
// village phone network) and above WeChat's 2 MB per subpackage.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const MAIN_PACKAGE_LIMIT = 400 * 1024
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024
const outDir = fileURLToPath(new URL('../dist/weapp/', import.meta.url))

const appJson = JSON.parse(readFileSync(join(outDir, 'app.json'), 'utf8'))
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) yield* files(full)
    else yield full
  }
}

const sizes = new Map([['(main)', 0], ...roots.map((r) => [r, 0])])
for (const file of files(outDir)) {
  const rel = relative(outDir, file).split(sep).join('/')
  if (rel === 'project.config.json' || rel.endsWith('.map')) continue
  const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? '(main)'
  sizes.set(root, sizes.get(root) + statSync(file).size)
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
let failed = false
for (const [name, bytes] of sizes) {
  const limit = name === '(main)' ? MAIN_PACKAGE_LIMIT : SUBPACKAGE_LIMIT
  const over = bytes > limit
  failed ||= over
  console.log(`${name === '(main)' ? 'main package' : `subpackage ${name}`}: ${kb(bytes)}${over ? `  — over ${kb(limit)}` : ''}`)
}
const total = [...sizes.values()].reduce((a, b) => a + b, 0)
console.log(`total: ${kb(total)}`)
if (failed) {
  console.error('Package size limit exceeded.')
  process.exit(1)
}
