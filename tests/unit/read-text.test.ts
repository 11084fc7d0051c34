// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readText } from '../../lib/pages/text';

function nest(depth: number, leaf: string): HTMLElement {
  const outer = document.createElement('h1');
  let inner: HTMLElement = outer;
  for (let i = 0; i < depth; i++) inner = inner.appendChild(document.createElement(i % 2 ? 'div' : 'span'));
  inner.append(leaf);
  return outer;
}

describe('readText', () => {
  it('reads text nested 50,000 elements deep (no recursion to overflow)', () => {
    expect(readText(nest(50_000, ' Deep  Title '))).toBe('Deep Title');
  });

  it('puts a space after block elements and reads at most 2,000 characters', () => {
    const h1 = document.createElement('h1');
    h1.innerHTML = '<div>One</div><p>Two<b>Three</b></p>Four';
    expect(readText(h1)).toBe('One TwoThree Four');
    h1.textContent = 'x'.repeat(100_000);
    expect(readText(h1)).toHaveLength(2000);
  });
});
