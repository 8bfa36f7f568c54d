export { PostmortemSearchResultListItem } from './PostmortemSearchResultListItem';
