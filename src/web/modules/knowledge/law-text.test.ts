import { describe, expect, it } from 'vitest';
import { anchorOfHash, citationOf, citationWithText, insertText, readerBlocks, searchParamsOf, searchStateOf } from './law-text';

describe('citationOf', () => {
  it('cites a numbered article as the law writes it', () => {
    expect(citationOf({ lawTitle: '中华人民共和国民法典', articleNo: '第五十四条' })).toBe('《中华人民共和国民法典》第五十四条');
    expect(citationOf({ lawTitle: '中华人民共和国刑法', articleNo: '第一百二十条之一' })).toBe('《中华人民共和国刑法》第一百二十条之一');
  });

  it('brackets a part that is not a numbered article, and cites a whole text by its title', () => {
    expect(citationOf({ lawTitle: '指导案例1号', articleNo: '基本案情' })).toBe('《指导案例1号》（基本案情）');
    expect(citationOf({ lawTitle: '中华人民共和国刑法修正案（十一）', articleNo: '一、' })).toBe('《中华人民共和国刑法修正案（十一）》（一、）');
    expect(citationOf({ lawTitle: '某批复', articleNo: '全文' })).toBe('《某批复》');
    expect(citationOf({ lawTitle: '某批复', articleNo: null })).toBe('《某批复》');
  });

  it('quotes the text after the citation', () => {
    expect(citationWithText({ lawTitle: '中华人民共和国民法典', articleNo: '第五十四条', text: ' 自然人从事工商业经营，经依法登记，为个体工商户。\n' })).toBe(
      '《中华人民共和国民法典》第五十四条规定：“自然人从事工商业经营，经依法登记，为个体工商户。”',
    );
  });
});

describe('insertText', () => {
  it('puts the text at the caret and moves the caret after it', () => {
    expect(insertText('您好，。', 3, 3, '依据')).toEqual({ value: '您好，依据。', caret: 5 });
  });

  it('replaces the selection', () => {
    expect(insertText('根据XX规定', 2, 4, '《中华人民共和国民法典》')).toEqual({ value: '根据《中华人民共和国民法典》规定', caret: 14 });
  });

  it('starts a citation on a new line after a finished sentence, not after a space or at the start', () => {
    expect(insertText('您的情况可以申请。', 9, 9, '《劳动法》第五十条')).toEqual({ value: '您的情况可以申请。\n《劳动法》第五十条', caret: 19 });
    expect(insertText('', 0, 0, '《劳动法》第五十条').value).toBe('《劳动法》第五十条');
    expect(insertText('见\n', 2, 2, '《劳动法》第五十条').value).toBe('见\n《劳动法》第五十条');
    // Mid-sentence (after a comma or colon) it runs on.
    expect(insertText('您好：依照', 3, 3, '《劳动法》第五十条').value).toBe('您好：《劳动法》第五十条依照');
  });

  it('keeps a stale selection inside the text', () => {
    expect(insertText('短', 10, 12, '《劳动法》')).toEqual({ value: '短《劳动法》', caret: 6 });
  });
});

describe('readerBlocks', () => {
  const article = (no: string) => ({ articleNo: no, anchor: no, headingPath: '', text: `${no}的内容` });

  it('puts each heading before the first article under it, an empty one at the end', () => {
    const blocks = readerBlocks(
      [
        { level: 1, title: '第一编 总则', anchor: '第一条' },
        { level: 2, title: '第一章 基本规定', anchor: '第一条' },
        { level: 2, title: '第二章 自然人', anchor: '第三条' },
        { level: 2, title: '第三章 空章', anchor: '' },
      ],
      [article('第一条'), article('第二条'), article('第三条')],
    );
    expect(blocks.map((b) => (b.kind === 'heading' ? `${b.id} ${b.title}` : b.article.articleNo))).toEqual([
      'toc-1 第一编 总则',
      'toc-2 第一章 基本规定',
      '第一条',
      '第二条',
      'toc-3 第二章 自然人',
      '第三条',
      'toc-4 第三章 空章',
    ]);
  });
});

describe('search state in the address', () => {
  it('round-trips the query and filters, leaving defaults out', () => {
    const state = { q: '老板不发工资', level: 'law', types: ['article' as const, 'faq' as const], currentOnly: false };
    const params = searchParamsOf(state);
    expect(params.toString()).toBe(new URLSearchParams({ q: '老板不发工资', level: 'law', types: 'article,faq', all: '1' }).toString());
    expect(searchStateOf(params)).toEqual(state);
    expect(searchParamsOf({ q: ' 离婚 ', types: ['article', 'case', 'faq'], currentOnly: true }).toString()).toBe('q=%E7%A6%BB%E5%A9%9A');
  });

  it('drops unknown types and reads a bare address as an empty search of current law', () => {
    expect(searchStateOf(new URLSearchParams('types=faq,bogus,faq'))).toEqual({ q: '', level: undefined, types: ['faq'], currentOnly: true });
  });
});

describe('anchorOfHash', () => {
  it('decodes the fragment, and keeps a malformed one as it is', () => {
    expect(anchorOfHash('#%E7%AC%AC%E4%BA%94%E5%8D%81%E5%9B%9B%E6%9D%A1')).toBe('第五十四条');
    expect(anchorOfHash('#p12')).toBe('p12');
    expect(anchorOfHash('#%E7%AC')).toBe('%E7%AC');
    expect(anchorOfHash('')).toBeUndefined();
    expect(anchorOfHash('#')).toBeUndefined();
  });
});
