import { useIncidentPermissions } from '../../permissions/useIncidentPermissions';
import { InfoCard } from '@backstage/core-components';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  IncidentDetail,
  incidentSignalChannel,
  RESPONDER_ROLE_TITLES,
  RESPONDER_ROLES,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { AUTO_COMPLETION_HINTS } from '../followups/AUTO_COMPLETION_HINTS';
import {
  ActionItemsSection,
  FollowupOwner,
} from '../followups/ActionItemsSection';
import { DueBadge } from '../followups/DueBadge';
import { useFollowups } from '../followups/useFollowups';

/** The roles' checklists with their progress, and the action items of the incident. */
export function FollowupsCard(props: { incident: IncidentDetail }) {
  const { incident } = props;
  const { updateFollowups } = useIncidentPermissions(
    incident.id,
    incident.version,
  );
  // A followup ticked elsewhere arrives as a signal and loads the list again.
  const { lastSignal } = useSignal(incidentSignalChannel(incident.id));
  const [signalCount, setSignalCount] = useState(0);
  useEffect(() => {
    if (lastSignal) setSignalCount(count => count + 1);
  }, [lastSignal]);
  const { followups, error, busy, setStatus, setFollowups } = useFollowups(
    a => a.listIncidentFollowups(incident.id),
    `${incident.version} ${signalCount}`,
  );
  const steps = (followups ?? [])
    .filter(f => f.type === 'role-step')
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const actionItems = (followups ?? []).filter(f => f.type === 'action-item');

  return (
    <InfoCard title="Followups">
      {error && <Alert severity="error">{error.message}</Alert>}
      <Typography variant="h6">Checklists by role</Typography>
      {steps.length === 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {incident.status === 'resolved'
            ? 'No role owes a step for this incident.'
            : "Each role's after-incident checklist appears here when the incident is resolved."}
        </Typography>
      )}
      {RESPONDER_ROLES.map(role => {
        const ofRole = steps.filter(s => s.role === role);
        if (ofRole.length === 0) return null;
        const done = ofRole.filter(s => s.status === 'done').length;
        return (
          <Box key={role} mb={2} data-testid={`checklist-${role}`}>
            <Typography variant="subtitle2">
              {RESPONDER_ROLE_TITLES[role]} · {done} of {ofRole.length} done
            </Typography>
            <LinearProgress
              variant="determinate"
              value={(100 * done) / ofRole.length}
            />
            {ofRole.map(step => (
              <Box key={step.id} display="flex" alignItems="flex-start" mt={1}>
                <Checkbox
                  checked={step.status === 'done'}
                  disabled={busy || !updateFollowups}
                  inputProps={{ 'aria-label': step.title }}
                  onChange={e =>
                    setStatus(step, e.target.checked ? 'done' : 'open')
                  }
                  style={{ paddingTop: 0 }}
                />
                <Box flex={1}>
                  <Typography
                    variant="body2"
                    style={{
                      textDecoration:
                        step.status === 'done' ? 'line-through' : undefined,
                    }}
                  >
                    {step.title}
                  </Typography>
                  <Box
                    display="flex"
                    flexWrap="wrap"
                    alignItems="center"
                    style={{ gap: 8 }}
                  >
                    <FollowupOwner followup={step} />
                    <DueBadge followup={step} />
                    {step.autoCompletion && step.status !== 'done' && (
                      <Typography variant="caption" color="textSecondary">
                        {AUTO_COMPLETION_HINTS[step.autoCompletion]}
                      </Typography>
                    )}
                    {step.completedBy && (
                      <Typography variant="caption" color="textSecondary">
                        done by {step.completedBy.split('/').pop()}
                      </Typography>
                    )}
                  </Box>
                </Box>
              </Box>
            ))}
          </Box>
        );
      })}

      <Box mt={3}>
        <ActionItemsSection
          incidentId={incident.id}
          items={actionItems}
          busy={busy}
          onStatus={setStatus}
          onAdded={item => setFollowups(list => [...(list ?? []), item])}
          canChange={updateFollowups}
          onChanged={item =>
            setFollowups(list => list?.map(f => (f.id === item.id ? item : f)))
          }
        />
      </Box>
    </InfoCard>
  );
}
