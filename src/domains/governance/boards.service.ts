import type { GovernanceDeps } from './deps.ts';

export function createBoardsService(deps: GovernanceDeps) {
  void deps;
  return {};
}

export type BoardsService = ReturnType<typeof createBoardsService>;
