import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { SourceSyncStatus } from './SourceSyncStatus';

function renderStatus(listSourceSyncs: jest.Mock) {
  return renderInTestApp(
    <TestApiProvider apis={[[incidentFollowupsApiRef, { listSourceSyncs }]]}>
      <SourceSyncStatus entityRef="component:default/checkout-api" />
    </TestApiProvider>,
  );
}

const sync = {
  sourceType: 'pagerduty',
  serviceId: 'PCHECKOUT',
  entityRefs: ['component:default/checkout-api'],
  lastAttemptAt: '2026-11-20T12:00:00.000Z',
  lastSyncedAt: '2026-11-20T12:00:00.000Z',
  lastError: null,
  importedCount: 12,
};

describe('SourceSyncStatus', () => {
  it('says when the PagerDuty service of the entity was last imported', async () => {
    const listSourceSyncs = jest.fn().mockResolvedValue([sync]);
    await renderStatus(listSourceSyncs);
    expect(
      await screen.findByText(
        /PagerDuty service PCHECKOUT: incidents imported .* \(20 Nov 2026, 12:00 UTC\)/,
      ),
    ).toBeInTheDocument();
    expect(listSourceSyncs).toHaveBeenCalledWith(
      'component:default/checkout-api',
    );
  });

  it('shows the error of a failed import', async () => {
    await renderStatus(
      jest.fn().mockResolvedValue([
        {
          ...sync,
          lastAttemptAt: '2026-11-20T12:05:00.000Z',
          lastError: 'PagerDuty GET /incidents answered 401: Unauthorized',
        },
      ]),
    );
    expect(
      await screen.findByText(
        'The last import failed: PagerDuty GET /incidents answered 401: Unauthorized',
      ),
    ).toBeInTheDocument();
  });

  it('shows nothing for an entity no incident source maps', async () => {
    const listSourceSyncs = jest.fn().mockResolvedValue([]);
    await renderStatus(listSourceSyncs);
    expect(listSourceSyncs).toHaveBeenCalled();
    expect(screen.queryByTestId('source-sync-status')).toBeNull();
  });
});
