import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DraftConflict, DraftField } from './postmortemDraft';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

const TITLES: Partial<Record<DraftField, string>> = {
  meetingScheduledFor: 'Meeting time',
  invitees: 'Invitees',
};

function title(field: DraftField) {
  return (
    TITLES[field] ??
    field
      .replace('content.', '')
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase()
  );
}

/** Sections someone else saved while this editor changed them too: both texts, and a choice. */
export function ConflictPanel(props: {
  conflicts: DraftConflict[];
  onResolve: (field: DraftField, keep: 'mine' | 'theirs') => void;
}) {
  if (props.conflicts.length === 0) return null;
  return (
    <Alert
      severity="warning"
      style={{ marginBottom: 16 }}
      data-testid="conflicts"
    >
      <Typography variant="subtitle2" gutterBottom>
        Someone else saved changes to what you are editing. Nothing was
        overwritten: choose, for each section, which text to keep.
      </Typography>
      {props.conflicts.map(conflict => (
        <Box key={conflict.field} mt={1}>
          <Typography variant="subtitle2">{title(conflict.field)}</Typography>
          <Box display="flex" style={{ gap: 16 }}>
            <Box flex={1}>
              <Typography variant="caption">Theirs (saved)</Typography>
              <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {show(conflict.theirs)}
              </pre>
            </Box>
            <Box flex={1}>
              <Typography variant="caption">Yours (not saved)</Typography>
              <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {show(conflict.mine)}
              </pre>
            </Box>
          </Box>
          <Button
            size="small"
            onClick={() => props.onResolve(conflict.field, 'theirs')}
          >
            Use theirs
          </Button>
          <Button
            size="small"
            onClick={() => props.onResolve(conflict.field, 'mine')}
          >
            Keep mine
          </Button>
        </Box>
      ))}
    </Alert>
  );
}
