import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  IncidentDetail,
  Responder,
  RESPONDER_ROLE_TITLES,
  RESPONDER_ROLES,
  ResponderRole,
} from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { UserPicker } from '../UserPicker';

/** The people in each response role; a role may have several. */
export function RespondersCard(props: {
  incident: IncidentDetail;
  busy: boolean;
  /** Absent when the user may not change the incident. */
  onChange?: (responders: Responder[]) => void;
}) {
  const { incident, busy, onChange } = props;
  const inRole = (role: ResponderRole) =>
    incident.responders.filter(r => r.role === role).map(r => r.userRef);

  return (
    <InfoCard title="Responders">
      {RESPONDER_ROLES.map(role => (
        <Box key={role} mb={2} data-testid={`role-${role}`}>
          <Typography variant="subtitle2">
            {RESPONDER_ROLE_TITLES[role]}
          </Typography>
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} my={0.5}>
            {inRole(role).length === 0 && (
              <Typography variant="body2" color="textSecondary">
                Nobody
              </Typography>
            )}
            {inRole(role).map(userRef => (
              <Chip
                key={userRef}
                size="small"
                label={<EntityRefLink entityRef={userRef} defaultKind="user" />}
                onDelete={
                  busy || !onChange
                    ? undefined
                    : () =>
                        onChange(
                          incident.responders.filter(
                            r => !(r.role === role && r.userRef === userRef),
                          ),
                        )
                }
                aria-label={`${userRef} as ${RESPONDER_ROLE_TITLES[role]}`}
              />
            ))}
          </Box>
          {onChange && (
            <UserPicker
              label={`Add ${RESPONDER_ROLE_TITLES[role].toLocaleLowerCase(
                'en-US',
              )}`}
              exclude={inRole(role)}
              disabled={busy}
              onPick={userRef =>
                onChange([...incident.responders, { role, userRef }])
              }
            />
          )}
        </Box>
      ))}
    </InfoCard>
  );
}
