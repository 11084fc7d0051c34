// Splits BibTeX text into entries and their raw fields before any TeX is decoded, so that one
// unreadable entry is skipped with its line and reason while the rest import, and so that the TeX
// parser only ever sees the few short fields an import keeps (it is slow on long abstracts and on
// whole files). The grammar is BibTeX's own: @type{key, name = value # value, ...} with braces,
// quotes, numbers and macro names as values, and text outside entries ignored as comments.

/** One entry as written: its type, key, line, and raw field values (braces and quotes included). */
export interface RawEntry {
  type: string;
  key: string;
  line: number;
  fields: Map<string, string>;
}

/** An entry that could not be read, by the line it starts on. */
export interface SkippedEntry {
  line: number;
  reason: string;
}

/** The entries of a file, its @string definitions (raw text), and what was skipped. */
export interface ScannedBibtex {
  entries: RawEntry[];
  strings: string[];
  skipped: SkippedEntry[];
}

class ScanError extends Error {}

/** Where entries start: an @ at the start of a line (or of the file) followed by a type and a brace. */
const ENTRY_START = /(^|\n)[ \t]*@[ \t]*([A-Za-z]+)[ \t\r\n]*([{(])/g;

/** Line numbers by offset, computed once. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Reads one entry body from `start` (just after its opening delimiter) up to `end`. */
class EntryReader {
  i: number;
  constructor(
    private text: string,
    start: number,
    private end: number,
    private close: string,
  ) {
    this.i = start;
  }

  skipSpace(): void {
    while (this.i < this.end && /\s/.test(this.text[this.i]!)) this.i++;
  }

  peek(): string | undefined {
    return this.i < this.end ? this.text[this.i] : undefined;
  }

  /** A braced group from an opening brace to its match. */
  braced(): void {
    let depth = 0;
    for (; this.i < this.end; this.i++) {
      const c = this.text[this.i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        this.i++;
        return;
      }
    }
    throw new ScanError("a '{' in it is never closed");
  }

  /** A quoted value: ends at a '"' outside braces. */
  quoted(): void {
    let depth = 0;
    for (this.i++; this.i < this.end; this.i++) {
      const c = this.text[this.i];
      if (c === '{') depth++;
      else if (c === '}') {
        if (--depth < 0) throw new ScanError("an extra '}' inside a quoted value");
      } else if (c === '"' && depth === 0) {
        this.i++;
        return;
      }
    }
    throw new ScanError('a quoted value is never closed');
  }

  /** A value: parts joined with '#'. Returns its raw text. */
  value(): string {
    const start = this.i;
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '{') this.braced();
      else if (c === '"') this.quoted();
      else {
        const word = /^[^\s,#{}"()=]+/.exec(this.text.slice(this.i, Math.min(this.end, this.i + 200)))?.[0];
        if (!word)
          throw new ScanError(
            c === undefined ? 'it ends in the middle of a field' : `a field value starts with "${c}"`,
          );
        this.i += word.length;
      }
      this.skipSpace();
      if (this.peek() !== '#') return this.text.slice(start, this.i).trim();
      this.i++;
    }
  }

  /** The key and fields of an entry; `this.i` ends just after the closing delimiter. */
  entry(): { key: string; fields: Map<string, string> } {
    this.skipSpace();
    const keyMatch = /^[^\s,{}()]*/.exec(this.text.slice(this.i, Math.min(this.end, this.i + 500)))!;
    const key = keyMatch[0];
    this.i += key.length;
    const fields = new Map<string, string>();
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === this.close) {
        this.i++;
        return { key, fields };
      }
      if (c === undefined) throw new ScanError(`it is never closed (no '${this.close}' before the next entry)`);
      if (c !== ',') throw new ScanError(`"${c}" where a comma or the end of the entry belongs`);
      this.i++;
      this.skipSpace();
      if (this.peek() === this.close) continue;
      const name = /^[^\s=,{}"#()]+/.exec(this.text.slice(this.i, Math.min(this.end, this.i + 200)))?.[0];
      if (!name) throw new ScanError(`"${this.peek() ?? ''}" where a field name belongs`);
      this.i += name.length;
      this.skipSpace();
      if (this.peek() !== '=') throw new ScanError(`the field "${name}" has no "="`);
      this.i++;
      const value = this.value();
      // BibTeX keeps the first of two fields with one name.
      if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), value);
    }
  }
}

/** Splits BibTeX text into raw entries; an entry that cannot be read is skipped with its line and reason. */
export function scanBibtex(text: string): ScannedBibtex {
  const result: ScannedBibtex = { entries: [], strings: [], skipped: [] };
  for (const _ of scanSteps(text, result));
  return result;
}

/** scanBibtex one entry at a time, yielding between entries so a caller can pause. */
export function* scanSteps(text: string, result: ScannedBibtex): Generator<void, void, void> {
  const lineOf = lineIndex(text);
  const starts = [...text.matchAll(ENTRY_START)].map((m) => ({
    at: m.index + m[1]!.length,
    body: m.index + m[0].length,
    type: m[2]!.toLowerCase(),
    close: m[3] === '{' ? '}' : ')',
  }));
  let consumed = 0;
  for (const [n, start] of starts.entries()) {
    if (n % 50 === 0) yield;
    // An entry that ran past this start (its braces swallowed this line) already holds it.
    if (start.at < consumed) continue;
    const end = starts[n + 1]?.at ?? text.length;
    const line = lineOf(start.at);
    const reader = new EntryReader(text, start.body, end, start.close);
    try {
      if (start.type === 'comment') continue;
      if (start.type === 'preamble' || start.type === 'string') {
        reader.i = start.body - 1;
        if (start.close === '}') reader.braced();
        else reader.entry();
        if (start.type === 'string') result.strings.push(text.slice(start.at, reader.i));
        consumed = reader.i;
        continue;
      }
      const { key, fields } = reader.entry();
      consumed = reader.i;
      result.entries.push({ type: start.type, key, line, fields });
    } catch (error) {
      if (!(error instanceof ScanError)) throw error;
      result.skipped.push({
        line,
        reason: `The @${start.type} entry${keyOf(text, start.body)} could not be read: ${error.message}.`,
      });
      consumed = end;
    }
  }
}

function keyOf(text: string, body: number): string {
  const key = /^\s*([^\s,{}()]+)\s*,/.exec(text.slice(body, body + 200))?.[1];
  return key ? ` "${key}"` : '';
}
