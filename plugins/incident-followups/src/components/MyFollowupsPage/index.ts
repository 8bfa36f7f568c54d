export { MyFollowupsPage } from './MyFollowupsPage';
