import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { testFollowup } from '../../testFollowup';
import { testIncident } from '../../testIncident';
import { FollowupsCard } from './FollowupsCard';

jest.setTimeout(30_000);

const incident = {
  ...testIncident({}),
  owningGroupRefs: [],
  primaryIncident: null,
  relatedIncidents: [],
  history: [],
};

async function renderCard(
  api: Record<string, jest.Mock>,
  permissionApi = mockApis.permission(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [incidentFollowupsApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FollowupsCard incident={incident} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('FollowupsCard', () => {
  it('shows each role with its progress and ticks a step', async () => {
    const step = testFollowup({});
    const listIncidentFollowups = jest.fn().mockResolvedValue({
      items: [
        step,
        testFollowup({
          id: '7a000000-0000-4000-8000-000000000002',
          role: 'incident-commander',
          title: 'Group related incidents, set the final severity and resolve',
          status: 'done',
          ownerRef: 'user:default/dave',
          completedBy: 'user:default/dave',
        }),
        testFollowup({
          id: '7a000000-0000-4000-8000-000000000003',
          role: 'customer-liaison',
          title: 'Update the status page',
          ownerRef: null,
          autoCompletion: 'status-page-updated',
          dueAt: null,
        }),
      ],
      totalCount: 3,
      nextCursor: null,
    });
    const updateFollowup = jest
      .fn()
      .mockResolvedValue({ ...step, status: 'done', version: 2 });
    await renderCard({ listIncidentFollowups, updateFollowup });

    expect(await screen.findByText('Scribe · 0 of 1 done')).toBeInTheDocument();
    expect(
      screen.getByText('Incident commander · 1 of 1 done'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/for the incident commander to hand out/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Ticks itself once the external message is on the status page',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: step.title }));
    expect(updateFollowup).toHaveBeenCalledWith(step.id, {
      version: 1,
      status: 'done',
    });
    expect(await screen.findByText('Scribe · 1 of 1 done')).toBeInTheDocument();
  });

  it("adds an action item and asks why when one won't be done", async () => {
    const item = testFollowup({
      id: '7a000000-0000-4000-8000-000000000009',
      type: 'action-item',
      role: null,
      title: 'Alert on gateway 5xx rate',
      kind: 'preparedness',
      priority: 'P1',
      ownerRef: 'group:default/payments',
    });
    const addActionItem = jest.fn().mockResolvedValue(item);
    const updateFollowup = jest.fn().mockResolvedValue({
      ...item,
      status: 'wont-do',
      wontDoReason: 'Covered by SLO alerts',
      version: 2,
    });
    await renderCard({
      listIncidentFollowups: jest
        .fn()
        .mockResolvedValue({ items: [], totalCount: 0, nextCursor: null }),
      addActionItem,
      updateFollowup,
    });

    expect(await screen.findByText(/No role owes a step/)).toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('New action item'),
      'Alert on gateway 5xx rate',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(addActionItem).toHaveBeenCalledWith(incident.id, {
      title: 'Alert on gateway 5xx rate',
      kind: 'prevention',
      priority: 'P1',
    });
    const row = await screen.findByTestId('action-item');
    expect(
      within(row).getByText('Alert on gateway 5xx rate'),
    ).toBeInTheDocument();

    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Status of Alert on gateway 5xx rate',
      }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: "Won't do" }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByRole('button', { name: "Mark won't do" }),
    ).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText('Reason'),
      'Covered by SLO alerts',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: "Mark won't do" }),
    );
    expect(updateFollowup).toHaveBeenCalledWith(item.id, {
      version: 1,
      status: 'wont-do',
      wontDoReason: 'Covered by SLO alerts',
    });
    expect(
      await screen.findByText("Won't do: Covered by SLO alerts"),
    ).toBeInTheDocument();
  });

  it('shows the followups without their controls to someone who may not change them', async () => {
    // Another incident: usePermission caches each incident's answer.
    const other = { ...incident, id: '6f1c2a4e-0001-4c1a-9d3e-5b7a1c0000ff' };
    const step = testFollowup({ incidentId: other.id });
    const item = testFollowup({
      id: '7a000000-0000-4000-8000-000000000009',
      incidentId: other.id,
      type: 'action-item',
      role: null,
      title: 'Alert on gateway 5xx rate',
      kind: 'preparedness',
      priority: 'P1',
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            incidentFollowupsApiRef,
            {
              listIncidentFollowups: jest.fn().mockResolvedValue({
                items: [step, item],
                totalCount: 2,
                nextCursor: null,
              }),
            },
          ],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <FollowupsCard incident={other} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      await screen.findByRole('checkbox', { name: step.title }),
    ).toBeDisabled();
    const row = screen.getByTestId('action-item');
    expect(
      within(row).queryByRole('button', { name: 'Create ticket' }),
    ).toBeNull();
    expect(
      within(row).getByRole('button', { name: /^Status of/ }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(screen.queryByLabelText('New action item')).toBeNull();
  });
});
