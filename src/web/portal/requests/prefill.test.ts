import { describe, expect, it } from 'vitest';
import { prefilledRequestHref, readRequestPrefill } from './prefill';

const CATEGORIES = ['劳动争议', '婚姻家庭', '其他'];

describe('request prefill in the address', () => {
  it('round-trips the category and the description', () => {
    const href = prefilledRequestHref('consultation', { category: '劳动争议', description: '老板三个月没发工资，怎么办？\n第二行 & more' });
    expect(href.startsWith('/requests/new/consultation?')).toBe(true);
    const params = new URL(href, 'http://x').searchParams;
    expect(readRequestPrefill(params, CATEGORIES)).toEqual({ category: '劳动争议', description: '老板三个月没发工资，怎么办？\n第二行 & more', isFromAssistant: true });
  });

  it('ignores a category the form does not offer and an empty description', () => {
    expect(readRequestPrefill(new URLSearchParams('category=外星人&description='), CATEGORIES)).toEqual({ category: undefined, description: undefined, isFromAssistant: false });
  });

  it('caps the description at the form limit', () => {
    expect(readRequestPrefill(new URLSearchParams({ description: '字'.repeat(6000) }), CATEGORIES).description).toHaveLength(5000);
  });
});
