export { IncidentsTable } from './IncidentsTable';
