import { options, slugRule, type FieldSpec } from '../../platform/http/forms.ts';
import { humanise } from '../../platform/views/format.ts';
import { horizons, missionKinds, objectiveStatuses } from './plan.tables.ts';

export const horizonLabels: Record<string, string> = { first_six_months: 'First six months', rest_of_term: 'Rest of the term' };
export const statusLabels: Record<string, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };

export const planFields: FieldSpec[] = [
  { name: 'title', label: 'Title', kind: 'text', required: true, maxLength: 200 },
  { name: 'subtitle', label: 'Subtitle', kind: 'text', maxLength: 200 },
  { name: 'slug', label: 'Short name for web addresses', kind: 'text', required: true, maxLength: 80, hint: 'Lower-case letters, numbers and hyphens', pattern: slugRule },
  { name: 'commissioner', label: 'Commissioner', kind: 'text', maxLength: 200 },
  { name: 'periodStart', label: 'Start date', kind: 'date', required: true },
  { name: 'periodEnd', label: 'End date', kind: 'date', required: true },
  { name: 'summary', label: 'Summary', kind: 'textarea' },
  { name: 'sourceDocument', label: 'Source document', kind: 'text', maxLength: 300 },
  { name: 'forceAreaCode', label: 'Force area code', kind: 'text', maxLength: 20, hint: 'The ONS GSS code of the police force area, like E23000026' },
];

export const stageFields: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true, maxLength: 120 },
  { name: 'periodStart', label: 'Start date', kind: 'date', required: true },
  { name: 'periodEnd', label: 'End date', kind: 'date', required: true },
  { name: 'description', label: 'Description', kind: 'textarea' },
  { name: 'position', label: 'Order', kind: 'number', min: 0, max: 1000 },
];

export const missionFields: FieldSpec[] = [
  { name: 'title', label: 'Title', kind: 'text', required: true, maxLength: 200 },
  { name: 'slug', label: 'Short name for web addresses', kind: 'text', required: true, maxLength: 80, hint: 'Lower-case letters, numbers and hyphens', pattern: slugRule },
  { name: 'kind', label: 'Kind', kind: 'select', required: true, options: options(missionKinds, (k) => (k === 'mission' ? 'Mission' : 'Foundation (supports every mission)')) },
  { name: 'summary', label: 'Summary in one sentence', kind: 'text', maxLength: 400 },
  { name: 'purpose', label: 'Purpose', kind: 'textarea' },
  { name: 'lead', label: 'Lead', kind: 'text', maxLength: 200 },
  { name: 'position', label: 'Order', kind: 'number', min: 0, max: 1000 },
];

export const objectiveFields: FieldSpec[] = [
  { name: 'ref', label: 'Reference', kind: 'text', required: true, maxLength: 20, hint: 'Short and unique in the mission, like PREV-01' },
  { name: 'text', label: 'Commitment', kind: 'textarea', required: true, maxLength: 2000, hint: 'As the plan says it: "The PCC will …"' },
  { name: 'horizon', label: 'Horizon', kind: 'select', required: true, options: options(horizons, (h) => horizonLabels[h] ?? h) },
  { name: 'dueDate', label: 'Due date', kind: 'date' },
  { name: 'owner', label: 'Owner', kind: 'text', maxLength: 200 },
  { name: 'position', label: 'Order', kind: 'number', min: 0, max: 1000 },
];

export const objectiveStatusFields: FieldSpec[] = [
  { name: 'status', label: 'New status', kind: 'select', required: true, options: options(objectiveStatuses, (s) => statusLabels[s] ?? humanise(s)) },
  { name: 'narrative', label: 'What has happened', kind: 'textarea', required: true, maxLength: 5000, hint: 'Shown to the public with the status' },
  { name: 'evidenceUrl', label: 'Link to evidence', kind: 'url', maxLength: 1000, hint: 'Optional. A web address starting with https://' },
  { name: 'effectiveDate', label: 'Date of the change', kind: 'date', required: true },
];

