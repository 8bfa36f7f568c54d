import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { IncidentPage } from './IncidentPage';
import { IncidentsTable } from './IncidentsTable';
import { PostmortemPage } from './Postmortem';

function AllIncidentsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Incidents"
        subtitle="Every incident, newest first; open one for its responders, related incidents and history"
      />
      <Content>
        <IncidentsTable title="Incidents" emptyContent="No incidents yet." />
      </Content>
    </Page>
  );
}

/**
 * The plugin's page: all incidents, and each incident's own page and post-mortem under it.
 *
 * @public
 */
export function IncidentFollowupsPage() {
  return (
    <Routes>
      <Route path="/" element={<AllIncidentsPage />} />
      <Route path="/incidents/:incidentId" element={<IncidentPage />} />
      <Route
        path="/incidents/:incidentId/postmortem"
        element={<PostmortemPage />}
      />
    </Routes>
  );
}
