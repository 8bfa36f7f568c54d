import 'jest-canvas-mock';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Chart as ChartJS } from 'chart.js';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { rootRouteRef } from '../../routes';
import { testFollowup } from '../../testFollowup';
import { testOverview } from '../../testTeamOverview';
import { TeamFollowupsPage } from './TeamFollowupsPage';

jest.setTimeout(30_000);

// The charts fit their cards as they resize; jsdom has no ResizeObserver.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const identityApi = {
  getBackstageIdentity: async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: [
      'user:default/guest',
      'group:default/incident-commanders',
      'group:default/sre',
    ],
  }),
};
const catalogApi = {
  getEntities: async () => ({ items: [] }),
  getEntitiesByRefs: async () => ({
    items: ['rotation', 'team'].map(type => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: type },
      spec: { type },
    })),
  }),
};

async function renderPage(
  url = '/team-followups',
  overview = testOverview(),
  more: Record<string, jest.Mock> = {},
) {
  const getTeamOverview = jest.fn().mockResolvedValue(overview);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          incidentFollowupsApiRef,
          {
            getTeamOverview,
            teamFollowupsCsvPath: jest.fn(),
            updateFollowup: jest.fn(),
            ...more,
          },
        ],
        [identityApiRef, identityApi],
        [catalogApiRef, catalogApi],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <TeamFollowupsPage />
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: { '/incident-followups': rootRouteRef },
    },
  );
  return { getTeamOverview };
}

