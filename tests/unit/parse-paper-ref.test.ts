import { describe, expect, it } from 'vitest';
import { abstractUrl, parsePaperRef } from '../../lib/match/parse-paper-ref';

describe('parsePaperRef', () => {
  it.each([
    ['2403.03507', '2403.03507', null],
    ['  2403.03507\n', '2403.03507', null],
    ['2403.03507v2', '2403.03507', 2],
    ['arXiv:2403.03507v2', '2403.03507', 2],
    ['arxiv: 2403.03507', '2403.03507', null],
    ['ARXIV:2403.03507', '2403.03507', null],
    ['0704.0001', '0704.0001', null],
    ['https://arxiv.org/abs/2403.03507', '2403.03507', null],
    ['https://arxiv.org/abs/2403.03507v3', '2403.03507', 3],
    ['http://www.arxiv.org/abs/2403.03507/', '2403.03507', null],
    ['arxiv.org/abs/2403.03507', '2403.03507', null],
    ['https://export.arxiv.org/abs/2403.03507', '2403.03507', null],
    ['https://arxiv.org/pdf/2403.03507', '2403.03507', null],
    ['https://arxiv.org/pdf/2403.03507v2', '2403.03507', 2],
    ['https://arxiv.org/pdf/2403.03507v2.pdf', '2403.03507', 2],
    ['https://arxiv.org/html/2403.03507v1', '2403.03507', 1],
    ['https://arxiv.org/html/2403.03507v1#S3', '2403.03507', 1],
    ['https://arxiv.org/abs/2403.03507?context=cs.LG', '2403.03507', null],
    ['https://huggingface.co/papers/2403.03507', '2403.03507', null],
    ['huggingface.co/papers/2403.03507', '2403.03507', null],
    ['10.48550/arXiv.2403.03507', '2403.03507', null],
    ['doi:10.48550/arXiv.2403.03507', '2403.03507', null],
    ['https://doi.org/10.48550/arXiv.2403.03507', '2403.03507', null],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['hep-th/9901001v1', 'hep-th/9901001', 1],
    ['arXiv:hep-th/9901001', 'hep-th/9901001', null],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.GT/0309136', 'math.GT/0309136', null],
    ['cs/0101001', 'cs/0101001', null],
    ['"2403.03507"', '2403.03507', null],
    ['<https://arxiv.org/abs/2403.03507>', '2403.03507', null],
    ['2403.03507.', '2403.03507', null],
  ])('%j -> %s v%s', (text, arxivId, version) => {
    expect(parsePaperRef(text)).toEqual({ arxivId, version });
  });

  it.each([
    [''],
    ['GaLore: Memory-Efficient LLM Training'],
    ['GaLore 2403.03507'],
    ['2403.0350'],
    ['2413.03507'],
    ['1234'],
    ['https://arxiv.org/list/cs.CL/new'],
    ['https://example.org/abs/2403.03507'],
    ['https://huggingface.co/models/2403.03507'],
    ['10.1000/arXiv.2403.03507'],
    ['https://arxiv.org/abs/2403.03507 and more'],
  ])('%j names no paper', (text) => {
    expect(parsePaperRef(text)).toBeNull();
  });
});

describe('abstractUrl', () => {
  it('links the abstract page of new and old ids', () => {
    expect(abstractUrl('2403.03507')).toBe('https://arxiv.org/abs/2403.03507');
    expect(abstractUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
  });
});
