// What other domains may use from the plan domain.
export * from './plan.tables.ts';
export { horizonLabels, missionFields, objectiveFields, objectiveStatusFields, planFields, stageFields, statusLabels } from './plan.forms.ts';
export { createPlanService, type Mission, type Objective, type Plan, type PlanService } from './plan.service.ts';
