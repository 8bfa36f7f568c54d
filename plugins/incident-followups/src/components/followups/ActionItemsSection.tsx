import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ACTION_ITEM_KINDS,
  ActionItemKind,
  Followup,
  FOLLOWUP_PRIORITIES,
  FollowupPriority,
  FollowupStatus,
  isFollowupOpen,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { incidentFollowupsApiRef } from '../../api';
import { CreateTicketButton } from './CreateTicketButton';
import { DueBadge } from './DueBadge';
import { FollowupRow } from './FollowupRow';

export const KIND_TITLES: Record<ActionItemKind, string> = {
  prevention: 'Prevention',
  preparedness: 'Preparedness',
  'postmortem-step': 'Post-mortem step',
  process: 'Process',
};

/** Who owns a followup, or who should hand it out. */
export function FollowupOwner(props: { followup: Followup }) {
  return props.followup.ownerRef ? (
    <EntityRefLink entityRef={props.followup.ownerRef} />
  ) : (
    <Typography variant="caption" color="textSecondary">
      Unassigned (the role was not held): for the incident commander to hand out
    </Typography>
  );
}

/** A ticket link's text: the issue key or number at the end of its URL. */
function ticketName(url: string): string {
  const last = url.replace(/\/+$/, '').split('/').pop() ?? '';
  if (/^[A-Z][A-Z0-9_]*-\d+$/.test(last)) return last;
  if (/\/issues\/\d+$/.test(url)) return `#${last}`;
  return 'ticket';
}

/**
 * An incident's action items with inline status changes, and a form to add one;
 * the incident page and the post-mortem show the same list.
 */
export function ActionItemsSection(props: {
  incidentId: string;
  items: Followup[];
  busy: boolean;
  onStatus: (
    followup: Followup,
    status: FollowupStatus,
    reason?: string,
  ) => void;
  onAdded: (item: Followup) => void;
  /** Whether the user may add action items and change them. */
  canChange: boolean;
  /** An item that changed here, such as one that got its ticket. */
  onChanged: (item: Followup) => void;
}) {
  const { items: actionItems, busy, onStatus: setStatus } = props;
  const api = useApi(incidentFollowupsApiRef);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ActionItemKind>('prevention');
  const [priority, setPriority] = useState<FollowupPriority>('P1');
  const [addError, setAddError] = useState<Error>();

  async function addActionItem() {
    try {
      const item = await api.addActionItem(props.incidentId, {
        title,
        kind,
        priority,
      });
      props.onAdded(item);
      setTitle('');
      setAddError(undefined);
    } catch (e) {
      setAddError(e as Error);
    }
  }

  return (
    <>
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
          busy={busy || !props.canChange}
          onStatus={setStatus}
          title={
            <>
              {item.title}{' '}
              {item.ticketUrl && (
                <Link to={item.ticketUrl}>{ticketName(item.ticketUrl)}</Link>
              )}
            </>
          }
          details={
            <>
              <Typography variant="caption">
                {item.priority} · {item.kind ? KIND_TITLES[item.kind] : ''}
              </Typography>
              <FollowupOwner followup={item} />
              <DueBadge followup={item} />
              {item.wontDoReason && (
                <Typography variant="caption" color="textSecondary">
                  Won't do: {item.wontDoReason}
                </Typography>
              )}
              {props.canChange && !item.ticketUrl && isFollowupOpen(item) && (
                <CreateTicketButton
                  followup={item}
                  onCreated={props.onChanged}
                />
              )}
            </>
          }
        />
      ))}
      {addError && <Alert severity="error">{addError.message}</Alert>}
      {props.canChange && (
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
      )}
    </>
  );
}
