export { TeamFollowupsPage } from './TeamFollowupsPage';
export { TeamFollowupsCard } from './TeamFollowupsCard';
