import { describe, expect, it } from 'vitest';
import { incomeOf, sizeOf } from './household';

describe('household figures as typed', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    ['３', 3],
    ['༣', 3],
    ['', undefined],
    ['   ', undefined],
  ] as const)('size %j → %j', (typed, size) => expect(sizeOf(typed)).toBe(size));

  it.each(['2.5', 'three', '-1'])('size %j is not a number of people', (typed) => expect(sizeOf(typed)).toBeNaN());

  it.each([
    ['4500', 4500],
    ['4,500', 4500],
    ['4，500.50', 4500.5],
    ['４５００', 4500],
    ['༤༥༠༠', 4500],
    ['0', 0],
    ['', undefined],
  ] as const)('income %j → %j', (typed, income) => expect(incomeOf(typed)).toBe(income));

  it.each(['-100', '12.345', '三千', '1e5'])('income %j is not an amount', (typed) => expect(incomeOf(typed)).toBeNaN());
});
