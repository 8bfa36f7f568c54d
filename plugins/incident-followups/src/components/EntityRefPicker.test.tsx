import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { EntityRefPicker } from './EntityRefPicker';

function group(name: string, displayName: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName } },
  };
}

describe('EntityRefPicker', () => {
  it('reads the catalog list only when opened, and the pick by itself', async () => {
    const catalogApi = {
      getEntities: jest.fn().mockResolvedValue({
        items: [
          group('sre', 'Site Reliability'),
          group('payments', 'Payments'),
        ],
      }),
      getEntitiesByRefs: jest
        .fn()
        .mockResolvedValue({ items: [group('sre', 'Site Reliability')] }),
    };
    const onPick = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <EntityRefPicker
          kind="Group"
          label="Team"
          value="group:default/sre"
          onPick={onPick}
        />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Team')).toHaveValue('Site Reliability'),
    );
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRefs: ['group:default/sre'] }),
    );
    expect(catalogApi.getEntities).not.toHaveBeenCalled();

    fireEvent.mouseDown(screen.getByLabelText('Team'));
    fireEvent.click(await screen.findByText('Payments (payments)'));
    expect(onPick).toHaveBeenCalledWith('group:default/payments');
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'Group' } }),
    );
  });
});
