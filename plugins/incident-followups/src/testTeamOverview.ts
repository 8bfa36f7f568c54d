import { TeamOverview } from '@incident-followups/plugin-incident-followups-common';
import { testFollowup } from './testFollowup';

/** A team overview for component tests: SRE with two followups, one late post-mortem, one missing. */
export function testOverview(): TeamOverview {
  return {
    teamRef: 'group:default/sre',
    includeChildren: true,
    since: '2026-08-28T00:00:00.000Z',
    until: '2026-11-26T00:00:00.000Z',
    followups: {
      items: [
        testFollowup({ title: 'Late step', dueAt: '2026-10-01T00:00:00Z' }),
        testFollowup({
          id: '7a000000-0000-4000-8000-000000000002',
          incidentId: '6f1c2a4e-0006-4c1a-9d3e-5b7a1c000006',
          incidentTitle: 'Alerts delayed',
          type: 'action-item',
          role: null,
          priority: 'P1',
          title: 'Add a lag alert',
          ownerRef: 'group:default/sre',
          dueAt: '2099-01-01T00:00:00Z',
        }),
      ],
      totalCount: 2,
      nextCursor: null,
      overdueCount: 1,
      dueSoonCount: 0,
      unassignedCount: 0,
    },
    postmortems: {
      countsByStatus: { draft: 1, 'in-review': 0, reviewed: 2, closed: 1 },
      open: [
        {
          id: 'pm-1',
          incidentId: '6f1c2a4e-0006-4c1a-9d3e-5b7a1c000006',
          incidentTitle: 'Alerts delayed',
          incidentSeverity: 'SEV-2',
          status: 'draft',
          ownerRef: 'user:default/erin',
          meetingScheduledFor: null,
          meetingDeadline: '2026-11-12T23:59:59.999Z',
          meetingState: 'late',
        },
      ],
      openCount: 1,
      lateCount: 1,
      openNextCursor: null,
      missing: [
        {
          incidentId: '6f1c2a4e-0010-4c1a-9d3e-5b7a1c000010',
          incidentTitle: 'Metrics store slow',
          incidentSeverity: 'SEV-1',
          resolvedAt: '2026-11-20T10:00:00.000Z',
        },
      ],
      missingCount: 1,
      missingNextCursor: null,
    },
    incidents: {
      bySeverity: {
        'SEV-1': 1,
        'SEV-2': 2,
        'SEV-3': 0,
        'SEV-4': 0,
        'SEV-5': 0,
      },
      total: 3,
    },
    weeks: [
      {
        weekStart: '2026-11-16',
        followupsDue: 4,
        followupsDoneOnTime: 3,
        postmortemsDue: 1,
        postmortemsOnTime: 0,
        openActionItems: 5,
      },
    ],
    mttrBySeverity: [{ severity: 'SEV-2', incidents: 2, meanMinutes: 95 }],
  };
}
