import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

interface EntityOption {
  ref: string;
  label: string;
}

function toOption(entity: Entity): EntityOption {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return {
    ref: stringifyEntityRef(entity),
    label: profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
  };
}

/**
 * Picks a user or a group from the catalog by name. With `value` it shows the
 * pick and can be cleared; without, it hands the pick over and empties again.
 */
export function EntityRefPicker(props: {
  kind: 'User' | 'Group';
  label: string;
  onPick: (ref: string | null) => void;
  value?: string | null;
  exclude?: string[];
  disabled?: boolean;
}) {
  const catalogApi = useApi(catalogApiRef);
  const { value: options = [], loading } = useAsync(async () => {
    const response = await catalogApi.getEntities({
      filter: { kind: props.kind },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile',
      ],
    });
    return response.items
      .map(toOption)
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi, props.kind]);

  const controlled = props.value !== undefined;
  const selected = controlled
    ? options.find(o => o.ref === props.value) ??
      (props.value ? { ref: props.value, label: props.value } : null)
    : null;
  return (
    <Autocomplete<EntityOption>
      options={options.filter(o => !props.exclude?.includes(o.ref))}
      loading={loading}
      disabled={props.disabled}
      getOptionLabel={option => option.label}
      getOptionSelected={(option, current) => option.ref === current.ref}
      renderOption={option => `${option.label} (${option.ref.split('/')[1]})`}
      onChange={(_, option) => {
        if (option || controlled) props.onPick(option?.ref ?? null);
      }}
      value={selected}
      size="small"
      renderInput={params => (
        <TextField {...params} label={props.label} variant="outlined" />
      )}
    />
  );
}
