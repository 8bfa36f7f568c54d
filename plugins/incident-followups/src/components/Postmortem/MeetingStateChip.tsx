import { MeetingState } from '@incident-followups/plugin-incident-followups-common';
import Chip from '@material-ui/core/Chip';

const STYLES: Partial<
  Record<MeetingState, { backgroundColor: string; color: string }>
> = {
  'at-risk': { backgroundColor: '#f9a825', color: '#000' },
  late: { backgroundColor: '#c62828', color: '#fff' },
};

const LABELS: Record<MeetingState, string> = {
  held: 'Meeting held',
  'on-time': 'On time',
  'at-risk': 'At risk',
  late: 'Late',
  'waiting-for-resolution': 'Deadline starts at resolution',
};

/** Where the meeting stands against its deadline; late and at risk stand out. */
export function MeetingStateChip(props: { state: MeetingState }) {
  const { state } = props;
  return (
    <Chip
      size="small"
      label={LABELS[state]}
      data-testid="meeting-state"
      style={STYLES[state]}
    />
  );
}