describe('TeamFollowupsPage', () => {
  it("opens on the signed-in user's team (not their rotation) and shows what it owes", async () => {
    const { getTeamOverview } = await renderPage();
    expect(await screen.findByText('Add a lag alert')).toBeInTheDocument();
    expect(getTeamOverview).toHaveBeenCalledWith(
      expect.objectContaining({
        teamRef: 'group:default/sre',
        includeChildren: true,
        statuses: ['open', 'in-progress'],
        followupLimit: 50,
      }),
    );
    const figures = screen
      .getAllByTestId('team-figure')
      .map(f => f.textContent);
    expect(figures).toContain('Open followups21 overdue, 0 due soon');
    expect(figures).toContain('Post-mortems in progress11 late');
    expect(figures).toContain(
      'Post-mortems missing1SEV-1 and SEV-2 incidents without one',
    );
    expect(screen.getByTestId('team-postmortem-missing')).toHaveTextContent(
      'Metrics store slow',
    );
    expect(screen.getByTestId('team-postmortem')).toHaveTextContent('Late');
    expect(screen.getAllByTestId('team-chart')).toHaveLength(5);
    // Each drawn on its canvas (jest-canvas-mock's), and told in words.
    const charts = screen.getAllByTestId('team-chart').map(chart => {
      const canvas = chart.querySelector('canvas')!;
      expect(canvas.dataset.drawn).toBe('true');
      return canvas.getAttribute('aria-label');
    });
    expect(charts).toEqual([
      'Followups done on time. Done on time — 11-16: 75%',
      'Post-mortems on time. On time — 11-16: 0%',
      'Incidents by severity. Incidents — SEV-1: 1, SEV-2: 2, SEV-3: 0, SEV-4: 0, SEV-5: 0',
      // Every severity has its place, as in the incidents' chart.
      'Time to resolve. Mean time to resolve — SEV-1: none resolved, SEV-2: 95 min, SEV-3: none resolved, SEV-4: none resolved, SEV-5: none resolved',
      'Open action items. Open action items — 11-16: 5',
    ]);
  });

  it('lists the first post-mortems of each list and reads the rest on request', async () => {
    const overview = testOverview();
    const [open] = overview.postmortems.open;
    const [missing] = overview.postmortems.missing;
    overview.postmortems = {
      ...overview.postmortems,
      openCount: 2,
      openNextCursor: 'open-1',
      missingCount: 3,
      missingNextCursor: 'missing-1',
    };
    const listTeamMissingPostmortems = jest.fn().mockResolvedValue({
      items: [2, 3].map(n => ({
        ...missing,
        incidentId: `missing-${n}`,
        incidentTitle: `Missing ${n}`,
      })),
      totalCount: 3,
      nextCursor: null,
    });
    const listTeamOpenPostmortems = jest.fn().mockResolvedValue({
      items: [{ ...open, id: 'pm-2', incidentTitle: 'Second in progress' }],
      totalCount: 2,
      nextCursor: null,
    });
    const { getTeamOverview } = await renderPage(undefined, overview, {
      listTeamMissingPostmortems,
      listTeamOpenPostmortems,
    });
    expect(await screen.findByText('Missing (3)')).toBeInTheDocument();
    expect(getTeamOverview).toHaveBeenCalledWith(
      expect.objectContaining({ postmortemLimit: 10 }),
    );
    expect(screen.getAllByTestId('team-postmortem-missing')).toHaveLength(1);

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Show more missing post-mortems (2 more)',
      }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('team-postmortem-missing')).toHaveLength(3),
    );
    expect(listTeamMissingPostmortems).toHaveBeenCalledWith(
      expect.objectContaining({ teamRef: 'group:default/sre' }),
      { cursor: 'missing-1', limit: 25 },
    );
    expect(
      screen.queryByRole('button', { name: /Show more missing/ }),
    ).not.toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Show more post-mortems in progress (1 more)',
      }),
    );
    expect(await screen.findByText('Second in progress')).toBeInTheDocument();
    expect(listTeamOpenPostmortems).toHaveBeenCalledWith(
      expect.objectContaining({ teamRef: 'group:default/sre' }),
      { cursor: 'open-1', limit: 25 },
    );
    expect(screen.getAllByTestId('team-postmortem')).toHaveLength(2);
  });

  it('groups the followups by owner on request', async () => {
    await renderPage();
    await screen.findAllByTestId('team-followup');
    const headings = () =>
      screen
        .getAllByTestId('team-followup-group-title')
        .map(g => g.textContent);
    expect(headings()).toEqual([
      'SEV-1Checkout failing for card payments',
      'SEV-1Alerts delayed',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'By owner' }));
    expect(headings()).toEqual(['bob', 'sre']);
  });

  it('draws the charts once while more followups are read', async () => {
    const overview = testOverview();
    overview.followups.totalCount = 3;
    overview.followups.nextCursor = 'after-second';
    const listTeamFollowups = jest.fn().mockResolvedValue({
      items: [testFollowup({ id: '7a000000-0000-4000-8000-000000000003' })],
      totalCount: 3,
      nextCursor: null,
    });
    await renderPage('/team-followups', overview, { listTeamFollowups });
    await screen.findAllByTestId('team-followup');
    const chartUpdates = jest.spyOn(ChartJS.prototype, 'update');
    fireEvent.click(screen.getByRole('button', { name: /^Show 1 more of 1/ }));
    await waitFor(() =>
      expect(screen.getAllByTestId('team-followup')).toHaveLength(3),
    );
    expect(listTeamFollowups).toHaveBeenCalledTimes(1);
    // The same overview: the page re-rendered (with a new theme object, as
    // Backstage's Page gives), its charts were not drawn again.
    expect(chartUpdates).not.toHaveBeenCalled();
  });

  it('reads its filters from the URL', async () => {
    const { getTeamOverview } = await renderPage(
      '/team-followups?team=group%3Adefault%2Fpayments&severity=SEV-1&status=all&children=false&member=user%3Adefault%2Falice',
    );
    await waitFor(() => expect(getTeamOverview).toHaveBeenCalled());
    expect(getTeamOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({
        teamRef: 'group:default/payments',
        severities: ['SEV-1'],
        statuses: undefined,
        includeChildren: false,
        memberRef: 'user:default/alice',
      }),
    );
  });
});
