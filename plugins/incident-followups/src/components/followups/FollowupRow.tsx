import {
  Followup,
  FollowupStatus,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { FollowupStatusSelect } from './FollowupStatusSelect';

/** One followup: its title and details, and its status to change. */
export function FollowupRow(props: {
  followup: Followup;
  title?: ReactNode;
  details: ReactNode;
  busy: boolean;
  onStatus: (
    followup: Followup,
    status: FollowupStatus,
    wontDoReason?: string,
  ) => void;
  testId: string;
}) {
  const { followup } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 12 }}
      py={0.75}
      data-testid={props.testId}
    >
      <Box flex={1}>
        <Typography variant="body2">{props.title ?? followup.title}</Typography>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 8 }}
        >
          {props.details}
        </Box>
      </Box>
      <FollowupStatusSelect
        followup={followup}
        disabled={props.busy}
        onChange={(status, reason) => props.onStatus(followup, status, reason)}
      />
    </Box>
  );
}
