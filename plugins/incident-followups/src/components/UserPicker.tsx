import { EntityRefPicker } from './EntityRefPicker';

/** Picks a user from the catalog by name, and empties again for the next. */
export function UserPicker(props: {
  label: string;
  onPick: (userRef: string) => void;
  exclude?: string[];
  disabled?: boolean;
}) {
  return (
    <EntityRefPicker
      kind="User"
      label={props.label}
      exclude={props.exclude}
      disabled={props.disabled}
      onPick={ref => ref && props.onPick(ref)}
    />
  );
}
