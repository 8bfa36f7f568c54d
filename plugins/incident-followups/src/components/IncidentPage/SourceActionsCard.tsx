import { sourceTitle } from '@incident-followups/plugin-incident-followups-common';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  IncidentDetail,
  SourceAction,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { formatIncidentTime } from '../formatTimes';

interface Step {
  action: SourceAction;
  label: string;
  /** Why the step cannot be done yet, if so. */
  blocked?: string;
}

function steps(incident: IncidentDetail, source: string): Step[] {
  const related = incident.relatedIncidents.filter(
    r => r.source.type === incident.source.type && r.source.externalId,
  ).length;
  return [
    {
      action: 'merge-related',
      label: `Merge the ${related} related incident${
        related === 1 ? '' : 's'
      } into this one in ${source}`,
      blocked:
        related === 0
          ? `Group the related ${source} incidents under this one first.`
          : undefined,
    },
    {
      action: 'resolve',
      label: incident.finalSeverity
        ? `Set the priority of ${incident.finalSeverity} and resolve in ${source}`
        : `Set the final priority and resolve in ${source}`,
      blocked: incident.finalSeverity
        ? undefined
        : 'Set the final severity first.',
    },
    {
      action: 'link-postmortem',
      label: `Add a note linking the post-mortem in ${source}`,
      blocked: incident.postmortem
        ? undefined
        : 'Create the post-mortem first.',
    },
  ];
}

/** When the signed-in users' steps in the source were last done, from the history. */
function doneAt(incident: IncidentDetail, action: SourceAction) {
  return incident.history
    .filter(
      change =>
        change.field === 'sourceAction' &&
        (change.to as { action?: string } | null)?.action === action,
    )
    .at(-1)?.at;
}

/**
 * The incident commander's steps in the incident's source (PagerDuty), done as the
 * signed-in user: each says when it was done, or shows the source's refusal with a
 * way to try again.
 */
export function SourceActionsCard(props: {
  incident: IncidentDetail;
  onUpdated: (incident: IncidentDetail) => void;
}) {
  const { incident, onUpdated } = props;
  const api = useApi(incidentFollowupsApiRef);
  const [running, setRunning] = useState<SourceAction>();
  const [errors, setErrors] = useState<Partial<Record<SourceAction, string>>>(
    {},
  );
  const source = sourceTitle(incident.source.type);

  const run = async (action: SourceAction) => {
    setRunning(action);
    setErrors(current => ({ ...current, [action]: undefined }));
    try {
      onUpdated(await api.runSourceAction(incident.id, action));
    } catch (error) {
      setErrors(current => ({
        ...current,
        [action]: (error as Error).message,
      }));
    } finally {
      setRunning(undefined);
    }
  };

  return (
    <InfoCard title={`In ${source}`}>
      {steps(incident, source).map(step => {
        const done = doneAt(incident, step.action);
        const error = errors[step.action];
        return (
          <Box
            key={step.action}
            mb={2}
            data-testid={`source-action-${step.action}`}
          >
            <Button
              variant="outlined"
              color="primary"
              size="small"
              disabled={Boolean(step.blocked) || running !== undefined}
              onClick={() => run(step.action)}
            >
              {error ? `Try again: ${step.label}` : step.label}
            </Button>
            {step.blocked && (
              <Typography variant="body2" color="textSecondary">
                {step.blocked}
              </Typography>
            )}
            {done && !error && (
              <Typography variant="body2" color="textSecondary">
                Done {formatIncidentTime(done)}
              </Typography>
            )}
            {error && (
              <Box mt={1}>
                <Alert severity="error">{error}</Alert>
              </Box>
            )}
          </Box>
        );
      })}
    </InfoCard>
  );
}
