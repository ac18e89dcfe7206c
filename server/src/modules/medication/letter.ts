import { instantToWallTime, type Language } from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import { createPdf } from '../../platform/export/pdf.ts';
import type { Caller } from '../identity/index.ts';
import { personFullName } from '../registry/index.ts';
import type { MedicationContext } from './context.ts';
import { travellingMedication } from './ips.ts';
import type { MedicationOrders } from './orders.ts';
import { personAccess } from './views.ts';

/** The letter's words in the three languages (the codes it shows are the module's codes). */
const words: Record<
  Language,
  {
    title: string;
    intro: string;
    person: string;
    born: string;
    number: string;
    planned: string;
    none: string;
    columns: [string, string, string, string, string];
    lastDose: string;
    supply: string;
    signature: string;
  }
> = {
  az: {
    title: 'Resept məktubu (azadolma)',
    intro:
      'Bu məktub şəxsin müalicəsinin davam etdirilməsi üçün icma həkiminə təqdim edilir. Aşağıda aktiv təyinatlar göstərilib.',
    person: 'Şəxs',
    born: 'Doğum tarixi',
    number: 'Məhbus nömrəsi',
    planned: 'Planlaşdırılan azadolma',
    none: 'Aktiv təyinat yoxdur.',
    columns: ['Dərman', 'Doza', 'Qəbul', 'Göstəriş', 'Bitmə tarixi'],
    lastDose: 'Son nəzarətli doza',
    supply: 'Verilmiş ehtiyat',
    signature: 'Həkimin imzası',
  },
  en: {
    title: 'Prescription letter (release)',
    intro:
      'This letter is for the community doctor continuing the person’s treatment. It lists the prescriptions in force.',
    person: 'Person',
    born: 'Date of birth',
    number: 'Prison number',
    planned: 'Planned release',
    none: 'No prescriptions in force.',
    columns: ['Medicine', 'Dose', 'Taken', 'Indication', 'Ends'],
    lastDose: 'Last supervised dose',
    supply: 'Supply given',
    signature: 'Doctor’s signature',
  },
  ru: {
    title: 'Письмо о назначениях (освобождение)',
    intro:
      'Письмо для врача по месту жительства, продолжающего лечение. В нём перечислены действующие назначения.',
    person: 'Лицо',
    born: 'Дата рождения',
    number: 'Номер заключённого',
    planned: 'Планируемое освобождение',
    none: 'Действующих назначений нет.',
    columns: ['Лекарство', 'Доза', 'Приём', 'Показание', 'Окончание'],
    lastDose: 'Последняя контролируемая доза',
    supply: 'Выдан запас',
    signature: 'Подпись врача',
  },
};

/**
 * TRC-4: the prescription letter prepared before release (PDF, az/en/ru): the prescriptions in force,
 * for each the last supervised dose and the supply given. Audited as a clinical read; records the letter
 * as prepared for the registry's planned release date (ADR 0055).
 */
export function createReleaseLetter(ctx: MedicationContext, orders: MedicationOrders) {
  const { db, clock, registry, audit, timeZone } = ctx;
  const access = personAccess(registry, audit);
  return async function releaseLetter(caller: Caller, personId: string, language: Language) {
    const { person, list, plan } = await inTransaction(db, async (tx) => {
      const person = await access(tx, caller.viewer, caller.audit, personId, {
        action: 'medication.release.letter',
        resourceType: 'medication_release_letter',
      });
      const list = await travellingMedication(tx, personId);
      // ADR 0055: the registry's planned release date (ADR 0050) is the only one.
      const plan = (await registry.plannedReleaseDates(tx, [personId])).get(personId) ?? null;
      await orders.letterPrepared(tx, personId, plan, caller.userId);
      return { person, list, plan };
    });
    const w = words[language];
    const now = clock.now();
    const wall = (iso: string) => instantToWallTime(iso, timeZone).replace('T', ' ').slice(0, 16);
    const institution = person.institution_id
      ? ((await registry.listInstitutions()).find((i) => i.id === person.institution_id)?.name[language] ??
        null)
      : null;
    const pdf = createPdf({
      title: w.title,
      language,
      institution,
      generatedAt: now.toISOString(),
      generatedBy: caller.user.displayName,
      timeZone,
    });
    const name = personFullName(person);
    pdf.text(w.intro);
    pdf.text(`${w.person}: ${name}`, { bold: true, before: 1 });
    pdf.text(`${w.born}: ${person.birth_date} · ${w.number}: ${person.prison_number}`);
    if (plan) pdf.text(`${w.planned}: ${plan}`);
    if (!list.length) pdf.text(w.none, { before: 1 });
    else {
      pdf.table(
        w.columns,
        list.map((t) => [
          t.drug ? `${t.drug.inn} ${t.drug.strength}` : '',
          `${Number(t.row.dose)} ${t.row.dose_unit} · ${t.row.route}`,
          `${t.row.frequency} (${(JSON.parse(t.row.times_of_day) as string[]).join(', ')})`,
          t.row.indication,
          t.row.end_at.slice(0, 10),
        ]),
        [130, 90, 110, 110, 60],
      );
      for (const t of list) {
        const lines = [
          ...(t.lastSupervisedDose ? [`${w.lastDose}: ${wall(t.lastSupervisedDose)}`] : []),
          ...t.supplies.map((s) => `${w.supply}: ${s.quantity} (${wall(s.last)})`),
        ];
        if (lines.length) pdf.text(`${t.drug?.inn ?? ''}: ${lines.join('; ')}`, { size: 8, before: 0.3 });
      }
    }
    pdf.text(`${w.signature}: ____________________`, { before: 3 });
    return {
      filename: `prescription-letter-${person.prison_number}-${language}.pdf`,
      contentType: 'application/pdf',
      body: await pdf.end(),
    };
  };
}
