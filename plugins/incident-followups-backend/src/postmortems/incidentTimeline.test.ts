import { IncidentDetail } from '@incident-followups/plugin-incident-followups-common';
import { timelineFromIncident } from './incidentTimeline';

describe('timelineFromIncident', () => {
  it('puts the events of the incident source in order among the portal ones', () => {
    const incident = {
      startedAt: '2026-11-20T10:00:00.000Z',
      acknowledgedAt: null,
      resolvedAt: '2026-11-20T11:00:00.000Z',
      severity: 'SEV-1',
      finalSeverity: 'SEV-2',
      source: {
        type: 'pagerduty',
        externalId: 'Q1',
        url: 'https://acme.pagerduty.com/incidents/Q1',
      },
      history: [
        {
          at: '2026-11-20T10:30:00.000Z',
          actorRef: 'source:pagerduty',
          field: 'sourceEvent',
          from: null,
          to: 'Escalated to the secondary on-call',
        },
        {
          at: '2026-11-20T10:05:00.000Z',
          actorRef: 'source:pagerduty',
          field: 'sourceEvent',
          from: null,
          to: 'Acknowledged by Alice',
        },
      ],
    } as unknown as IncidentDetail;

    expect(timelineFromIncident(incident).map(row => row.event)).toEqual([
      'Incident started (SEV-1)',
      'Acknowledged by Alice',
      'Escalated to the secondary on-call',
      'Incident resolved (final severity SEV-2)',
    ]);
  });
});
