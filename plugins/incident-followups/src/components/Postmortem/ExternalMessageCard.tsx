import { InfoCard } from '@backstage/core-components';
import {
  ExternalMessage,
  hasExternalMessage,
  Postmortem,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { useState } from 'react';

const FIELDS: { key: keyof ExternalMessage; label: string }[] = [
  { key: 'summary', label: 'Summary' },
  { key: 'whatHappened', label: 'What happened' },
  { key: 'whatWeAreDoing', label: 'What are we doing about this' },
];

/** The message for the status page, and the customer liaison's record that it is posted. */
export function ExternalMessageCard(props: {
  postmortem: Postmortem;
  message: ExternalMessage;
  onChange: (message: ExternalMessage) => void;
  onPosted: (url: string | null) => void;
  /** Shown, not editable: the user may not change the post-mortem. */
  readOnly?: boolean;
  /** The incident's source (PagerDuty), whose status page the portal can post to. */
  statusPageSource?: string;
  onPostToStatusPage?: () => Promise<void>;
}) {
  const { postmortem } = props;
  const [posting, setPosting] = useState(false);
  const [url, setUrl] = useState('');
  const urlValid = url === '' || /^https?:\/\/\S+$/.test(url);
  return (
    <InfoCard
      title="External message"
      subheader="For the status page; with one, the post-mortem closes only once it is posted."
    >
      {FIELDS.map(field => (
        <TextField
          key={field.key}
          id={`external-${field.key}`}
          label={field.label}
          multiline
          minRows={2}
          fullWidth
          variant="outlined"
          margin="dense"
          disabled={props.readOnly}
          value={props.message[field.key]}
          onChange={e =>
            props.onChange({ ...props.message, [field.key]: e.target.value })
          }
        />
      ))}
      <Box mt={1}>
        {postmortem.statusPagePostedAt ? (
          <Typography variant="body2" data-testid="status-page-posted">
            Posted to the status page{' '}
            {DateTime.fromISO(postmortem.statusPagePostedAt).toRelative()} by{' '}
            {postmortem.statusPagePostedBy?.split('/').pop()}
            {postmortem.statusPageUrl && (
              <>
                {' '}
                (
                <a href={postmortem.statusPageUrl}>
                  {postmortem.statusPageUrl}
                </a>
                )
              </>
            )}
          </Typography>
        ) : (
          <Box display="flex" style={{ gap: 8 }} className="no-print">
            {props.readOnly && (
              <Typography variant="body2" color="textSecondary">
                Not posted to the status page yet.
              </Typography>
            )}
            {!props.readOnly && (
              <>
                <TextField
                  id="status-page-url"
                  label="Status page link (optional)"
                  size="small"
                  variant="outlined"
                  style={{ flex: 1 }}
                  value={url}
                  error={!urlValid}
                  onChange={e => setUrl(e.target.value)}
                />
                <Button
                  variant="outlined"
                  disabled={
                    !hasExternalMessage(postmortem.content) || !urlValid
                  }
                  onClick={() => props.onPosted(url || null)}
                >
                  Mark posted
                </Button>
                {props.statusPageSource && props.onPostToStatusPage && (
                  <Button
                    variant="contained"
                    color="primary"
                    disabled={
                      !hasExternalMessage(postmortem.content) || posting
                    }
                    onClick={async () => {
                      setPosting(true);
                      try {
                        await props.onPostToStatusPage!();
                      } finally {
                        setPosting(false);
                      }
                    }}
                  >
                    Post to the {props.statusPageSource} status page
                  </Button>
                )}
              </>
            )}
          </Box>
        )}
      </Box>
    </InfoCard>
  );
}
