import { InfoCard } from '@backstage/core-components';
import {
  IMPACT_FIELDS,
  PostmortemImpact,
} from '@incident-followups/plugin-incident-followups-common';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';

function ImpactField(props: {
  id: string;
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  disabled?: boolean;
}) {
  const [text, setText] = useState(props.value?.toString() ?? '');
  useEffect(() => {
    setText(t =>
      Number(t) === props.value ? t : props.value?.toString() ?? '',
    );
  }, [props.value]);
  const valid = text === '' || /^\d+$/.test(text.trim());
  return (
    <TextField
      id={props.id}
      label={props.label}
      variant="outlined"
      size="small"
      fullWidth
      inputMode="numeric"
      value={text}
      disabled={props.disabled}
      error={!valid}
      helperText={valid ? ' ' : 'A whole number, 0 or more'}
      onChange={e => {
        setText(e.target.value);
        const trimmed = e.target.value.trim();
        if (trimmed === '') props.onChange(null);
        else if (/^\d+$/.test(trimmed)) props.onChange(Number(trimmed));
      }}
    />
  );
}

/** The impact figures; left empty until someone has counted. */
export function ImpactCard(props: {
  impact: PostmortemImpact;
  onChange: (impact: PostmortemImpact) => void;
  /** Shown, not editable: the user may not change the post-mortem. */
  readOnly?: boolean;
}) {
  return (
    <InfoCard title="Impact">
      <Grid container spacing={2}>
        {IMPACT_FIELDS.map(field => (
          <Grid item xs={12} sm={6} md={4} key={field.key}>
            <ImpactField
              id={`impact-${field.key}`}
              label={field.title}
              value={props.impact[field.key]}
              disabled={props.readOnly}
              onChange={value =>
                props.onChange({ ...props.impact, [field.key]: value })
              }
            />
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
}
