export { PostmortemPage } from './PostmortemPage';
export { PostmortemCard } from './PostmortemCard';
