import { mergeNotes } from './mergeNotes';

describe('mergeNotes', () => {
  it('keeps the lines both added to empty notes, theirs first', () => {
    expect(
      mergeNotes('', 'Paging took 9 minutes', 'The IC was not paged'),
    ).toBe('Paging took 9 minutes\nThe IC was not paged');
  });

  it('keeps lines both appended, and changes each made to other lines', () => {
    const base = 'Paging slow\nStatus page late\nRunbook missing\nNo rollback';
    const theirs =
      'Paging took 9 minutes\nStatus page late\nRunbook missing\nNo rollback\nAsk SRE';
    const mine =
      'Paging slow\nStatus page late\nRunbook outdated\nNo rollback\nAsk comms';
    expect(mergeNotes(base, theirs, mine)).toBe(
      'Paging took 9 minutes\nStatus page late\nRunbook outdated\nNo rollback\nAsk SRE\nAsk comms',
    );
  });

  it('takes a change made by one only, and the same change made by both once', () => {
    expect(mergeNotes('a\nb', 'a\nb', 'a\nB')).toBe('a\nB');
    expect(mergeNotes('a\nb', 'a\nB\nc', 'a\nB\nc')).toBe('a\nB\nc');
  });

  it('gives up when both changed the same line', () => {
    expect(
      mergeNotes(
        'Paging slow',
        'Paging took 9 minutes',
        'Paging took 12 minutes',
      ),
    ).toBeUndefined();
    expect(mergeNotes('a\nb\nc', 'a\nc', 'a\nB\nc')).toBeUndefined();
  });
});
