import plugin from './alpha';
import { isIncidentsTabAvailable } from './isIncidentsTabAvailable';

describe('incident-followups frontend plugin', () => {
  it('offers the Incidents tab on component pages only', () => {
    expect(plugin.id).toBe('incident-followups');
    const base = {
      apiVersion: 'backstage.io/v1alpha1',
      metadata: { name: 'x' },
    };
    expect(isIncidentsTabAvailable({ ...base, kind: 'Component' })).toBe(true);
    expect(isIncidentsTabAvailable({ ...base, kind: 'Group' })).toBe(false);
  });
});
