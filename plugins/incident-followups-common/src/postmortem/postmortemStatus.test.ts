import { emptyPostmortemContent, PostmortemStatus } from './postmortem';
import { allowedTransitions, transitionBlocker } from './postmortemStatus';

const withMessage = {
  ...emptyPostmortemContent(),
  externalMessage: {
    summary: 'Checkout was down',
    whatHappened: '',
    whatWeAreDoing: '',
  },
};

describe('the post-mortem status machine', () => {
  it.each<[PostmortemStatus, boolean, string | null, PostmortemStatus[]]>([
    ['draft', false, null, ['in-review']],
    ['in-review', false, null, ['draft', 'reviewed']],
    ['reviewed', false, null, ['in-review', 'closed']],
    ['reviewed', true, null, ['in-review']],
    ['reviewed', true, '2026-11-20T10:00:00.000Z', ['in-review', 'closed']],
    ['closed', false, null, ['reviewed']],
  ])(
    'from %s (external message: %s, posted: %s) allows %j',
    (status, message, postedAt, expected) => {
      expect(
        allowedTransitions({
          status,
          content: message ? withMessage : emptyPostmortemContent(),
          statusPagePostedAt: postedAt,
        }),
      ).toEqual(expected);
    },
  );

  it.each<[PostmortemStatus, PostmortemStatus]>([
    ['draft', 'reviewed'],
    ['draft', 'closed'],
    ['draft', 'draft'],
    ['in-review', 'closed'],
    ['closed', 'draft'],
  ])('forbids %s -> %s and says so', (from, to) => {
    expect(
      transitionBlocker(
        {
          status: from,
          content: emptyPostmortemContent(),
          statusPagePostedAt: null,
        },
        to,
      ),
    ).toMatch(/cannot move to/);
  });

  it('explains that the status page comes before closing', () => {
    expect(
      transitionBlocker(
        { status: 'reviewed', content: withMessage, statusPagePostedAt: null },
        'closed',
      ),
    ).toMatch(/posted to the status page/);
  });
});
