import type { FhirResourceType, IpsSection } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { ProgrammeHepbDoseTable } from './pep-tables.ts';

/**
 * Hepatitis B vaccine doses in FHIR R4 (issue 16 item 6; PHC-11; ADR 0049): one Immunization per
 * dose, CVX 43 (hepatitis B vaccine, adult dosage: the people held are adults), `completed` when
 * given with its lot number, `not-done` with the reason "patient objection" when refused; and the
 * IPS `$summary` immunizations section (LOINC 11369-6).
 */
const CVX = 'http://hl7.org/fhir/sid/cvx';

type DoseRow = ProgrammeHepbDoseTable & { schedule: string; display_name: string | null };

function immunization(d: DoseRow) {
  return {
    resourceType: 'Immunization',
    id: d.id,
    status: d.outcome === 'given' ? 'completed' : 'not-done',
    ...(d.outcome === 'refused'
      ? {
          statusReason: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
                code: 'PATOBJ',
                display: 'patient objection',
              },
            ],
          },
        }
      : {}),
    vaccineCode: {
      coding: [{ system: CVX, code: '43', display: 'Hep B, adult' }],
      text: 'Hepatitis B vaccine',
    },
    patient: { reference: `Patient/${d.person_id}` },
    occurrenceDateTime: d.given_on,
    recorded: d.recorded_at,
    primarySource: true,
    ...(d.batch ? { lotNumber: d.batch } : {}),
    ...(d.outcome === 'given' && d.display_name
      ? { performer: [{ actor: { display: d.display_name } }] }
      : {}),
    protocolApplied: [
      {
        series:
          d.schedule === 'accelerated' ? 'Accelerated 0, 7, 21 days + 12 months' : 'Standard 0, 1, 6 months',
        doseNumberPositiveInt: d.dose_number,
        seriesDosesPositiveInt: d.schedule === 'accelerated' ? 4 : 3,
      },
    ],
  };
}

/** Staff display names by user id (identity's service: the module names only its own tables). */
type DisplayNames = (executor: Executor, ids: readonly string[]) => Promise<Map<string, string>>;

async function doses(
  names: DisplayNames,
  executor: Executor,
  where: { id?: string; personId?: string },
  count: number,
) {
  let q = executor
    .selectFrom('programme_hepb_dose as d')
    .innerJoin('programme_hepb_course as c', 'c.id', 'd.course_id')
    .selectAll('d')
    .select(['c.schedule'])
    .orderBy('d.given_on', 'desc')
    .orderBy('d.id')
    .limit(count);
  if (where.id) q = q.where('d.id', '=', where.id);
  if (where.personId) q = q.where('d.person_id', '=', where.personId);
  const rows = await q.execute();
  const who = await names(executor, [...new Set(rows.map((r) => r.recorded_by))]);
  return rows.map((r) => immunization({ ...r, display_name: who.get(r.recorded_by) ?? null }));
}

export function pepFhirResources(names: DisplayNames): FhirResourceType[] {
  return [
    {
      type: 'Immunization',
      async personOf(executor, id) {
        const row = await executor
          .selectFrom('programme_hepb_dose')
          .select('person_id')
          .where('id', '=', id)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        return (await doses(names, tx, { id }, 1))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => doses(names, tx, { personId }, count),
    },
  ];
}

export function pepIpsSections(names: DisplayNames): IpsSection[] {
  return [
    {
      title: 'Immunizations',
      code: '11369-6',
      empty: 'No immunization recorded',
      resources: (tx, personId) => doses(names, tx, { personId }, 50),
    },
  ];
}
