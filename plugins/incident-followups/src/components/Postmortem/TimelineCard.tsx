import { InfoCard, Link } from '@backstage/core-components';
import { TimelineRow } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import DeleteIcon from '@material-ui/icons/Delete';
import { DateTime } from 'luxon';
import { useState } from 'react';

function utc(at: string) {
  return DateTime.fromISO(at, { zone: 'utc' }).toFormat('yyyy-LL-dd HH:mm');
}

/** The timeline in UTC: from the incident's record and accepted chat events, plus rows added by hand. */
export function TimelineCard(props: {
  rows: TimelineRow[];
  onChange: (rows: TimelineRow[]) => void;
  /** Shown, not editable: the user may not change the post-mortem. */
  readOnly?: boolean;
}) {
  const [at, setAt] = useState('');
  const [event, setEvent] = useState('');
  const [link, setLink] = useState('');
  const time = DateTime.fromFormat(at, 'yyyy-LL-dd HH:mm', { zone: 'utc' });
  const linkValid = link === '' || /^https?:\/\/\S+$/.test(link);

  function add() {
    props.onChange(
      [
        ...props.rows,
        {
          id: `row-${Date.now().toString(36)}`,
          at: time.toISO()!,
          event: event.trim(),
          link: link || null,
        },
      ].sort((a, b) => a.at.localeCompare(b.at)),
    );
    setEvent('');
    setLink('');
  }

  return (
    <InfoCard title="Timeline (UTC)">
      <Table size="small" aria-label="Timeline">
        <TableHead>
          <TableRow>
            <TableCell>Time (UTC)</TableCell>
            <TableCell>Event</TableCell>
            <TableCell>Data</TableCell>
            <TableCell className="no-print" />
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => (
            <TableRow key={row.id} data-testid="timeline-row">
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {utc(row.at)}
              </TableCell>
              <TableCell>{row.event}</TableCell>
              <TableCell>
                {row.link && <Link to={row.link}>link</Link>}
              </TableCell>
              <TableCell className="no-print" padding="checkbox">
                {!props.readOnly && (
                  <IconButton
                    size="small"
                    aria-label={`Remove ${row.event}`}
                    onClick={() =>
                      props.onChange(props.rows.filter(r => r.id !== row.id))
                    }
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!props.readOnly && (
        <Box display="flex" style={{ gap: 8 }} mt={2} className="no-print">
          <TextField
            id="timeline-at"
            label="Time (UTC)"
            placeholder="2026-11-20 14:03"
            size="small"
            variant="outlined"
            value={at}
            error={at !== '' && !time.isValid}
            onChange={e => setAt(e.target.value)}
          />
          <TextField
            id="timeline-event"
            label="Event"
            size="small"
            variant="outlined"
            style={{ flex: 1 }}
            value={event}
            onChange={e => setEvent(e.target.value)}
          />
          <TextField
            id="timeline-link"
            label="Data link"
            size="small"
            variant="outlined"
            value={link}
            error={!linkValid}
            onChange={e => setLink(e.target.value)}
          />
          <Button
            variant="outlined"
            disabled={!time.isValid || !event.trim() || !linkValid}
            onClick={add}
          >
            Add row
          </Button>
        </Box>
      )}
    </InfoCard>
  );
}
