import { InfoCard } from '@backstage/core-components';
import { CHAT_TRANSCRIPT_MAX_BYTES } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { ChatProposalState, IncidentFollowupsApi } from '../../api';

/**
 * The scribe's step: paste or upload the incident chat (a Slack channel export, or
 * lines like `[14:03] jane: text`); TODOs become proposed action items and key
 * events (pinned or starred, or `KEY:` lines) proposed timeline rows, each to
 * accept or drop. Importing the same chat again adds nothing twice.
 */
export function ChatImportCard(props: {
  api: IncidentFollowupsApi;
  postmortemId: string;
  onAccepted: () => void;
}) {
  const { api, postmortemId } = props;
  const [transcript, setTranscript] = useState('');
  const [proposals, setProposals] = useState<ChatProposalState[]>([]);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<Error>();

  useEffect(() => {
    api.listChatProposals(postmortemId).then(setProposals, setError);
  }, [api, postmortemId]);

  async function importTranscript(text: string) {
    try {
      const result = await api.importChat(postmortemId, text);
      setProposals(result.proposals);
      setMessage(
        result.added > 0
          ? `${result.added} new proposals found`
          : 'Nothing new: everything in this chat was imported before',
      );
      setTranscript('');
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }

  async function decide(key: string, decision: 'accept' | 'drop') {
    try {
      const decided = await api.decideChatProposal(postmortemId, key, decision);
      setProposals(list => list.map(p => (p.key === key ? decided : p)));
      if (decision === 'accept') props.onAccepted();
    } catch (e) {
      setError(e as Error);
    }
  }

  const pending = proposals.filter(p => p.decision === 'pending');
  const decided = proposals.length - pending.length;
  return (
    <InfoCard title="Import chat" className="no-print">
      <TextField
        id="chat-transcript"
        label="Paste the incident chat"
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        value={transcript}
        onChange={e => setTranscript(e.target.value)}
        helperText={`A Slack channel export (JSON) or lines like "[14:03] jane: text"; "TODO" lines become action items, "KEY:" lines and pinned or starred messages timeline rows. Up to ${
          CHAT_TRANSCRIPT_MAX_BYTES / 1024 / 1024
        } MiB.`}
      />
      <Box display="flex" style={{ gap: 8 }} mt={1}>
        <Button
          variant="outlined"
          disabled={!transcript.trim()}
          onClick={() => importTranscript(transcript)}
        >
          Import
        </Button>
        <Button variant="outlined" component="label">
          Upload file
          <input
            type="file"
            hidden
            accept=".json,.txt,application/json,text/plain"
            onChange={async e => {
              const file = e.target.files?.[0];
              if (file) await importTranscript(await file.text());
              e.target.value = '';
            }}
          />
        </Button>
      </Box>
      {error && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {error.message}
        </Alert>
      )}
      {message && !error && (
        <Typography variant="caption" component="p">
          {message}
        </Typography>
      )}
      {pending.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            To decide ({pending.length}
            {decided ? `, ${decided} decided` : ''})
          </Typography>
          {pending.map(p => (
            <Box
              key={p.key}
              data-testid="chat-proposal"
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
              mt={1}
            >
              <Box flex={1}>
                <Typography variant="body2">
                  {p.kind === 'action-item' ? 'Action item: ' : 'Key event: '}
                  {p.text}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {p.author},{' '}
                  {DateTime.fromISO(p.at, { zone: 'utc' }).toFormat(
                    'yyyy-LL-dd HH:mm',
                  )}{' '}
                  UTC
                </Typography>
              </Box>
              <Button
                size="small"
                color="primary"
                onClick={() => decide(p.key, 'accept')}
              >
                Accept
              </Button>
              <Button size="small" onClick={() => decide(p.key, 'drop')}>
                Drop
              </Button>
            </Box>
          ))}
        </Box>
      )}
    </InfoCard>
  );
}
