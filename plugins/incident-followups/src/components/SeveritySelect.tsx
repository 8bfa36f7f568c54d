import {
  SEVERITIES,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** A filter on severities: those chosen, or all when none is. */
export function SeveritySelect(props: {
  id: string;
  value: Severity[];
  onChange: (severities: Severity[]) => void;
}) {
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      id={props.id}
      label="Severity"
      style={{ minWidth: 140 }}
      SelectProps={{
        multiple: true,
        renderValue: value =>
          (value as Severity[]).length
            ? (value as Severity[]).join(', ')
            : 'All',
        displayEmpty: true,
      }}
      InputLabelProps={{ shrink: true }}
      value={props.value}
      onChange={e => props.onChange(e.target.value as unknown as Severity[])}
    >
      {SEVERITIES.map(severity => (
        <MenuItem key={severity} value={severity}>
          {severity}
        </MenuItem>
      ))}
    </TextField>
  );
}
