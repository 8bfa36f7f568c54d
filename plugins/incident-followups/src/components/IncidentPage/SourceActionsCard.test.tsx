import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { IncidentDetail } from '@incident-followups/plugin-incident-followups-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { testIncident } from '../../testIncident';
import { SourceActionsCard } from './SourceActionsCard';

function detail(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    ...testIncident({
      source: { type: 'pagerduty', externalId: 'Q1', url: null },
      finalSeverity: 'SEV-2',
    }),
    owningGroupRefs: [],
    primaryIncident: null,
    relatedIncidents: [],
    history: [],
    ...overrides,
  } as IncidentDetail;
}

describe('SourceActionsCard', () => {
  it("shows PagerDuty's refusal and tries again on a click", async () => {
    const incident = detail();
    const runSourceAction = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('PagerDuty did not take the change: Priority P2 not found'),
      )
      .mockResolvedValue({
        ...incident,
        status: 'resolved',
        history: [
          {
            at: '2026-11-20T12:00:00.000Z',
            actorRef: 'user:default/jane',
            field: 'sourceAction',
            from: null,
            to: { action: 'resolve' },
          },
        ],
      });
    const onUpdated = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[incidentFollowupsApiRef, { runSourceAction }]]}>
        <SourceActionsCard incident={incident} onUpdated={onUpdated} />
      </TestApiProvider>,
    );

    expect(
      screen.getByRole('button', { name: /Merge the 0 related incidents/ }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', {
        name: /Add a note linking the post-mortem/,
      }),
    ).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Set the priority of SEV-2 and resolve in PagerDuty',
      }),
    );
    expect(
      await screen.findByText(
        'PagerDuty did not take the change: Priority P2 not found',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /^Try again: Set the priority/ }),
    );
    expect(runSourceAction).toHaveBeenCalledTimes(2);
    expect(runSourceAction).toHaveBeenLastCalledWith(incident.id, 'resolve');
    expect(onUpdated).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'resolved' }),
    );
    expect(screen.queryByText(/Priority P2 not found/)).toBeNull();
  });
});
