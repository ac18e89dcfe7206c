import type { AppModule } from '../../app/appModule.ts';

type Pages = typeof import('./registry.pages.ts');
const page = (name: keyof Pages) => async () => ({ Component: (await import('./registry.pages.ts'))[name] });

/**
 * The registry module in the web app: people in custody (search across scripts, custodial summary,
 * custody history and events), admission with the Mandela rule 7 record (ADM-3), institutions with
 * their cells, and the RES-8 living-space list.
 */
export const registryModule: AppModule = {
  name: 'registry',
  // The clinical words of the health alerts shown beside a person (MED-3).
  namespaces: ['registry', 'clinical'],
  nav: [
    { to: '/registry/persons', labelKey: 'registry:nav.persons', permission: 'registry.person.read' },
    { to: '/registry/admit', labelKey: 'registry:nav.admit', permission: 'registry.person.write' },
    {
      to: '/registry/institutions',
      labelKey: 'registry:nav.institutions',
      permission: 'registry.institution.read',
    },
    {
      to: '/registry/living-space',
      labelKey: 'registry:nav.livingSpace',
      permission: 'registry.occupancy.read',
    },
    { to: '/registry/staff', labelKey: 'registry:nav.staff', permission: 'registry.staff.read' },
  ],
  routes: [
    {
      path: 'registry/persons',
      handle: { permission: 'registry.person.read' },
      lazy: page('PersonSearchPage'),
    },
    {
      path: 'registry/persons/:id',
      handle: { permission: 'registry.person.read' },
      lazy: page('PersonPage'),
    },
    { path: 'registry/admit', handle: { permission: 'registry.person.write' }, lazy: page('AdmissionPage') },
    // Re-admission of a released person: the same form, the registered identity read-only.
    {
      path: 'registry/persons/:id/admit',
      handle: { permission: 'registry.person.write' },
      lazy: page('AdmissionPage'),
    },
    {
      path: 'registry/institutions',
      handle: { permission: 'registry.institution.read' },
      lazy: page('InstitutionsPage'),
    },
    {
      path: 'registry/institutions/:id',
      handle: { permission: 'registry.institution.read' },
      lazy: page('InstitutionPage'),
    },
    {
      path: 'registry/living-space',
      handle: { permission: 'registry.occupancy.read' },
      lazy: page('LivingSpacePage'),
    },
    { path: 'registry/cells/:id', handle: { permission: 'registry.occupancy.read' }, lazy: page('CellPage') },
    { path: 'registry/staff', handle: { permission: 'registry.staff.read' }, lazy: page('StaffPage') },
  ],
  // A person in transit too long leads to the person; a cell below RES-8 to the cell in its institution.
  worklistLink: (item) =>
    item.kind === 'in_transit_over_24h'
      ? `/registry/persons/${encodeURIComponent(item.subjectId)}`
      : item.kind.startsWith('cell_')
        ? `/registry/cells/${encodeURIComponent(item.subjectId)}`
        : null,
};
