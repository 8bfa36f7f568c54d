import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { teamFollowupsRouteRef } from '../../routes';
import { TeamFollowupsCard } from './TeamFollowupsCard';
import { testOverview } from '../../testTeamOverview';
import { periodStart } from './periodStart';

jest.setTimeout(30_000);

describe('TeamFollowupsCard', () => {
  it("shows the group's figures and links to its overview", async () => {
    const overview = testOverview();
    // The card asks for counts alone: no list comes with them.
    overview.postmortems = {
      ...overview.postmortems,
      open: [],
      openCount: 7,
      lateCount: 3,
      missing: [],
      missingCount: 12,
    };
    const getTeamOverview = jest.fn().mockResolvedValue(overview);
    await renderInTestApp(
      <TestApiProvider apis={[[incidentFollowupsApiRef, { getTeamOverview }]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'sre', namespace: 'default' },
            spec: { type: 'team', children: [] },
          }}
        >
          <TeamFollowupsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/team-followups': teamFollowupsRouteRef } },
    );
    const card = await screen.findByTestId('team-followups-card');
    expect(getTeamOverview).toHaveBeenCalledWith(
      expect.objectContaining({
        teamRef: 'group:default/sre',
        followupLimit: 0,
        postmortemLimit: 0,
        weeks: false,
      }),
    );
    // The last 90 days from midnight UTC to now: the same question all day long.
    const [options] = getTeamOverview.mock.calls[0];
    expect(options.since).toBe(periodStart(90));
    expect(options.until).toBeUndefined();
    expect(card).toHaveTextContent('Post-mortems in progress7');
    expect(card).toHaveTextContent('Open followups2');
    expect(card).toHaveTextContent('Post-mortems late3');
    expect(card).toHaveTextContent('Post-mortems missing12');
    expect(
      screen.getByRole('link', { name: /Open the team overview/ }),
    ).toHaveAttribute('href', '/team-followups?team=group%3Adefault%2Fsre');
  });
});
