import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { IncidentChange } from '@incident-followups/plugin-incident-followups-common';
import { screen, within } from '@testing-library/react';
import { HistoryCard } from './HistoryCard';

const change = (
  field: string,
  from: unknown,
  to: unknown,
  actorRef = 'user:default/alice',
): IncidentChange => ({
  at: '2026-11-02T10:00:00.000Z',
  actorRef,
  field,
  from,
  to,
});

describe('HistoryCard', () => {
  it("shows the changes of the incident's followups and post-mortem, by whom", async () => {
    await renderInTestApp(
      <HistoryCard
        history={[
          change('actionItemAdded', null, {
            title: 'Alert on 5xx',
            priority: 'P1',
          }),
          change(
            'followup',
            { title: 'Alert on 5xx', status: 'open', owner: null },
            {
              title: 'Alert on 5xx',
              status: 'done',
              owner: 'user:default/bob',
            },
          ),
          change('postmortemStatus', 'draft', 'in-review', 'user:default/dave'),
          change('postmortemContent', null, ['Overview', 'Timeline']),
        ]}
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const rows = screen.getAllByRole('row').slice(1);
    // The newest first.
    expect(within(rows[0]).getByText('Post-mortem edited')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Overview, Timeline')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Post-mortem status')).toBeInTheDocument();
    expect(within(rows[1]).getByText('In review')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('Followup: Alert on 5xx'),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('status open, owner none'),
    ).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('status done, owner bob'),
    ).toBeInTheDocument();
    expect(within(rows[3]).getByText('Alert on 5xx (P1)')).toBeInTheDocument();
  });
});
