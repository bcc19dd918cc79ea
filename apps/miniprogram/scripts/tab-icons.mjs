// Draws the tab bar icons (81×81 PNG, unselected grey and selected green) with Node's zlib only:
// each icon is a function telling whether a point of the unit square is inked, sampled 4×4 per
// pixel for smooth edges. Run: node apps/miniprogram/scripts/tab-icons.mjs (the PNGs are committed).
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const SAMPLES = 4
const COLORS = { normal: [0x6b, 0x72, 0x6e], active: [0x0b, 0x5d, 0x3b] }
const outDir = fileURLToPath(new URL('../src/assets/tab/', import.meta.url))

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const outline = (x, y, x0, y0, x1, y1, w) => inRect(x, y, x0, y0, x1, y1) && !inRect(x, y, x0 + w, y0 + w, x1 - w, y1 - w)

const ICONS = {
  /** A house: roof, walls, a door. */
  home: (x, y) => {
    const roof = y >= 0.12 && y <= 0.48 && Math.abs(x - 0.5) <= (y - 0.12) * 1.25
    const walls = inRect(x, y, 0.22, 0.45, 0.78, 0.88)
    const door = inRect(x, y, 0.42, 0.62, 0.58, 0.88)
    return (roof || walls) && !door
  },
  /** Four tiles: the services. */
  services: (x, y) => [0.14, 0.54].some((x0) => [0.14, 0.54].some((y0) => inRect(x, y, x0, y0, x0 + 0.32, y0 + 0.32))),
  /** A page with lines of text. */
  feed: (x, y) => outline(x, y, 0.18, 0.1, 0.82, 0.9, 0.07) || [0.3, 0.46, 0.62].some((y0) => inRect(x, y, 0.32, y0, 0.68, y0 + 0.06)),
  /** A person: head and shoulders. */
  mine: (x, y) => inCircle(x, y, 0.5, 0.32, 0.19) || (y >= 0.58 && y <= 0.9 && ((x - 0.5) / 0.36) ** 2 + ((y - 0.9) / 0.32) ** 2 <= 1),
}

function crc32(bytes) {
  let c
  let crc = 0xffffffff
  for (const byte of bytes) {
    c = (crc ^ byte) & 0xff
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crc = (crc >>> 8) ^ c
  }
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(inked, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (inked((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++
      const at = py * (SIZE * 4 + 1) + 1 + px * 4
      raw.set([r, g, b, Math.round((255 * hits) / SAMPLES ** 2)], at)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

for (const [name, inked] of Object.entries(ICONS)) {
  writeFileSync(`${outDir}${name}.png`, png(inked, COLORS.normal))
  writeFileSync(`${outDir}${name}-active.png`, png(inked, COLORS.active))
}
console.log(`tab icons written to ${outDir}`)
