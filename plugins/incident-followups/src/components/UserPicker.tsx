import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

interface UserOption {
  ref: string;
  label: string;
}

function toOption(user: Entity): UserOption {
  const profile = (user.spec?.profile ?? {}) as { displayName?: string };
  return {
    ref: stringifyEntityRef(user),
    label: profile.displayName ?? user.metadata.title ?? user.metadata.name,
  };
}

/** Picks a user from the catalog by name. */
export function UserPicker(props: {
  label: string;
  onPick: (userRef: string) => void;
  exclude?: string[];
  disabled?: boolean;
}) {
  const catalogApi = useApi(catalogApiRef);
  const { value: users = [], loading } = useAsync(async () => {
    const response = await catalogApi.getEntities({
      filter: { kind: 'User' },
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
  }, [catalogApi]);

  return (
    <Autocomplete<UserOption>
      options={users.filter(u => !props.exclude?.includes(u.ref))}
      loading={loading}
      disabled={props.disabled}
      getOptionLabel={option => option.label}
      renderOption={option => `${option.label} (${option.ref.split('/')[1]})`}
      onChange={(_, option) => option && props.onPick(option.ref)}
      value={null}
      size="small"
      renderInput={params => (
        <TextField {...params} label={props.label} variant="outlined" />
      )}
    />
  );
}
