import { describe, expect, it } from 'vitest';
import { prefilledRequestHref } from './prefill';

describe('prefilledRequestHref', () => {
  it('carries the category and the description, newlines and ampersands intact', () => {
    const href = prefilledRequestHref('consultation', { category: '劳动争议', description: '老板三个月没发工资，怎么办？\n第二行 & more' });
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/requests/new/consultation');
    expect(url.searchParams.get('category')).toBe('劳动争议');
    expect(url.searchParams.get('description')).toBe('老板三个月没发工资，怎么办？\n第二行 & more');
  });

  it('leaves out what the answer does not have', () => {
    expect(prefilledRequestHref('legal_aid', { category: null, description: '' })).toBe('/requests/new/legal_aid');
  });
});
