// Where braces do not pair up in BibTeX text; kept for tools and tests that check a whole file.

/**
 * Where braces do not pair up, outside quoted or escaped text: an extra '}' (which the parser skips
 * as text between entries, silently dropping what follows it) or a '{' never closed. Null when they pair.
 */
export function findUnbalancedBrace(text: string): string | null {
  const open: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] !== '\n') i++;
    else if (c === '\n') line++;
    else if (c === '%' && open.length === 0) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '{') open.push(line);
    else if (c === '}' && open.pop() === undefined) return `an extra '}' on line ${line}`;
  }
  const last = open.at(-1);
  return last === undefined ? null : `the '{' on line ${last} is never closed`;
}
