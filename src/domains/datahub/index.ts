// What other domains may use from the partner data hub.
export * from './disclosure.ts';
export { seedDemoOrganisations } from './organisations.seed.ts';
export { seedDemoDatasets } from './demo-datasets.ts';
