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

  it('keeps lines one added right next to a line the other changed', () => {
    // Theirs reworded the last line; mine appended under it.
    expect(
      mergeNotes(
        'Paging slow\nRunbook missing',
        'Paging slow\nRunbook outdated',
        'Paging slow\nRunbook missing\nAsk SRE',
      ),
    ).toBe('Paging slow\nRunbook outdated\nAsk SRE');
    // Mine reworded the first line; theirs added a line above it.
    expect(
      mergeNotes(
        'Paging slow\nRunbook missing',
        'Decision: page the IC\nPaging slow\nRunbook missing',
        'Paging took 9 minutes\nRunbook missing',
      ),
    ).toBe('Decision: page the IC\nPaging took 9 minutes\nRunbook missing');
    // Theirs removed the line mine appended under: both kept.
    expect(mergeNotes('a\nb', 'a', 'a\nb\nc')).toBe('a\nc');
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
