import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Incident } from '@incident-followups/plugin-incident-followups-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  IncidentFollowupsApi,
  incidentFollowupsApiRef,
} from '../../api/IncidentFollowupsApi';
import { EntityIncidentsContent } from './EntityIncidentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', title: 'Checkout API' },
  spec: { owner: 'payments' },
};

function incident(overrides: Partial<Incident>): Incident {
  return {
    id: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
    title: 'Checkout failing for card payments',
    description: 'Card payments were declined',
    severity: 'SEV-1',
    finalSeverity: 'SEV-1',
    status: 'resolved',
    startedAt: '2026-11-02T09:14:00.000Z',
    acknowledgedAt: null,
    resolvedAt: '2026-11-02T11:02:00.000Z',
    source: { type: 'manual', externalId: null, url: null },
    entityRefs: ['component:default/checkout-api'],
    responders: [{ role: 'incident-commander', userRef: 'user:default/dave' }],
    ownerRefs: ['group:default/payments'],
    ownersStale: false,
    primaryIncidentId: null,
    relatedIncidentCount: 0,
    createdAt: '2026-11-02T09:15:00.000Z',
    updatedAt: '2026-11-02T11:02:00.000Z',
    version: 1,
    ...overrides,
  };
}

function renderTab(api: Partial<IncidentFollowupsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[incidentFollowupsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityIncidentsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityIncidentsContent', () => {
  it("lists the entity's incidents with severity, status, start and duration", async () => {
    const listIncidents = jest.fn().mockResolvedValue({
      items: [
        incident({}),
        incident({
          id: '6f1c2a4e-0003-4c1a-9d3e-5b7a1c000003',
          title: 'Duplicate order confirmations sent',
          severity: 'SEV-3',
          status: 'acknowledged',
          resolvedAt: null,
        }),
      ],
      totalCount: 2,
      nextCursor: null,
    });
    await renderTab({ listIncidents });

    expect(await screen.findByText('Incidents (2)')).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      cursor: undefined,
      limit: 50,
    });
    expect(
      screen.getByText('Checkout failing for card payments'),
    ).toBeInTheDocument();
    expect(screen.getByText('SEV-1')).toBeInTheDocument();
    expect(screen.getByText('Resolved')).toBeInTheDocument();
    expect(screen.getByText('Acknowledged')).toBeInTheDocument();
    expect(screen.getAllByText('2 Nov 2026, 09:14 UTC')).toHaveLength(2);
    expect(screen.getByText('1h 48m')).toBeInTheDocument();
    expect(screen.getByText(/^\d+d \d+h so far$/)).toBeInTheDocument();
  });

  it('loads older incidents page by page', async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValueOnce({
        items: [incident({})],
        totalCount: 2,
        nextCursor: 'c1',
      })
      .mockResolvedValueOnce({
        items: [
          incident({
            id: '6f1c2a4e-0002-4c1a-9d3e-5b7a1c000002',
            title: 'Older one',
          }),
        ],
        totalCount: 2,
        nextCursor: null,
      });
    await renderTab({ listIncidents });

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Show older incidents \(1 more\)/,
      }),
    );
    expect(await screen.findByText('Older one')).toBeInTheDocument();
    expect(listIncidents).toHaveBeenLastCalledWith({
      entityRef: 'component:default/checkout-api',
      cursor: 'c1',
      limit: 50,
    });
    expect(
      screen.queryByRole('button', { name: /Show older incidents/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when the entity has no incidents', async () => {
    await renderTab({
      listIncidents: jest
        .fn()
        .mockResolvedValue({ items: [], totalCount: 0, nextCursor: null }),
    });
    expect(await screen.findByText('No incidents')).toBeInTheDocument();
    expect(
      screen.getByText('No incident has affected Checkout API yet.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderTab({
      listIncidents: jest.fn().mockRejectedValue(new Error('backend is down')),
    });
    expect(
      await screen.findByText('Error: backend is down'),
    ).toBeInTheDocument();
  });
});
