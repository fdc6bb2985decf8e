// What other domains may use from the partner data hub.
export * from './disclosure.ts';
export { seedDemoOrganisations } from './organisations.seed.ts';
export { seedDemoDatasets } from './demo-datasets.ts';
export { checkSubmission, problemsCsv, SubmissionFileError, type SubmissionCheck, type SubmissionSpec } from './submission-input.ts';
export { describeDiff, type DiffSummary, type SubmissionsService } from './submissions.service.ts';
export { createProfilesService, type PlaceProfile, type ProfilesService } from './profiles.service.ts';
export { datasetDataApiRoutes, dataMarkers } from './data-api.routes.ts';
export { viewerOf } from './access.ts';
export { createDatasetFeeds, datasetFeedKind, type DatasetFeedRefresh, type DatasetFeeds } from './dataset-feeds.ts';
export { datasetFeedStaffRoutes } from './dataset-feeds.routes.ts';
