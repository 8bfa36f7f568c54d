import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { testFollowup } from '../../testFollowup';
import { testIncident } from '../../testIncident';
import { FollowupsCard } from '../IncidentPage/FollowupsCard';

jest.setTimeout(30_000);

const item = testFollowup({
  type: 'action-item',
  role: null,
  position: null,
  title: 'Alert on gateway latency',
  kind: 'preparedness',
  priority: 'P1',
  ownerRef: 'group:default/payments',
});

/** A refusal as the client throws it: the status line, and the server's message as the cause. */
function refused(status: number, statusText: string, message: string) {
  return Object.assign(
    new Error(`Request failed with ${status} ${statusText}`),
    { cause: new Error(message), response: { status } },
  );
}

async function renderCard(createTicket: jest.Mock) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          incidentFollowupsApiRef,
          {
            listIncidentFollowups: jest.fn().mockResolvedValue({
              items: [item],
              totalCount: 1,
              nextCursor: null,
            }),
            createTicket,
          },
        ],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <FollowupsCard
        incident={{
          ...testIncident({}),
          owningGroupRefs: [],
          primaryIncident: null,
          relatedIncidents: [],
          history: [],
        }}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('Create ticket on an action item', () => {
  it('creates the ticket and shows its link instead of the button', async () => {
    const url = 'https://example.atlassian.net/browse/PAY-1';
    const createTicket = jest.fn().mockResolvedValue({
      followup: { ...item, ticketUrl: url, version: 2 },
      ticket: { tracker: 'jira', key: 'PAY-1', url, state: 'open' },
      created: true,
    });
    await renderCard(createTicket);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Create ticket for Alert on gateway latency',
      }),
    );
    expect(createTicket).toHaveBeenCalledWith(item.id);
    expect(await screen.findByRole('link', { name: /^PAY-1/ })).toHaveAttribute(
      'href',
      url,
    );
    expect(
      screen.queryByRole('button', { name: /Create ticket/ }),
    ).not.toBeInTheDocument();
  });

  it('explains which annotation the owning entity lacks', async () => {
    const message =
      "No ticket tracker knows where this action item's ticket goes: add the jira/project-key or github.com/project-slug annotation to group:default/payments";
    await renderCard(
      jest.fn().mockRejectedValue(refused(409, 'Conflict', message)),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: /Create ticket for/ }),
    );
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Create ticket for/ }),
    ).toHaveTextContent('Create ticket');
  });

  it("shows the tracker's refusal and offers to try again, which then works", async () => {
    const url = 'https://github.com/acme/checkout/issues/7';
    const createTicket = jest
      .fn()
      .mockRejectedValueOnce(
        refused(
          503,
          'Service Unavailable',
          'github did not create the ticket (HTTP 403): 403 Forbidden: API rate limit exceeded. Nothing was lost; try again.',
        ),
      )
      .mockResolvedValueOnce({
        followup: { ...item, ticketUrl: url, version: 2 },
        ticket: { tracker: 'github', key: '7', url, state: 'open' },
        created: true,
      });
    await renderCard(createTicket);

    await userEvent.click(
      await screen.findByRole('button', { name: /Create ticket for/ }),
    );
    expect(
      await screen.findByText(
        /API rate limit exceeded. Nothing was lost; try again./,
      ),
    ).toBeInTheDocument();
    const retry = screen.getByRole('button', { name: /Create ticket for/ });
    expect(retry).toHaveTextContent('Try again');
    await userEvent.click(retry);
    expect(await screen.findByRole('link', { name: /^#7/ })).toHaveAttribute(
      'href',
      url,
    );
  });
});
