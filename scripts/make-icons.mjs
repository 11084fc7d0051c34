// Draws the toolbar icon (a lens: a ring with a dot) as PNGs at the sizes browsers ask for.
// Run once by hand when the icon changes; the PNGs in public/icon/ are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const BLUE = [47, 91, 211];
for (const size of [16, 32, 48, 96, 128]) {
  const c = size / 2;
  const outer = size * 0.46;
  const ring = Math.max(1.4, size * 0.11);
  const dot = size * 0.17;
  // 4x4 supersampling for smooth edges.
  const coverage = (x, y) => {
    let inside = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const d = Math.hypot(x - 0.5 + (i + 0.5) / 4 - c, y - 0.5 + (j + 0.5) / 4 - c);
        if ((d <= outer && d >= outer - ring) || d <= dot) inside++;
      }
    return inside / 16;
  };
  writeFileSync(
    `public/icon/${size}.png`,
    png(size, (x, y) => [...BLUE, Math.round(255 * coverage(x, y))]),
  );
}
