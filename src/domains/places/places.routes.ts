// Staff page for places: how many of each type, the force area's local authorities and community
// safety partnerships with populations and LSOA counts, every place import with its summary, and an
// upload (editors) that goes through the same import as `safer import population|boundaries|lookup`.
import type { Request, Response } from 'express';
import type { Csrf } from '../../platform/http/csrf.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { RouteDef } from '../../platform/http/routes.ts';
import type { Services } from '../../services.ts';
import { actorOf, readUpload } from '../staff/index.ts';
import { describePlaceImport, describeProblem, PlaceImportError, type PlaceImportKind, type PlaceImportSummary } from './place-imports.ts';

const view = 'domains/places/views/places.njk';
const kinds: { value: PlaceImportKind; text: string; hint: string }[] = [
  { value: 'population', text: 'Population by LSOA', hint: 'Census 2021 usual residents by 2021 LSOA: the clean CSV or the raw Nomis output' },
  { value: 'boundaries', text: 'Boundaries', hint: 'GeoJSON or TopoJSON of LSOAs, local authorities, community safety partnerships or police force areas' },
  { value: 'lookup', text: 'ONS lookup', hint: 'Local authority → community safety partnership → police force area, or LSOA 2011 → 2021 (told apart by the header)' },
];
const typeLabels = { force_area: 'Police force areas', csp: 'Community safety partnerships', local_authority: 'Local authorities', ward: 'Wards', lsoa: 'LSOAs' } as const;

export function placesRoutes(services: Services, renderer: Renderer, csrf: Csrf): RouteDef[] {
  async function show(req: Request, res: Response, context: Record<string, unknown>, status = 200) {
    const year = Number(services.today().slice(0, 4));
    const plan = await services.plan.currentPlan('all');
    const forceCode = plan?.forceAreaCode ?? null;
    const counts = await services.places.countsByType();
    let force = null;
    if (forceCode) {
      const area = await services.places.placesInForceArea(forceCode);
      const rows = [...area.csps, ...area.localAuthorities];
      const codes = [forceCode, ...rows.map((p) => p.code)];
      const [populations, sums] = await Promise.all([services.places.populations(codes, year), services.places.lsoaSums(codes, year)]);
      const names = new Map([area.forceArea, ...rows].filter((p) => p !== null).map((p) => [p.code, p.name]));
      const describe = (code: string) => ({ population: populations.get(code) ?? null, lsoas: sums.get(code)?.lsoas ?? 0, lsoaSum: sums.get(code)?.withPopulation ? (sums.get(code)?.population ?? null) : null });
      force = {
        place: area.forceArea,
        ...describe(forceCode),
        rows: rows
          .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type))
          .map((p) => ({ ...p, typeLabel: p.type === 'csp' ? 'Community safety partnership' : 'Local authority', parentName: p.parentCode ? (names.get(p.parentCode) ?? p.parentCode) : null, ...describe(p.code) })),
      };
    }
    const imports = (await services.places.imports()).map((i) => ({ ...i, lines: describePlaceImport(i.summary as unknown as PlaceImportSummary) }));
    await renderer.page(req, res, view, {
      pageTitle: 'Places',
      breadcrumbs: [{ text: 'Staff area', href: '/staff' }],
      canEdit: req.user?.role === 'editor' || req.user?.role === 'admin',
      year,
      forceCode,
      counts: (Object.keys(typeLabels) as (keyof typeof typeLabels)[]).map((t) => ({ label: typeLabels[t], count: counts[t] })),
      force,
      imports,
      kindItems: kinds.map((k) => ({ value: k.value, text: k.text, hint: { text: k.hint }, checked: k.value === context.kindValue })),
      maxUploadMb: Math.round(services.config.maxUploadBytes / 1024 / 1024),
      ...context,
    }, status);
  }

  return [
    {
      method: 'get',
      path: '/places',
      access: 'signed-in',
      summary: 'Places by type, the force area’s local authorities and partnerships with populations, and place imports',
      handler: (req, res) => show(req, res, {}),
    },
    {
      method: 'post',
      path: '/places/import',
      access: 'editor',
      csrf: 'handler',
      summary: 'Import population, boundaries or an ONS lookup: all of the file or none of it',
      handler: async (req, res) => {
        const form = await readUpload(req, services.config.maxUploadBytes);
        csrf.verify(req, form.fields._csrf);
        const kind = kinds.find((k) => k.value === form.fields.kind)?.value ?? null;
        const fileName = form.file?.name.replace(/[^\w.\- ]/g, '_').slice(0, 120) || null;
        const errors: { text: string; href: string }[] = [];
        if (!kind) errors.push({ text: 'Choose what the file holds', href: '#kind' });
        if (!form.file || !fileName || !form.file.content.length) {
          if (!form.file?.truncated) errors.push({ text: 'Choose a file to import', href: '#file' });
        }
        if (form.file?.truncated) errors.push({ text: `The file is larger than ${Math.round(services.config.maxUploadBytes / 1024 / 1024)} MB. Import it from the command line: npx safer import ${kind ?? 'population'} <file>`, href: '#file' });
        if (!errors.length && kind && form.file && fileName) {
          try {
            const summary = await services.places.importPlaceFile(kind, { name: fileName, content: form.file.content }, actorOf(req));
            return show(req, res, { result: describePlaceImport(summary), kindValue: kind });
          } catch (error) {
            if (!(error instanceof PlaceImportError)) throw error;
            errors.push(...error.problems.slice(0, 20).map((p) => ({ text: describeProblem(error.fileName, p), href: '#file' })));
            if (error.problems.length > 20) errors.push({ text: `… and ${error.problems.length - 20} more problems`, href: '#file' });
          }
        }
        return show(req, res, {
          errorSummary: errors,
          errorSummaryMore: 'Nothing was stored. Correct the file and import it again.',
          kindError: errors.find((e) => e.href === '#kind')?.text,
          fileError: errors.find((e) => e.href === '#file')?.text,
          kindValue: kind,
        }, 400);
      },
    },
  ];
}
