/**
 * Statistics for measures: XmR/SPC charts in the NHS "Making Data Count" convention (spc.ts),
 * target trajectories and trend forecasts (trajectory.ts), the status of a measure against its
 * targets in words (status.ts), Student's t quantiles (student-t.ts) and the date and number
 * formatting they share (format.ts). All pure: no database, no I/O, no clock.
 */
export {
  assuranceDescriptions,
  assuranceFor,
  assuranceLabels,
  classificationLabels,
  classify,
  MIN_POINTS_FOR_LIMITS,
  MIN_POINTS_FOR_STABLE_LIMITS,
  MOVING_RANGE_D2,
  MOVING_RANGE_SCREEN_FACTOR,
  PROCESS_LIMIT_FACTOR,
  ruleLabels,
  SHIFT_POINTS,
  targetDirectionFor,
  TREND_POINTS,
  variationDescriptions,
  variationLabels,
  xmr,
} from './spc.ts';
export type {
  AssuranceIcon,
  PointClassification,
  Polarity,
  SpcDirection,
  SpcRule,
  TargetDirection,
  VariationIcon,
  XmrLimits,
  XmrOptions,
  XmrPoint,
  XmrResult,
  XmrSegment,
} from './spc.ts';
export { DEFAULT_FORECAST_LEVEL, DEFAULT_RECENT_POINTS, fitAndPredict, forecast, MIN_FORECAST_POINTS, sortByDate, trajectory } from './trajectory.ts';
export type { DatedValue, Forecast, ForecastOptions, Trajectory } from './trajectory.ts';
export { MIN_POINTS_FOR_STATUS, targetStatus, targetStatusLabels } from './status.ts';
export type { StatusTarget, TargetStatus, TargetStatusInput, TargetStatusWord } from './status.ts';
export { logGamma, normalQuantile, regularizedIncompleteBeta, studentTCdf, studentTPdf, studentTQuantile } from './student-t.ts';
export { DAYS_PER_YEAR, daysToIsoDate, decimalsFor, formatLevel, formatLongDate, formatStatNumber, formatStatNumbers, isoDateToDays, isoDateToYears } from './format.ts';
