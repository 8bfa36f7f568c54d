import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { IncidentDetail } from '@incident-followups/plugin-incident-followups-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { rootRouteRef } from '../../routes';
import { testIncident } from '../../testIncident';
import { IncidentPage } from './IncidentPage';

jest.setTimeout(30_000);

const noFeedback = { count: 0, average: null, comments: [], mine: null };

function detail(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    ...testIncident({
      status: 'acknowledged',
      finalSeverity: null,
      resolvedAt: null,
      severity: 'SEV-2',
    }),
    owningGroupRefs: ['group:default/commerce', 'group:default/payments'],
    primaryIncident: null,
    relatedIncidents: [],
    history: [
      {
        at: '2026-11-02T09:15:00.000Z',
        actorRef: 'user:default/dave',
        field: 'created',
        from: null,
        to: { severity: 'SEV-2', status: 'triggered' },
      },
    ],
    ...overrides,
  };
}

async function renderPage(
  api: Record<string, jest.Mock>,
  permissionApi = mockApis.permission(),
  incidentId = '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
) {
  const catalogApi = catalogApiMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'bob', namespace: 'default' },
        spec: { profile: { displayName: 'Bob Martinez' } },
      },
    ],
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          incidentFollowupsApiRef,
          {
            listIncidents: jest.fn().mockResolvedValue({
              items: [],
              totalCount: 0,
              nextCursor: null,
            }),
            getFeedback: jest.fn().mockResolvedValue(noFeedback),
            suggestPostmortemOwners: jest.fn().mockResolvedValue([]),
            ...api,
          },
        ],
        [catalogApiRef, catalogApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <Routes>
        <Route
          path="/incident-followups/incidents/:incidentId"
          element={<IncidentPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [`/incident-followups/incidents/${incidentId}`],
      mountedRoutes: {
        '/incident-followups': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('IncidentPage', () => {
  it('asks the responders of a resolved incident how the response went', async () => {
    const resolvedIncident = detail({
      status: 'resolved',
      finalSeverity: 'SEV-2',
      resolvedAt: '2026-11-02T11:00:00.000Z',
    });
    const saveFeedback = jest.fn().mockResolvedValue({
      count: 1,
      average: 4,
      comments: [],
      mine: { rating: 4, comment: 'Paging was quick' },
    });
    await renderPage({
      getIncident: jest.fn().mockResolvedValue(resolvedIncident),
      saveFeedback,
    });
    expect(
      await screen.findByText('How did the response go?'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No rating yet.')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('4 Stars'));
    await userEvent.type(
      screen.getByLabelText('Why (optional)'),
      'Paging was quick',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Rate the response' }),
    );
    expect(saveFeedback).toHaveBeenCalledWith(resolvedIncident.id, {
      rating: 4,
      comment: 'Paging was quick',
    });
    expect(
      await screen.findByText('4 / 5 from 1 responders'),
    ).toBeInTheDocument();
  });

  it('resolves the incident with the final severity the user picks', async () => {
    const getIncident = jest.fn().mockResolvedValue(detail());
    const updateIncident = jest.fn().mockResolvedValue({
      ...detail({
        status: 'resolved',
        finalSeverity: 'SEV-3',
        resolvedAt: '2026-11-02T11:00:00.000Z',
        version: 2,
      }),
      warnings: [],
    });
    await renderPage({ getIncident, updateIncident });

    expect(
      await screen.findByText('Checkout failing for card payments'),
    ).toBeInTheDocument();
    expect(screen.getByText('Created')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(document.getElementById('final-severity')!);
    await userEvent.click(await screen.findByRole('option', { name: 'SEV-3' }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve as SEV-3' }),
    );

    expect(updateIncident).toHaveBeenCalledWith(
      '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
      {
        version: 1,
        status: 'resolved',
        finalSeverity: 'SEV-3',
      },
    );
    expect(await screen.findByText('SEV-3 · Resolved')).toBeInTheDocument();
    expect(screen.getByText('Reopen')).toBeInTheDocument();
  });

  it('adds a responder picked from the catalog', async () => {
    const getIncident = jest.fn().mockResolvedValue(detail());
    const updateIncident = jest
      .fn()
      .mockResolvedValue({ ...detail({ version: 2 }), warnings: [] });
    await renderPage({ getIncident, updateIncident });

    const scribe = await screen.findByTestId('role-scribe');
    await userEvent.type(within(scribe).getByRole('textbox'), 'Bob');
    await userEvent.click(
      await screen.findByRole('option', { name: /Bob Martinez/ }),
    );
    expect(updateIncident).toHaveBeenCalledWith(
      '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
      {
        version: 1,
        responders: [
          { role: 'incident-commander', userRef: 'user:default/dave' },
          { role: 'scribe', userRef: 'user:default/bob' },
        ],
      },
    );
  });

  it('tells the user to reload when someone else changed the incident', async () => {
    const getIncident = jest
      .fn()
      .mockResolvedValue(detail({ status: 'triggered' }));
    const updateIncident = jest
      .fn()
      .mockRejectedValue(
        new Error(
          'Incident was changed by someone else; reload it and try again',
        ),
      );
    await renderPage({ getIncident, updateIncident });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Acknowledge' }),
    );
    expect(updateIncident).toHaveBeenCalledWith(expect.any(String), {
      version: 1,
      status: 'acknowledged',
    });
    expect(
      await screen.findByText(/changed by someone else/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(getIncident).toHaveBeenCalledTimes(2);
  });

  it('shows the incident without its controls to someone who may not change it', async () => {
    // Another incident: usePermission caches each incident's answer.
    const id = '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000002';
    const getIncident = jest
      .fn()
      .mockResolvedValue(detail({ id, status: 'triggered' }));
    await renderPage(
      { getIncident, updateIncident: jest.fn() },
      mockApis.permission({
        authorize: request =>
          request.permission.name === 'incident-followups.incident.update'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
      id,
    );

    expect(
      await screen.findByText(
        "You don't have permission to change this incident.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Group' })).toBeNull();
    expect(
      within(screen.getByTestId('role-scribe')).queryByRole('textbox'),
    ).toBeNull();
    expect(getIncident).toHaveBeenCalledWith(id);
  });
});
