import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { EntityRefPicker } from '../EntityRefPicker';

export interface DecisionDraft {
  text: string;
  followup?: { ownerRef: string; dueAt: string | null };
}

/** Records a decision on an agenda item; optionally as a process followup with an owner and due date. */
export function DecisionForm(props: {
  /** Tells the form's fields apart from other agenda items'. */
  id: string;
  busy: boolean;
  onRecord: (decision: DecisionDraft) => Promise<boolean>;
}) {
  const [text, setText] = useState('');
  const [asFollowup, setAsFollowup] = useState(false);
  const [ownerRef, setOwnerRef] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const ready = text.trim() !== '' && (!asFollowup || ownerRef);
  const record = async () => {
    const ok = await props.onRecord({
      text: text.trim(),
      followup:
        asFollowup && ownerRef
          ? {
              ownerRef,
              dueAt: due
                ? DateTime.fromISO(due).endOf('day').toUTC().toISO()
                : null,
            }
          : undefined,
    });
    if (ok) {
      setText('');
      setAsFollowup(false);
      setOwnerRef(null);
      setDue('');
    }
  };
  return (
    <Box mt={1}>
      <TextField
        id={`decision-${props.id}`}
        label="Decision"
        fullWidth
        multiline
        value={text}
        onChange={e => setText(e.target.value)}
      />
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 12 }}
        mt={1}
      >
        <FormControlLabel
          control={
            <Checkbox
              checked={asFollowup}
              onChange={e => setAsFollowup(e.target.checked)}
            />
          }
          label="Make it a followup"
        />
        {asFollowup && (
          <>
            <Box width={240}>
              <EntityRefPicker
                kind="User"
                label="Owner"
                value={ownerRef}
                onPick={setOwnerRef}
              />
            </Box>
            <TextField
              id={`decision-due-${props.id}`}
              label="Due"
              type="date"
              size="small"
              InputLabelProps={{ shrink: true }}
              value={due}
              onChange={e => setDue(e.target.value)}
            />
          </>
        )}
        <Box flex={1} />
        <Button
          variant="outlined"
          color="primary"
          disabled={!ready || props.busy}
          onClick={record}
        >
          Record decision
        </Button>
      </Box>
    </Box>
  );
}
