import plugin from './alpha';
import { isIncidentsTabAvailable } from './isIncidentsTabAvailable';

describe('incident-followups frontend plugin', () => {
  it('provides its API and the Incidents tab', () => {
    expect(plugin.pluginId).toBe('incident-followups');
    expect(plugin.getExtension('api:incident-followups')).toBeDefined();
    expect(
      plugin.getExtension('entity-content:incident-followups/incidents'),
    ).toBeDefined();
  });

  it('offers the Incidents tab on component and system pages', () => {
    const base = {
      apiVersion: 'backstage.io/v1alpha1',
      metadata: { name: 'x' },
    };
    expect(isIncidentsTabAvailable({ ...base, kind: 'Component' })).toBe(true);
    expect(isIncidentsTabAvailable({ ...base, kind: 'System' })).toBe(true);
    expect(isIncidentsTabAvailable({ ...base, kind: 'Group' })).toBe(false);
  });
});
