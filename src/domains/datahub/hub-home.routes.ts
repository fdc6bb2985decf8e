// The partner data hub's front page (/hub): who you act for, and links to the hub's pages. Only pages
// that exist are linked: the list is read from the route table (parameterless GET pages under /hub/).
import type { RouteDef, RouteTableEntry } from '../../platform/http/routes.ts';
import type { Renderer } from '../../platform/http/render.ts';
import type { Services } from '../../services.ts';
import { organisationTypeLabels } from './organisations.service.ts';

/** What the front page calls the hub's pages (a route's summary is written for the route table, not for partners). */
const linkTexts: Record<string, string> = {
  '/hub/datasets': 'Datasets: those your organisation may see, and why; submit your organisation’s data from its dataset’s page',
  '/hub/agreements': 'Data-sharing agreements: who may see which datasets, and until when',
  '/hub/places': 'Place profiles: the partner data you may see for each area, beside its recorded crime',
};

export function hubHomeRoutes(services: Services, renderer: Renderer, routeTable: readonly RouteTableEntry[]): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/hub',
      access: 'partner',
      summary: 'Partner data hub: the organisation you act for and the hub pages',
      handler: async (req, res) => {
        const user = req.user;
        const organisation = user ? await services.organisations.organisationOfUser(user.id) : null;
        const links = routeTable
          .filter((r) => r.method === 'GET' && r.path.startsWith('/hub/') && !r.path.includes(':') && r.access === 'partner')
          .map((r) => ({ href: r.path, text: linkTexts[r.path] ?? r.summary }))
          .sort((a, b) => a.href.localeCompare(b.href));
        await renderer.page(req, res, 'domains/datahub/views/hub-home.njk', {
          pageTitle: 'Partner data hub',
          organisation,
          typeLabel: organisation ? organisationTypeLabels[organisation.type] : null,
          links,
          isStaff: user?.role !== 'partner',
          isAdmin: user?.role === 'admin',
        });
      },
    },
  ];
}
