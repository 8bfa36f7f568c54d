import { permissionApiRef } from '@backstage/plugin-permission-react';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { rootRouteRef } from '../../routes';
import { testFollowup } from '../../testFollowup';
import { MyFollowupsPage } from './MyFollowupsPage';

jest.setTimeout(30_000);

const identityApi = {
  getBackstageIdentity: async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/bob',
    ownershipEntityRefs: [],
  }),
};

/** The page as Bob sees it, his followups from `listFollowups`. */
function renderPage(listFollowups: jest.Mock) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentFollowupsApiRef, { listFollowups }],
        [identityApiRef, identityApi],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <MyFollowupsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/incident-followups': rootRouteRef } },
  );
}

describe('MyFollowupsPage', () => {
  it("lists the signed-in user's open followups by incident, overdue first", async () => {
    const listFollowups = jest.fn().mockResolvedValue({
      items: [
        testFollowup({
          id: '7a000000-0000-4000-8000-000000000002',
          title: 'Late already',
          dueAt: '2020-01-01T00:00:00.000Z',
        }),
        testFollowup({
          id: '7a000000-0000-4000-8000-000000000003',
          incidentId: '6f1c2a4e-0002-4c1a-9d3e-5b7a1c000002',
          incidentTitle: 'Slow checkout',
          incidentSeverity: 'SEV-3',
          type: 'action-item',
          role: null,
          priority: 'P1',
          title: 'Add a latency alert',
          ownerRef: null,
        }),
        testFollowup({
          title: 'Not urgent',
          dueAt: '2099-01-01T00:00:00.000Z',
        }),
        testFollowup({
          id: '7a000000-0000-4000-8000-000000000004',
          type: 'action-item',
          role: null,
          priority: 'P2',
          title: 'Rotate the gateway certificate automatically',
          ownerRef: 'group:default/payments',
          dueAt: '2099-02-01T00:00:00.000Z',
        }),
      ],
      totalCount: 4,
      nextCursor: null,
    });
    await renderPage(listFollowups);

    expect(
      await screen.findByText('Checkout failing for card payments'),
    ).toBeInTheDocument();
    expect(listFollowups).toHaveBeenCalledWith({
      assigneeRef: 'user:default/bob',
      statuses: ['open', 'in-progress'],
      order: 'urgency',
      limit: 50,
    });
    expect(screen.queryByText(/most urgent of/)).toBeNull();
    const titles = screen
      .getAllByTestId('my-followup')
      .map(el => el.textContent);
    expect(titles[0]).toContain('Late already');
    expect(titles[0]).toContain('Overdue');
    expect(titles[1]).toContain('Not urgent');
    expect(titles[2]).toContain('Rotate the gateway certificate');
    expect(titles[2]).toContain('owned by your team payments');
    expect(titles[3]).toContain('Add a latency alert');
    expect(titles[3]).toContain('for you to hand out as incident commander');
    expect(screen.getByText('Slow checkout')).toBeInTheDocument();
  });

  it('says how many of a long list it shows, and loads the next 50 on request', async () => {
    const items = Array.from({ length: 120 }, (_, i) =>
      testFollowup({
        id: `7a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        title: `Step ${i + 1}`,
        dueAt: new Date(Date.UTC(2099, 0, 1 + i)).toISOString(),
      }),
    );
    // The backend's pages: the cursor is how many came before.
    const listFollowups = jest.fn(async (query: { cursor?: string }) => {
      const from = Number(query.cursor ?? 0);
      const end = Math.min(from + 50, items.length);
      return {
        items: items.slice(from, end),
        totalCount: items.length,
        nextCursor: end < items.length ? String(end) : null,
      };
    });
    await renderPage(listFollowups);
    expect(
      await screen.findByText('The 50 most urgent of 120.'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('my-followup')).toHaveLength(50);
    expect(screen.queryByText('Step 51')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more of 70' }));
    expect(await screen.findByText('Step 100')).toBeInTheDocument();
    expect(listFollowups).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: '50', limit: 50, order: 'urgency' }),
    );
    expect(screen.getAllByTestId('my-followup')).toHaveLength(100);

    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more of 20' }));
    expect(await screen.findByText('Step 120')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /more of/ })).toBeNull();
    expect(screen.queryByText(/most urgent of/)).toBeNull();
  });

  it('says so when nothing is owed', async () => {
    await renderPage(
      jest
        .fn()
        .mockResolvedValue({ items: [], totalCount: 0, nextCursor: null }),
    );
    expect(await screen.findByText('Nothing owed')).toBeInTheDocument();
  });
});
