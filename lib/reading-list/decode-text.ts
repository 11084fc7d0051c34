// Decodes an import file's bytes as the text it holds: UTF-8 with or without a byte-order mark,
// UTF-16 (little or big endian, with a mark, or without one when every other byte is zero), and
// windows-1252 (what older Windows tools write) when the bytes are not UTF-8. The encoding used is
// named, so the preview can say it; replacement characters never reach the list.

/** The encodings an import reads. */
export type ImportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Text decoded from a file, and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: ImportEncoding;
}

function decode(bytes: Uint8Array, encoding: ImportEncoding, fatal = false): string {
  return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
}

/** UTF-16 without a mark: text whose every other byte (in the first KiB) is mostly zero. */
function sniffUtf16(bytes: Uint8Array): ImportEncoding | null {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.8 && evenZero < half * 0.1) return 'utf-16le';
  if (evenZero > half * 0.8 && oddZero < half * 0.1) return 'utf-16be';
  return null;
}

/** Decodes a file's bytes; see the module comment for the encodings and the order they are tried in. */
export function decodeImportBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decode(bytes, 'utf-8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode(bytes, 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode(bytes, 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decode(bytes, utf16), encoding: utf16 };
  try {
    return { text: decode(bytes, 'utf-8', true), encoding: 'utf-8' };
  } catch {
    // Not UTF-8. A binary file is told apart later (it holds NUL bytes); text here is windows-1252,
    // the superset of Latin-1 that every browser's decoder maps byte for byte.
    return { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}
