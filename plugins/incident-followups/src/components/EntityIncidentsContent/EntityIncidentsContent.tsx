import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { incidentRouteRef } from '../../routes';
import { IncidentsTable } from '../IncidentsTable';
import { NewIncidentDialog } from '../NewIncidentDialog';
import { SourceSyncStatus } from './SourceSyncStatus';

/**
 * The Incidents tab of a catalog entity: its incidents, newest first (a system's
 * include its components'), and a way to record a new one.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityTitle = entity.metadata.title ?? entity.metadata.name;
  const incidentLink = useRouteRef(incidentRouteRef);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <SourceSyncStatus entityRef={entityRef} />
      <IncidentsTable
        title="Incidents"
        entityRef={entityRef}
        actions={
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setCreating(true)}
          >
            New incident
          </Button>
        }
        emptyContent={
          <EmptyState
            missing="data"
            title="No incidents"
            description={`No incident has affected ${entityTitle} yet.`}
          />
        }
      />
      <NewIncidentDialog
        open={creating}
        entityRef={entityRef}
        entityTitle={entityTitle}
        onClose={() => setCreating(false)}
        onCreated={incident =>
          navigate(incidentLink({ incidentId: incident.id }))
        }
      />
    </>
  );
}
