import type { GovernanceDeps } from './deps.ts';

export function createDecisionsService(deps: GovernanceDeps) {
  void deps;
  return {};
}

export type DecisionsService = ReturnType<typeof createDecisionsService>;
