import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  ACTION_ITEM_KINDS,
  ActionItemKind,
  Followup,
  FOLLOWUP_PRIORITIES,
  FollowupPriority,
  IncidentDetail,
  incidentSignalChannel,
  RESPONDER_ROLE_TITLES,
  RESPONDER_ROLES,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { AUTO_COMPLETION_HINTS } from '../followups/AUTO_COMPLETION_HINTS';
import { DueBadge } from '../followups/DueBadge';
import { FollowupRow } from '../followups/FollowupRow';
import { useFollowups } from '../followups/useFollowups';

const KIND_TITLES: Record<ActionItemKind, string> = {
  prevention: 'Prevention',
  preparedness: 'Preparedness',
  'postmortem-step': 'Post-mortem step',
  process: 'Process',
};

function Owner(props: { followup: Followup }) {
  return props.followup.ownerRef ? (
    <EntityRefLink entityRef={props.followup.ownerRef} />
  ) : (
    <Typography variant="caption" color="textSecondary">
      Unassigned (the role was not held): for the incident commander to hand out
    </Typography>
  );
}

/** The roles' checklists with their progress, and the action items of the incident. */
export function FollowupsCard(props: { incident: IncidentDetail }) {
  const { incident } = props;
  // A followup ticked elsewhere arrives as a signal and loads the list again.
  const { lastSignal } = useSignal(incidentSignalChannel(incident.id));
  const [signalCount, setSignalCount] = useState(0);
  useEffect(() => {
    if (lastSignal) setSignalCount(count => count + 1);
  }, [lastSignal]);
  const { api, followups, error, busy, setStatus, setFollowups } = useFollowups(
    a => a.listIncidentFollowups(incident.id),
    `${incident.version} ${signalCount}`,
  );
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ActionItemKind>('prevention');
  const [priority, setPriority] = useState<FollowupPriority>('P1');
  const [addError, setAddError] = useState<Error>();

  const steps = (followups ?? [])
    .filter(f => f.type === 'role-step')
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const actionItems = (followups ?? []).filter(f => f.type === 'action-item');

  async function addActionItem() {
    try {
      const item = await api.addActionItem(incident.id, {
        title,
        kind,
        priority,
      });
      setFollowups(list => [...(list ?? []), item]);
      setTitle('');
      setAddError(undefined);
    } catch (e) {
      setAddError(e as Error);
    }
  }

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
                  disabled={busy}
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
                    <Owner followup={step} />
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
        <Typography variant="h6">Action items</Typography>
        {actionItems.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No action item yet: add the fixes, preparedness and process changes
            the post-mortem agrees on, few and specific.
          </Typography>
        )}
        {actionItems.map(item => (
          <FollowupRow
            key={item.id}
            followup={item}
            testId="action-item"
            busy={busy}
            onStatus={setStatus}
            title={
              <>
                {item.title}{' '}
                {item.ticketUrl && <Link to={item.ticketUrl}>ticket</Link>}
              </>
            }
            details={
              <>
                <Typography variant="caption">
                  {item.priority} · {item.kind ? KIND_TITLES[item.kind] : ''}
                </Typography>
                <Owner followup={item} />
                <DueBadge followup={item} />
                {item.wontDoReason && (
                  <Typography variant="caption" color="textSecondary">
                    Won't do: {item.wontDoReason}
                  </Typography>
                )}
              </>
            }
          />
        ))}
        {addError && <Alert severity="error">{addError.message}</Alert>}
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mt={1}>
          <TextField
            id="new-action-item-title"
            label="New action item"
            size="small"
            variant="outlined"
            value={title}
            onChange={e => setTitle(e.target.value)}
            style={{ flex: 1 }}
          />
          <TextField
            id="new-action-item-kind"
            select
            size="small"
            variant="outlined"
            label="Kind"
            value={kind}
            onChange={e => setKind(e.target.value as ActionItemKind)}
          >
            {ACTION_ITEM_KINDS.map(k => (
              <MenuItem key={k} value={k}>
                {KIND_TITLES[k]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="new-action-item-priority"
            select
            size="small"
            variant="outlined"
            label="Priority"
            value={priority}
            onChange={e => setPriority(e.target.value as FollowupPriority)}
          >
            {FOLLOWUP_PRIORITIES.map(p => (
              <MenuItem key={p} value={p}>
                {p}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="outlined"
            disabled={!title.trim()}
            onClick={addActionItem}
          >
            Add
          </Button>
        </Box>
      </Box>
    </InfoCard>
  );
}
