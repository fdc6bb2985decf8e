// What other domains may use from the office domain.
export * from './office.tables.ts';
export { contrastWithWhite, createOfficeService, officeFields, type Office, type OfficeService } from './office.service.ts';
