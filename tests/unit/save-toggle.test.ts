import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeStatusOf, createSaveToggles, type SaveToggleDeps } from '../../content/save-toggle';
import type { PaperRef, SavedPaper } from '../../lib/reading-list/saved-list';

const A: PaperRef = { title: 'Paper A', corpusId: 'a', arxivId: '2601.10001' };
const B: PaperRef = { title: 'Paper B', corpusId: 'b', arxivId: '2601.10001' };

function entry(ref: PaperRef): SavedPaper {
  return {
    key: `corpus:${ref.corpusId}`,
    title: ref.title,
    corpusId: ref.corpusId ?? null,
    arxivId: ref.arxivId ?? null,
    url: null,
    savedAt: 1,
    tags: [],
    note: '',
    read: false,
  };
}

/** A background whose answers the test releases one by one. */
function fakeBackground() {
  const calls: { kind: 'save' | 'unsave'; ref: PaperRef; resolve(): void; reject(e: Error): void }[] = [];
  const call = (kind: 'save' | 'unsave') => (ref: PaperRef) =>
    new Promise<unknown>((resolve, reject) => calls.push({ kind, ref, resolve: () => resolve(null), reject }));
  const onChange = vi.fn();
  const deps: SaveToggleDeps = {
    save: call('save'),
    unsave: call('unsave'),
    onChange,
    timeoutMs: 5000,
    settleMs: 1000,
  };
  return { calls, deps, onChange };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createSaveToggles', () => {
  it('says "saving" until the list holds the paper, then "saved"; never "saved" on the answer alone', async () => {
    const { calls, deps } = fakeBackground();
    const toggles = createSaveToggles(deps);
    toggles.setList([]);
    expect(toggles.stateOf(A)).toBe('unsaved');
    toggles.toggle(A);
    expect(toggles.stateOf(A)).toBe('saving');
    calls[0]!.resolve();
    await flush();
    expect(toggles.stateOf(A)).toBe('saving'); // answered, but the list's change has not arrived
    toggles.setList([entry(A)]);
    expect(toggles.stateOf(A)).toBe('saved');
  });

  it('decides save or remove per paper by its own identity: another paper with the same arXiv id is not it', () => {
    const { calls, deps } = fakeBackground();
    const toggles = createSaveToggles(deps);
    toggles.setList([entry(A)]);
    expect(toggles.stateOf(B)).toBe('unsaved');
    toggles.toggle(B);
    expect(calls.map((c) => [c.kind, c.ref.title])).toEqual([['save', 'Paper B']]);
  });

  it('a click while a change travels queues the opposite wish, sent after the answer', async () => {
    const { calls, deps } = fakeBackground();
    const toggles = createSaveToggles(deps);
    toggles.setList([]);
    toggles.toggle(A);
    toggles.toggle(A);
    expect(toggles.stateOf(A)).toBe('removing');
    expect(calls).toHaveLength(1);
    toggles.setList([entry(A)]);
    calls[0]!.resolve();
    await flush();
    expect(calls.map((c) => c.kind)).toEqual(['save', 'unsave']);
    expect(toggles.stateOf(A)).toBe('removing');
    calls[1]!.resolve();
    toggles.setList([]);
    await flush();
    expect(toggles.stateOf(A)).toBe('unsaved');
  });

  it('a failed save shows as failed with its reason; a click tries the same save again', async () => {
    const { calls, deps } = fakeBackground();
    const toggles = createSaveToggles(deps);
    toggles.setList([]);
    toggles.toggle(A);
    calls[0]!.reject(new Error("Paper Lens could not save “Paper A”: the browser's storage is full."));
    await flush();
    expect(toggles.stateOf(A)).toBe('save-failed');
    expect(toggles.errorOf(A)).toBe("Paper Lens could not save “Paper A”: the browser's storage is full.");
    expect(badgeStatusOf(toggles.stateOf(A), true)).toBe('save-failed');
    toggles.setList([]); // other changes of the list do not hide the failure
    expect(toggles.stateOf(A)).toBe('save-failed');
    toggles.toggle(A);
    expect(calls.map((c) => c.kind)).toEqual(['save', 'save']);
    expect(toggles.stateOf(A)).toBe('saving');
    calls[1]!.resolve();
    toggles.setList([entry(A)]);
    await flush();
    expect(toggles.stateOf(A)).toBe('saved');
    expect(toggles.errorOf(A)).toBeNull();
  });

  it('a worker that never answers is a failure after the timeout; if the save lands later, the list wins', async () => {
    const { calls, deps } = fakeBackground();
    const toggles = createSaveToggles(deps);
    toggles.setList([]);
    toggles.toggle(A);
    await vi.advanceTimersByTimeAsync(5000);
    expect(toggles.stateOf(A)).toBe('save-failed');
    expect(toggles.errorOf(A)).toBe('Paper Lens did not answer in time');
    calls[0]!.resolve(); // too late to count as an answer
    toggles.setList([entry(A)]);
    expect(toggles.stateOf(A)).toBe('saved');
  });

  it('does not wait for an answer the list already shows (a worker stopped mid-answer never sends it)', () => {
    const { calls, deps } = fakeBackground();
    const toggles = createSaveToggles(deps);
    toggles.setList([]);
    toggles.toggle(A);
    toggles.setList([entry(A)]); // applied; its answer is lost
    expect(toggles.stateOf(A)).toBe('saved');
    toggles.toggle(A);
    expect(calls.map((c) => c.kind)).toEqual(['save', 'unsave']);
    expect(toggles.stateOf(A)).toBe('removing');
  });

  it('believes the list once an answered change has had time to show (another tab removed it meanwhile)', async () => {
    const { calls, deps, onChange } = fakeBackground();
    const toggles = createSaveToggles(deps);
    toggles.setList([]);
    toggles.toggle(A);
    calls[0]!.resolve();
    await flush();
    expect(toggles.stateOf(A)).toBe('saving');
    onChange.mockClear();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(toggles.stateOf(A)).toBe('unsaved');
  });
});

describe('badgeStatusOf', () => {
  it.each([
    ['unsaved', true, 'corpus'],
    ['unsaved', false, 'none'],
    ['saved', false, 'saved'],
    ['saving', true, 'saving'],
    ['remove-failed', true, 'remove-failed'],
  ] as const)('%s (in corpus: %s) -> %s', (state, inCorpus, status) => {
    expect(badgeStatusOf(state, inCorpus)).toBe(status);
  });
});
