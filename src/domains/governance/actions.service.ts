import type { GovernanceDeps } from './deps.ts';

export function createActionsService(deps: GovernanceDeps) {
  void deps;
  return {};
}

export type ActionsService = ReturnType<typeof createActionsService>;
