import { parseEntityRef } from '@backstage/catalog-model';
import { Link, MarkdownContent } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  AgendaIncident,
  POSTMORTEM_STATUS_TITLES,
  ProcessDecision,
  processReviewEditPermission,
} from '@incident-followups/plugin-incident-followups-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef, useState } from 'react';
import { incidentRouteRef, postmortemRouteRef } from '../../routes';
import { SeverityChip } from '../SeverityChip';
import { AgendaChanges } from './saveAgendaChanges';
import { DecisionDraft, DecisionForm } from './DecisionForm';
import { ProcessItemList } from './ProcessItemList';

/** One incident on the agenda: what happened to the response, the notes, and the decisions. */
export function AgendaItemCard(props: {
  reviewId: string;
  item: AgendaIncident;
  decisions: ProcessDecision[];
  busy: boolean;
  /**
   * `base`: the item the notes were written on, when not the one shown.
   * Answers the item saved, or nothing when it was not.
   */
  onChange: (
    changes: AgendaChanges,
    base?: AgendaIncident,
  ) => Promise<AgendaIncident | undefined>;
  onDecide: (decision: DecisionDraft) => Promise<boolean>;
}) {
  const { item } = props;
  const incidentLink = useRouteRef(incidentRouteRef);
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const { allowed: canEdit } = usePermission({
    permission: processReviewEditPermission,
    resourceRef: props.reviewId,
  });
  const [notes, setNotes] = useState(item.notes);
  // The item the notes in the field start from. Notes saved meanwhile (by
  // this page or another attendee's) replace the field unless it holds a
  // draft; a draft is saved on the version it started from, so that notes
  // saved meanwhile are never overwritten unseen.
  const base = useRef(item);
  const draft = useRef(notes);
  draft.current = notes;
  useEffect(() => {
    const dirty =
      draft.current !== base.current.notes && draft.current !== item.notes;
    if (dirty) return;
    base.current = item;
    setNotes(item.notes);
  }, [item]);
  const commanders = item.commanderRefs.map(ref => parseEntityRef(ref).name);
  return (
    <Card data-testid="agenda-item" style={{ marginBottom: 16 }}>
      <CardContent>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <SeverityChip severity={item.severity} />
          <Link to={incidentLink({ incidentId: item.incidentId })}>
            <Typography variant="h6" component="span">
              {item.title}
            </Typography>
          </Link>
          <Box flex={1} />
          <FormControlLabel
            control={
              <Checkbox
                checked={item.discussed}
                disabled={props.busy || !canEdit}
                onChange={e => props.onChange({ discussed: e.target.checked })}
              />
            }
            label="Discussed"
          />
        </Box>
        <Typography variant="body2" color="textSecondary">
          {item.durationMinutes} min ·{' '}
          {commanders.length === 0
            ? 'no incident commander'
            : `incident commander${
                commanders.length > 1 ? 's' : ''
              } ${commanders.join(', ')}`}{' '}
          · post-mortem{' '}
          {item.postmortem ? (
            <Link to={postmortemLink({ incidentId: item.incidentId })}>
              {POSTMORTEM_STATUS_TITLES[item.postmortem.status]}
            </Link>
          ) : (
            'none'
          )}{' '}
          · feedback{' '}
          {item.feedback.average === null
            ? 'none yet'
            : `${item.feedback.average} / 5 from ${item.feedback.count}`}
        </Typography>
        {item.whatDidntGoWell.trim() && (
          <Box mt={1}>
            <Typography variant="subtitle2">What didn't go so well</Typography>
            <MarkdownContent content={item.whatDidntGoWell} />
          </Box>
        )}
        {item.feedback.comments.length > 0 && (
          <Box mt={1}>
            <Typography variant="subtitle2">Responders said</Typography>
            {item.feedback.comments.map(c => (
              <Typography variant="body2" key={c.userRef}>
                {c.rating}/5 · {parseEntityRef(c.userRef).name}: {c.comment}
              </Typography>
            ))}
          </Box>
        )}
        {item.processItems.length > 0 && (
          <Box mt={1}>
            <Typography variant="subtitle2">Process action items</Typography>
            <ProcessItemList items={item.processItems} />
          </Box>
        )}
        {canEdit ? (
          <Box mt={2}>
            <TextField
              id={`notes-${item.incidentId}`}
              label="Notes"
              fullWidth
              multiline
              minRows={2}
              variant="outlined"
              value={notes}
              onChange={e => setNotes(e.target.value)}
              onBlur={async () => {
                if (notes === base.current.notes) return;
                const saved = await props.onChange({ notes }, base.current);
                // Saved merged with notes someone else saved meanwhile: the
                // field shows the merge, unless more was typed since.
                if (saved && draft.current === notes) {
                  base.current = saved;
                  setNotes(saved.notes);
                }
              }}
              helperText="Saved when you leave the field"
            />
          </Box>
        ) : (
          item.notes && (
            <Box mt={2}>
              <Typography variant="subtitle2">Notes</Typography>
              <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
                {item.notes}
              </Typography>
            </Box>
          )
        )}
        {props.decisions.length > 0 && (
          <Box mt={2}>
            <Typography variant="subtitle2">Decisions</Typography>
            {props.decisions.map(d => (
              <Typography variant="body2" key={d.id} data-testid="decision">
                • {d.text}
                {d.followupId ? ' (followup)' : ''}
              </Typography>
            ))}
          </Box>
        )}
        {canEdit && (
          <DecisionForm
            id={item.incidentId}
            busy={props.busy}
            onRecord={props.onDecide}
          />
        )}
      </CardContent>
    </Card>
  );
}
