export { NewIncidentDialog } from './NewIncidentDialog';
