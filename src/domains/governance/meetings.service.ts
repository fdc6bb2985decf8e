import type { GovernanceDeps } from './deps.ts';

export function createMeetingsService(deps: GovernanceDeps) {
  void deps;
  return {};
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
