import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * Entity links one per line, for narrow table cells: EntityRefLinks puts a
 * comma between links, and a cell too narrow for two names wraps that comma
 * onto a line of its own.
 */
export const EntityRefStack = (props: {
  entityRefs: string[];
  defaultKind: string;
}) => (
  <>
    {props.entityRefs.map(ref => (
      <div key={ref}>
        <EntityRefLink entityRef={ref} defaultKind={props.defaultKind} />
      </div>
    ))}
  </>
);
