import { sourceTitle } from '@incident-followups/plugin-incident-followups-common';
import { Link } from '@backstage/core-components';
import { IncidentSource } from '@incident-followups/plugin-incident-followups-common';
import Typography from '@material-ui/core/Typography';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';

/** Where an incident came from, linking to it there when the source has a page. */
export function SourceLink(props: {
  source: IncidentSource;
  showId?: boolean;
}) {
  const { source } = props;
  const name = sourceTitle(source.type);
  const label =
    props.showId && source.externalId ? `${name} ${source.externalId}` : name;
  if (!source.url) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        {label}
      </Typography>
    );
  }
  return (
    <Link
      to={source.url}
      aria-label={`Open in ${name}`}
      style={{ whiteSpace: 'nowrap' }}
    >
      {label} <OpenInNewIcon fontSize="inherit" />
    </Link>
  );
}
