import { Route, Routes } from 'react-router-dom';
import { ProcessReviewDetail } from './ProcessReviewDetail';
import { ProcessReviewList } from './ProcessReviewList';

/**
 * Process reviews: the meetings, and each meeting's page.
 *
 * @public
 */
export function ProcessReviewsPage() {
  return (
    <Routes>
      <Route path="/" element={<ProcessReviewList />} />
      <Route path="/:reviewId" element={<ProcessReviewDetail />} />
    </Routes>
  );
}
