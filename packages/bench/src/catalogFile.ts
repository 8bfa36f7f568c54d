import fs from 'node:fs';
import { stringify } from 'yaml';
import { Organisation } from './organisation';

/**
 * The organisation as one catalog file (groups, users, components) that the
 * bench backend reads as a file location.
 */
export function writeCatalogFile(org: Organisation, file: string): number {
  const children = new Map<string, string[]>();
  for (const group of org.groups) {
    if (group.parent) {
      children.set(group.parent, [
        ...(children.get(group.parent) ?? []),
        group.name,
      ]);
    }
  }
  const entities = [
    ...org.groups.map(group => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: group.name },
      spec: {
        type: group.level === 4 ? 'team' : `level-${group.level}`,
        ...(group.parent ? { parent: group.parent } : {}),
        children: children.get(group.name) ?? [],
      },
    })),
    ...org.users.map(user => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: user.name },
      spec: {
        profile: { email: `${user.name}@example.com` },
        memberOf: [user.team],
      },
    })),
    ...org.components.map(component => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: component.name },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/${component.owner}`,
      },
    })),
  ];
  fs.writeFileSync(
    file,
    entities.map(entity => stringify(entity)).join('---\n'),
  );
  return entities.length;
}
