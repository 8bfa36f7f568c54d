import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  IncidentDetail,
  POSTMORTEM_STATUS_TITLES,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useNavigate } from 'react-router-dom';
import { postmortemRouteRef } from '../../routes';
import { CreatePostmortemForm } from './CreatePostmortemForm';

/** On the incident: its post-mortem, or what is missing and how to create it. */
export function PostmortemCard(props: { incident: IncidentDetail }) {
  const { incident } = props;
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const navigate = useNavigate();
  const link = postmortemLink({ incidentId: incident.id });
  if (incident.primaryIncidentId) {
    return (
      <InfoCard title="Post-mortem">
        <Typography variant="body2">
          Grouped under another incident: its post-mortem covers this one.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Post-mortem">
      {incident.postmortem ? (
        <Box>
          <Typography variant="body2" data-testid="postmortem-summary">
            {POSTMORTEM_STATUS_TITLES[incident.postmortem.status]} · owner{' '}
            <EntityRefLink entityRef={incident.postmortem.ownerRef} />
          </Typography>
          <Box mt={1}>
            <Link to={link}>Open the post-mortem</Link>
          </Box>
        </Box>
      ) : (
        <>
          {incident.postmortemRequired ? (
            <Alert severity={incident.status === 'resolved' ? 'error' : 'info'}>
              {incident.status === 'resolved'
                ? 'Post-mortem missing: required for SEV-1 and SEV-2.'
                : 'A SEV-1 or SEV-2 needs a post-mortem: choose its owner.'}
            </Alert>
          ) : (
            <Typography variant="body2" paragraph>
              Optional for this severity; worth it when there is something to
              learn.
            </Typography>
          )}
          <Box mt={1}>
            <CreatePostmortemForm
              incidentId={incident.id}
              onCreated={() => navigate(link)}
            />
          </Box>
        </>
      )}
    </InfoCard>
  );
}
