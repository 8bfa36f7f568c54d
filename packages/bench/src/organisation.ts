import { seededRandom } from './random';
import { Scale } from './scale';

export interface SyntheticGroup {
  name: string;
  parent?: string;
  /** 1 for the top-level groups, 4 for the leaf teams. */
  level: number;
}

export interface SyntheticUser {
  name: string;
  team: string;
}

export interface SyntheticComponent {
  name: string;
  owner: string;
}

/** The catalog side of the bench: groups in a 4-level hierarchy, their people, components. */
export interface Organisation {
  groups: SyntheticGroup[];
  users: SyntheticUser[];
  components: SyntheticComponent[];
  /** Each group's ancestors, nearest first. */
  ancestors: Map<string, string[]>;
  /** The people of each leaf team. */
  members: Map<string, string[]>;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Builds the organisation. Children are spread evenly over the groups of the
 * level above; components go to the leaf teams at random (seeded).
 */
export function buildOrganisation(scale: Scale): Organisation {
  const random = seededRandom(7);
  const groups: SyntheticGroup[] = [];
  let parents: string[] = [];
  scale.groupsPerLevel.forEach((count, index) => {
    const level = index + 1;
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `l${level}-group-${pad(i + 1, 4)}`;
      names.push(name);
      groups.push({
        name,
        level,
        parent: parents.length ? parents[i % parents.length] : undefined,
      });
    }
    parents = names;
  });
  const parentOf = new Map(groups.map(g => [g.name, g.parent]));
  const ancestors = new Map<string, string[]>();
  for (const group of groups) {
    const chain: string[] = [];
    for (let p = group.parent; p; p = parentOf.get(p)) chain.push(p);
    ancestors.set(group.name, chain);
  }
  const teams = parents;
  const users: SyntheticUser[] = [];
  const members = new Map<string, string[]>();
  teams.forEach((team, t) => {
    const names = [];
    for (let i = 0; i < scale.usersPerTeam; i++) {
      const name = `user-${pad(t * scale.usersPerTeam + i + 1, 5)}`;
      users.push({ name, team });
      names.push(name);
    }
    members.set(team, names);
  });
  const components = Array.from({ length: scale.components }, (_, i) => ({
    name: `service-${pad(i + 1, 5)}`,
    owner: teams[Math.floor(random() * teams.length)],
  }));
  return { groups, users, components, ancestors, members };
}
