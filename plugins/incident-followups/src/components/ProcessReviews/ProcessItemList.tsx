import { parseEntityRef } from '@backstage/catalog-model';
import { ProcessItemSummary } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { DueBadge } from '../followups/DueBadge';

const STATUS_LABELS = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': "Won't do",
};

/** Process action items with their owner, state and due date. */
export function ProcessItemList(props: {
  items: ProcessItemSummary[];
  withIncident?: boolean;
}) {
  return (
    <>
      {props.items.map(item => (
        <Box
          key={item.followupId}
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
          py={0.25}
          data-testid="process-item"
        >
          <Chip size="small" label={STATUS_LABELS[item.status]} />
          <Typography variant="body2">{item.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {item.ownerRef ? parseEntityRef(item.ownerRef).name : 'unassigned'}
            {props.withIncident ? ` · ${item.incidentTitle}` : ''}
          </Typography>
          <DueBadge followup={item} />
        </Box>
      ))}
    </>
  );
}
