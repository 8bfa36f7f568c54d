import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile',
];

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
 * The catalog's users or groups are read when the list is first opened, not
 * with the page: thousands of them would hold up the page they filter; the
 * pick's own name is read by itself.
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
  const [opened, setOpened] = useState(false);
  const list = useAsync(async () => {
    if (!opened) return undefined;
    const response = await catalogApi.getEntities({
      filter: { kind: props.kind },
      fields: FIELDS,
    });
    return response.items
      .map(toOption)
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi, props.kind, opened]);
  const options = list.value ?? [];
  const { value: picked } = useAsync(async () => {
    if (!props.value) return undefined;
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: [props.value],
      fields: FIELDS,
    });
    return items[0] ? toOption(items[0]) : undefined;
  }, [catalogApi, props.value]);

  const controlled = props.value !== undefined;
  const isValue = (option?: EntityOption) =>
    option?.ref.toLocaleLowerCase('en-US') ===
    props.value?.toLocaleLowerCase('en-US');
  const selected = controlled
    ? options.find(isValue) ??
      (isValue(picked) ? picked : undefined) ??
      (props.value ? { ref: props.value, label: props.value } : null)
    : null;
  return (
    <Autocomplete<EntityOption>
      options={options.filter(o => !props.exclude?.includes(o.ref))}
      loading={list.loading || (opened && !list.value && !list.error)}
      onOpen={() => setOpened(true)}
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
