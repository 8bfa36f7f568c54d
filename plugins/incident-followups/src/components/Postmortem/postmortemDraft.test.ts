import { emptyPostmortemContent } from '@incident-followups/plugin-incident-followups-common';
import { draftChanges, mergeDrafts, PostmortemDraft } from './postmortemDraft';

const base: PostmortemDraft = {
  content: {
    ...emptyPostmortemContent(),
    overview: 'base',
    resolution: 'base',
  },
  meetingScheduledFor: null,
  invitees: null,
};
const edit = (
  draft: PostmortemDraft,
  content: Partial<PostmortemDraft['content']>,
  rest: Partial<PostmortemDraft> = {},
) => ({ ...draft, ...rest, content: { ...draft.content, ...content } });

describe('mergeDrafts', () => {
  it('takes their change where I changed nothing, and keeps mine elsewhere', () => {
    const mine = edit(base, { overview: 'mine' });
    const theirs = edit(
      base,
      { resolution: 'theirs' },
      {
        meetingScheduledFor: '2026-11-30T10:00:00.000Z',
      },
    );
    const { merged, conflicts } = mergeDrafts(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.content.overview).toBe('mine');
    expect(merged.content.resolution).toBe('theirs');
    expect(merged.meetingScheduledFor).toBe('2026-11-30T10:00:00.000Z');
  });

  it('reports a field both changed differently, keeping my text', () => {
    const mine = edit(base, { overview: 'mine' });
    const theirs = edit(base, { overview: 'theirs' });
    const { merged, conflicts } = mergeDrafts(base, mine, theirs);
    expect(merged.content.overview).toBe('mine');
    expect(conflicts).toEqual([
      { field: 'content.overview', theirs: 'theirs', mine: 'mine' },
    ]);
  });

  it('is no conflict when both made the same change', () => {
    const mine = edit(base, { overview: 'same' });
    expect(
      mergeDrafts(base, mine, edit(base, { overview: 'same' })).conflicts,
    ).toEqual([]);
  });
});

describe('draftChanges', () => {
  it('sends only what changed', () => {
    expect(draftChanges(base, base)).toBeUndefined();
    expect(
      draftChanges(
        base,
        edit(base, { overview: 'x' }, { invitees: ['user:default/a'] }),
      ),
    ).toEqual({ content: { overview: 'x' }, invitees: ['user:default/a'] });
  });
});
