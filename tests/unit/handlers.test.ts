import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../lib/messaging/handlers';
import { realService } from '../helpers/corpus';

const service = realService();
const handlers = createHandlers(async () => service);
const MMRL = 'MMRL: Multi-Modal Representation Learning for Vision-Language Models';

describe('createHandlers', () => {
  it('matches a batch of page titles in order', async () => {
    const results = await handlers.matchTitles([`Title: ${MMRL}`, 'Attention Is All You Need']);
    expect(results.map((r) => r.match?.title ?? null)).toEqual([MMRL, null]);
  });

  it('answers related, relatedToText, search, getPaper and stats', async () => {
    const id = 'mmrl-multimodal-representation-157wjt3';
    expect(await handlers.related({ id, k: 4 })).toHaveLength(4);
    expect(await handlers.relatedToText({ title: MMRL, abstract: '', k: 2 })).toHaveLength(2);
    expect((await handlers.search({ query: 'mmrl', k: 5 })).map((r) => r.title)).toContain(MMRL);
    expect((await handlers.getPaper(id))?.title).toBe(MMRL);
    expect(await handlers.getPaper('nope')).toBeNull();
    expect((await handlers.stats(undefined)).papers).toBe(465);
  });

  it.each([
    ['matchTitles', 'not an array', 'bad request: titles must be an array'],
    ['matchTitles', [1], 'bad request: titles[0] must be a string'],
    ['matchTitles', Array.from({ length: 5001 }, () => 'x'), 'bad request: titles has more than 5000 entries'],
    ['getPaper', { id: 'x' }, 'bad request: id must be a string'],
    ['related', null, 'bad request: request must be an object'],
    ['related', { id: 'x', k: 0 }, 'bad request: k must be a whole number from 1 to 100'],
    ['related', { id: 'x', k: 2.5 }, 'bad request: k must be a whole number from 1 to 100'],
    ['related', { id: 7, k: 5 }, 'bad request: id must be a string'],
    ['relatedToText', { title: 'x', k: 5 }, 'bad request: abstract must be a string'],
    [
      'relatedToText',
      { title: 'x', abstract: 'y'.repeat(20_001), k: 5 },
      'bad request: abstract is longer than 20000 characters',
    ],
    ['search', ['q'], 'bad request: request must be an object'],
    ['search', { query: 'q', k: '5' }, 'bad request: k must be a whole number from 1 to 100'],
  ] as const)('%s rejects %j', async (name, data, message) => {
    await expect(handlers[name](data)).rejects.toThrow(message);
  });

  it('answers an unknown id with an error, not a crash', async () => {
    await expect(handlers.related({ id: 'missing', k: 3 })).rejects.toThrow('unknown paper id: missing');
  });
});
