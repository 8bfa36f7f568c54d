import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { ResultHighlight } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import {
  POSTMORTEM_STATUS_TITLES,
  PostmortemSearchDocument,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { formatIncidentTime } from '../formatTimes';
import { SeverityChip } from '../SeverityChip';

function Highlighted(props: {
  text: string;
  field: string;
  highlight?: ResultHighlight;
}) {
  const highlighted = props.highlight?.fields[props.field];
  if (!highlighted || !props.highlight) return <>{props.text}</>;
  return (
    <HighlightedSearchResultText
      text={highlighted}
      preTag={props.highlight.preTag}
      postTag={props.highlight.postTag}
    />
  );
}

/**
 * A post-mortem in the portal's search results: its incident, severity, status,
 * services, team and date.
 *
 * @public
 */
export function PostmortemSearchResultListItem(props: {
  result?: unknown;
  highlight?: ResultHighlight;
  icon?: ReactNode;
  lineClamp?: number;
}) {
  const result = props.result as PostmortemSearchDocument | undefined;
  if (!result) return null;
  const names = (refs: string[]) =>
    refs.map(ref => parseEntityRef(ref).name).join(', ');
  return (
    <Box display="flex" data-testid="postmortem-search-result">
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <Box flex={1}>
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Highlighted
                text={result.title}
                field="title"
                highlight={props.highlight}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              variant="body2"
              color="textSecondary"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: props.lineClamp ?? 3,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                text={result.text}
                field="text"
                highlight={props.highlight}
              />
            </Typography>
          }
        />
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mb={2}>
          <SeverityChip severity={result.severity} />
          <Chip
            size="small"
            label={`Post-mortem: ${POSTMORTEM_STATUS_TITLES[result.status]}`}
          />
          {result.entityRefs.length > 0 && (
            <Chip
              size="small"
              label={`Services: ${names(result.entityRefs)}`}
            />
          )}
          {result.teamRefs.length > 0 && (
            <Chip size="small" label={`Team: ${names(result.teamRefs)}`} />
          )}
          <Chip size="small" label={formatIncidentTime(result.date)} />
        </Box>
      </Box>
    </Box>
  );
}
