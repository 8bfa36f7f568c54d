/**
 * A search backend module that indexes incident-followups' post-mortems.
 *
 * @packageDocumentation
 */
export { searchModuleIncidentFollowupsCollator as default } from './module';
export {
  PostmortemCollatorFactory,
  toSearchDocument,
} from './PostmortemCollatorFactory';
