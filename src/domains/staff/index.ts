// What other domains may use from the staff area: reading uploads and describing their problems.
export { readUpload, type UploadedForm } from './upload.ts';
export { actorOf, describeProblems } from './staff.routes.ts';
