import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { IncidentStatus } from '@incident-followups/plugin-incident-followups-common';

const LABELS: Record<IncidentStatus, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

/** An incident's status with the portal's usual status colours. */
export function IncidentStatusLabel(props: { status: IncidentStatus }) {
  const label = LABELS[props.status];
  switch (props.status) {
    case 'resolved':
      return <StatusOK>{label}</StatusOK>;
    case 'acknowledged':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusError>{label}</StatusError>;
  }
}
