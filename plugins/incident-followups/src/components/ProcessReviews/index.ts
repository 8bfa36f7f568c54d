export { ProcessReviewsPage } from './ProcessReviewsPage';
