import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  IncidentFollowupsApi,
  incidentFollowupsApiRef,
} from '../../api/IncidentFollowupsApi';
import { rootRouteRef } from '../../routes';
import { testIncident } from '../../testIncident';
import { EntityIncidentsContent } from './EntityIncidentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', title: 'Checkout API' },
  spec: { owner: 'payments' },
};

function renderTab(api: Partial<IncidentFollowupsApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentFollowupsApiRef, { listSourceSyncs: async () => [], ...api }],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityIncidentsContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/incident-followups': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('EntityIncidentsContent', () => {
  it('looks again while the catalog has not named the owners yet', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const listIncidents = jest
        .fn()
        .mockResolvedValueOnce({
          items: [testIncident({ ownerRefs: [], ownersStale: true })],
          totalCount: 1,
          nextCursor: null,
        })
        .mockResolvedValue({
          items: [testIncident({})],
          totalCount: 1,
          nextCursor: null,
        });
      await renderTab({ listIncidents });
      expect(await screen.findByText('Looking up…')).toBeInTheDocument();
      await act(async () => {
        jest.advanceTimersByTime(5_000);
      });
      expect(await screen.findByText('payments')).toBeInTheDocument();
      expect(screen.queryByText('Looking up…')).toBeNull();
      expect(listIncidents).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it("lists the entity's incidents with severity, status, owners, IC, start and duration", async () => {
    const listIncidents = jest.fn().mockResolvedValue({
      items: [
        testIncident({
          relatedIncidentCount: 2,
          finalSeverity: 'SEV-2',
          source: {
            type: 'pagerduty',
            externalId: 'Q1',
            url: 'https://acme.pagerduty.com/incidents/Q1',
          },
        }),
        testIncident({
          id: '6f1c2a4e-0003-4c1a-9d3e-5b7a1c000003',
          title: 'Duplicate order confirmations sent',
          severity: 'SEV-3',
          finalSeverity: null,
          status: 'acknowledged',
          resolvedAt: null,
          responders: [],
          ownerRefs: [],
          ownersStale: true,
        }),
      ],
      totalCount: 2,
      nextCursor: null,
    });
    await renderTab({ listIncidents });

    expect(await screen.findByText('Incidents (2)')).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout-api',
        limit: 50,
      }),
    );
    const link = screen.getByRole('link', {
      name: 'Checkout failing for card payments',
    });
    expect(link).toHaveAttribute(
      'href',
      '/incident-followups/incidents/6f1c2a4e-0001-4c1a-9d3e-5b7a1c000001',
    );
    // The final severity shows once set.
    expect(screen.getByText('SEV-2')).toBeInTheDocument();
    expect(screen.getByText('+2 related')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in PagerDuty/ }),
    ).toHaveAttribute('href', 'https://acme.pagerduty.com/incidents/Q1');
    expect(screen.getByText('Resolved')).toBeInTheDocument();
    expect(screen.getByText('Acknowledged')).toBeInTheDocument();
    expect(screen.getByText('lasted 1h 48m')).toBeInTheDocument();
    expect(screen.getByText(/^open for \d+d \d+h$/)).toBeInTheDocument();
    expect(screen.getByText('Unassigned')).toBeInTheDocument();
    expect(screen.getByText('Looking up…')).toBeInTheDocument();
  });

  it('puts each owning team on a line of its own, with no separator to wrap', async () => {
    const listIncidents = jest.fn().mockResolvedValue({
      items: [
        testIncident({
          ownerRefs: ['group:default/data-platform', 'group:default/sre'],
        }),
      ],
      totalCount: 1,
      nextCursor: null,
    });
    await renderTab({ listIncidents });

    const first = await screen.findByRole('link', { name: /data-platform/ });
    const second = screen.getByRole('link', { name: /sre/ });
    const cell = first.closest('td')!;
    expect(second.closest('td')).toBe(cell);
    expect(first.parentElement).not.toBe(second.parentElement);
    expect(cell.textContent).toBe('data-platformsre');
  });

  it('filters by status and loads older incidents page by page', async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValueOnce({
        items: [testIncident({})],
        totalCount: 2,
        nextCursor: 'c1',
      })
      .mockResolvedValueOnce({
        items: [
          testIncident({
            id: '6f1c2a4e-0002-4c1a-9d3e-5b7a1c000002',
            title: 'Older one',
          }),
        ],
        totalCount: 2,
        nextCursor: null,
      })
      .mockResolvedValue({ items: [], totalCount: 0, nextCursor: null });
    await renderTab({ listIncidents });

    await userEvent.click(
      await screen.findByRole('button', {
        name: /Show older incidents \(1 more\)/,
      }),
    );
    expect(await screen.findByText('Older one')).toBeInTheDocument();
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'c1' }),
    );

    await userEvent.click(document.getElementById('incident-filter-status')!);
    await userEvent.click(
      await screen.findByRole('option', { name: 'Triggered' }),
    );
    expect(listIncidents).toHaveBeenLastCalledWith(
      expect.objectContaining({ statuses: ['triggered'], cursor: undefined }),
    );
    expect(
      await screen.findByText('No incidents match these filters.'),
    ).toBeInTheDocument();
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
