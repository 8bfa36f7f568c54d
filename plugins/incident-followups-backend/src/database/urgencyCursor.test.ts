import { encodePosition } from './cursor';
import { decodeUrgencyCursor, encodeUrgencyCursor } from './urgencyCursor';

describe('urgency cursor', () => {
  it('carries a due date or none, and the id', () => {
    for (const cursor of [
      { dueAt: '2026-12-01T09:00:00.000Z', id: 'a1' },
      { dueAt: null, id: 'b2' },
    ]) {
      expect(decodeUrgencyCursor(encodeUrgencyCursor(cursor))).toEqual(cursor);
    }
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['not a list', encodePosition({ dueAt: null, id: 'a' } as any)],
    ['a date that is none', encodePosition(['tomorrow', 'a'])],
    ['no id', encodePosition(['2026-12-01T09:00:00.000Z'])],
    ['an id that is not text', encodePosition([null, 7])],
  ])('refuses %s', (_, value) => {
    expect(() => decodeUrgencyCursor(value)).toThrow(
      'cursor: is not a cursor this API returned',
    );
  });
});
