import { describe, expect, it } from 'vitest';
import { FIRST_CHUNK } from '../../content/frame-scheduler';
import { createMatchQueue, MATCH_BATCH } from '../../content/match-queue';
import type { TitleCandidate } from '../../lib/match/match-title';

/** A background that answers when told to, matching titles that start with 'in ' to a paper of that title. */
function heldBackground() {
  const asked: { titles: string[]; answer: () => void; fail: (error: Error) => void }[] = [];
  const matchTitles = (titles: string[]) =>
    new Promise<(TitleCandidate | null)[]>((resolve, reject) => {
      const answers = titles.map((title) =>
        title.startsWith('in ') ? { id: `id ${title}`, title, score: 1, kind: 'title' as const } : null,
      );
      asked.push({ titles, answer: () => resolve(answers), fail: reject });
    });
  return { asked, matchTitles };
}

const items = (n: number, prefix = 'in ') => Array.from({ length: n }, (_, i) => ({ title: `${prefix}${i}` }));

describe('createMatchQueue', () => {
  it('asks a first message of FIRST_CHUNK titles, then messages of up to MATCH_BATCH, all at once', async () => {
    const background = heldBackground();
    const queue = createMatchQueue(background.matchTitles);
    const ready: string[][] = [];
    const done = queue.match(items(FIRST_CHUNK + 2 * MATCH_BATCH + 7), (batch) =>
      ready.push(batch.map((i) => i.title)),
    );

    expect(background.asked.map((a) => a.titles.length)).toEqual([FIRST_CHUNK, MATCH_BATCH, MATCH_BATCH, 7]);
    expect(background.asked.flatMap((a) => a.titles)).toEqual(
      items(FIRST_CHUNK + 2 * MATCH_BATCH + 7).map((i) => i.title),
    );
    // Answers arrive in any order; each batch's items are handed over as soon as its answer is in.
    background.asked[3]!.answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(ready).toEqual([background.asked[3]!.titles]);
    for (const a of background.asked.slice(0, 3)) a.answer();
    await done;
    expect(ready.map((batch) => batch.length)).toEqual([7, FIRST_CHUNK, MATCH_BATCH, MATCH_BATCH]);
    expect(queue.get('in 0')).toEqual({ id: 'id in 0', title: 'in 0', probable: false });
  });

  it('asks each title once, caches misses too, and hands every item with a matched title over', async () => {
    const background = heldBackground();
    const queue = createMatchQueue(background.matchTitles);
    const first = [{ title: 'in a' }, { title: 'out b' }, { title: 'in a' }];
    const ready: { title: string }[] = [];
    const done = queue.match(first, (batch) => ready.push(...batch));
    expect(background.asked.map((a) => a.titles)).toEqual([['in a', 'out b']]);
    background.asked[0]!.answer();
    await done;
    expect(ready).toEqual([first[0], first[2], first[1]]);
    expect(queue.get('out b')).toBeNull();
    expect(queue.get('never asked')).toBeUndefined();

    // A later scan: known titles are ready at once, only the new one is asked.
    const again: { title: string }[][] = [];
    const second = [{ title: 'out b' }, { title: 'in c' }, { title: 'in a' }];
    const next = queue.match(second, (batch) => again.push(batch));
    expect(again).toEqual([[second[0], second[2]]]);
    expect(background.asked.slice(1).map((a) => a.titles)).toEqual([['in c']]);
    background.asked[1]!.answer();
    await next;
    expect(again).toEqual([[second[0], second[2]], [second[1]]]);
  });

  it('rejects when a message fails, and asks again for its titles next time', async () => {
    const background = heldBackground();
    const queue = createMatchQueue(background.matchTitles);
    const done = queue.match([{ title: 'in a' }], () => {});
    background.asked[0]!.fail(new Error('worker gone'));
    await expect(done).rejects.toThrow('worker gone');
    expect(queue.get('in a')).toBeUndefined();
    void queue.match([{ title: 'in a' }], () => {});
    expect(background.asked.map((a) => a.titles)).toEqual([['in a'], ['in a']]);
  });
});
