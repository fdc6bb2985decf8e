// Benchmark data only: ten years of monthly observations (2015-01 to 2024-12) for every measure of
// the current plan, for every place its geography implies, from a seeded random walk. Nothing here
// is real: each row is stored with source 'generated' and the note 'benchmark data'. It goes through
// the observation validator and measures.addObservations, as an upload would, so caches invalidate.
import type { Actor } from '../../src/platform/audit/audit.service.ts';
import { validateObservations, type RawObservation } from '../../src/domains/measures/observation-input.ts';
import type { Services } from '../../src/services.ts';

const forceArea = 'E23000026';
const localAuthorities = ['E06000055', 'E06000056', 'E06000032'];
export const firstYear = 2015;
export const years = 10;

const actor: Actor = { userId: null, label: 'benchmark data generator' };

/** mulberry32: a small, seeded pseudo-random generator, so every run loads the same numbers. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedData {
  measures: number;
  observations: number;
  frequencyChanged: number;
}

export async function generateBenchmarkData(services: Services, seed = 20150101): Promise<GeneratedData> {
  const plan = await services.plan.currentPlan('all');
  if (!plan) throw new Error('no current plan to generate benchmark data for');
  const placeCodes = await services.measures.placeCodes();
  const random = seededRandom(seed);
  const rows = await services.measures.listMeasures(plan.id, 'all');
  let observations = 0;
  let frequencyChanged = 0;
  for (const { measure } of rows) {
    // Monthly data needs a monthly measure (the validator checks the period against the frequency):
    // in the benchmark's own database only, the others become monthly.
    if (measure.frequency !== 'month') {
      await services.measures.updateMeasure(actor, measure.id, { frequency: 'month' }, 'benchmark data: ten years of monthly data');
      frequencyChanged++;
    }
    // Hotspots and LSOAs are not among the demo places: their series go on the force area.
    const places = measure.geography === 'local_authority' ? localAuthorities : [forceArea];
    const detail = await services.measures.detail(measure);
    const percent = measure.unit.includes('per cent') || measure.unit.includes('%');
    const raws: { row: number; values: RawObservation }[] = [];
    for (const place of places) {
      const baseline = detail.baselines.find((b) => b.placeCode === place)?.value ?? detail.baselines[0]?.value ?? null;
      let value = baseline ?? (percent ? 60 : 100);
      for (let i = 0; i < years * 12; i++) {
        value *= 1 + (random() - 0.5) * 0.08;
        if (percent) value = Math.min(100, Math.max(0, value));
        const year = firstYear + Math.floor(i / 12);
        const month = String((i % 12) + 1).padStart(2, '0');
        raws.push({ row: raws.length + 2, values: { period: `${year}-${month}`, place_code: place, value: value.toFixed(2), note: 'benchmark data' } });
      }
    }
    const { valid, problems } = validateObservations(raws, { frequency: 'month', placeCodes });
    if (problems.length) throw new Error(`generated data for ${measure.slug} failed validation: ${problems[0]?.message}`);
    const summary = await services.measures.addObservations(actor, measure.id, valid, 'generated', 'benchmark-data.csv');
    observations += summary.added;
  }
  return { measures: rows.length, observations, frequencyChanged };
}
