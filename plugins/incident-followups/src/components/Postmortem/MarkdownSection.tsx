import { InfoCard, MarkdownContent } from '@backstage/core-components';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** One Markdown section of the template: write, or see it rendered (no raw HTML runs). */
export function MarkdownSection(props: {
  id: string;
  title: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown, not editable: the user may not change the post-mortem. */
  readOnly?: boolean;
}) {
  const [chosenTab, setTab] = useState(props.value ? 1 : 0);
  const tab = props.readOnly ? 1 : chosenTab;
  return (
    <InfoCard title={props.title} subheader={props.hint || undefined}>
      {!props.readOnly && (
        <Tabs value={tab} onChange={(_, t) => setTab(t)} className="no-print">
          <Tab label="Write" id={`${props.id}-write`} />
          <Tab label="Preview" id={`${props.id}-preview`} />
        </Tabs>
      )}
      {tab === 0 ? (
        <TextField
          id={props.id}
          multiline
          minRows={4}
          fullWidth
          variant="outlined"
          placeholder="Markdown"
          value={props.value}
          onChange={e => props.onChange(e.target.value)}
          inputProps={{ 'aria-label': props.title }}
        />
      ) : (
        <div data-testid={`${props.id}-rendered`}>
          {props.value.trim() ? (
            <MarkdownContent content={props.value} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              Not written yet.
            </Typography>
          )}
        </div>
      )}
    </InfoCard>
  );
}
