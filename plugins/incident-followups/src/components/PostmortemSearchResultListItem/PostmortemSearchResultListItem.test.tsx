import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { PostmortemSearchDocument } from '@incident-followups/plugin-incident-followups-common';
import { PostmortemSearchResultListItem } from './PostmortemSearchResultListItem';

const document: PostmortemSearchDocument = {
  title: 'Post-mortem: Checkout failing',
  text: 'Overview: Card payments failed after a certificate expired.',
  location: '/incident-followups/incidents/6f1c2a4e/postmortem',
  incidentId: '6f1c2a4e',
  severity: 'SEV-1',
  status: 'in-review',
  ownerRef: 'user:default/alice',
  entityRefs: ['component:default/checkout-api'],
  teamRefs: ['group:default/payments'],
  date: '2026-11-02T10:30:00.000Z',
  authorization: { resourceRef: '6f1c2a4e' },
};

describe('PostmortemSearchResultListItem', () => {
  it('shows the post-mortem with its severity, status, services, team and date, linked to its page', async () => {
    await renderInTestApp(<PostmortemSearchResultListItem result={document} />);
    expect(
      screen.getByRole('link', { name: 'Post-mortem: Checkout failing' }),
    ).toHaveAttribute('href', document.location);
    for (const label of [
      'SEV-1',
      'Post-mortem: In review',
      'Services: checkout-api',
      'Team: payments',
      '2 Nov 2026, 10:30 UTC',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
  });

  it('marks the words the search matched', async () => {
    await renderInTestApp(
      <PostmortemSearchResultListItem
        result={document}
        highlight={{
          preTag: '<mark>',
          postTag: '</mark>',
          fields: {
            text: 'Overview: Card payments failed after a <mark>certificate</mark> expired.',
          },
        }}
      />,
    );
    expect(screen.getByText('certificate').tagName).toBe('MARK');
  });
});
