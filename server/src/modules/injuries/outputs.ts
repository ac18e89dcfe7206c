import { addDays, type Language, wallTimeToInstant } from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import { badRequest, forbidden, notFound, ruleRefused } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { clinicalAccess, type InjuriesDeps, injuriesRules, inScope, institutionsOf } from './context.ts';
import { copyPdf, registerExport, registerSummary, reportPdf } from './documents.ts';
import { recordInScope } from './records.ts';
import { recipientsOf } from './reports.ts';
import { createInjuryViews } from './views.ts';

/** The documents of the module: the report (INJ-4), the copy (INJ-5) and the register (INJ-6). */
export function createOutputs(deps: InjuriesDeps) {
  const { db, clock, audit, registry } = deps;
  const views = createInjuryViews(deps);

  return {
    /**
     * INJ-4: the report as a PDF in the recipient's language: for a sent report (`reportId`) or, before
     * sending, for the institution's recipient of `recipientKind`.
     */
    async reportDocument(
      caller: Caller,
      q: { reportId?: string; recordId?: string; recipientKind?: string },
    ) {
      const institutions = await institutionsOf(deps);
      return inTransaction(db, async (tx) => {
        let recordId = q.recordId;
        let recipient: { name: string; address: string; language: Language } | undefined;
        let objection: string | null = null;
        if (q.reportId) {
          const report = await tx
            .selectFrom('injury_report')
            .selectAll()
            .where('id', '=', q.reportId)
            .executeTakeFirst();
          if (!report) throw notFound('No such report.');
          recordId = report.record_id;
          recipient = {
            name: report.recipient_name,
            address: report.recipient_address,
            language: report.language as Language,
          };
          objection = report.person_objected ? (report.objection ?? '') : null;
        }
        if (!recordId) throw notFound('No such record.');
        const row = await recordInScope(tx, caller, recordId);
        if (!recipient) {
          const r = (await recipientsOf(tx, [row.institution_id])).find((x) => x.kind === q.recipientKind);
          if (!r)
            throw ruleRefused([{ path: 'recipientKind', code: 'recipient_not_configured' }], injuriesRules);
          recipient = { name: r.name, address: r.address, language: r.language as Language };
        }
        await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
          action: 'injuries.report.document',
          resourceType: 'injury_record',
          resourceId: recordId,
        });
        const { view, zone } = await views.recordForDocument(tx, recordId, institutions.zone);
        const person = (await registry.personLabels(tx, [row.person_id])).get(row.person_id);
        const inst = institutions.get(row.institution_id);
        const body = await reportPdf(view, recipient, {
          zone,
          personLabel: person ? `${person.prisonNumber} · ${person.name}` : '',
          institutionName: inst?.name[recipient.language] ?? '',
          generatedAt: clock.now().toISOString(),
          generatedBy: caller.user.displayName,
          objection,
        });
        return { filename: `injury-report-${recordId}.pdf`, contentType: 'application/pdf', body };
      });
    },

    /** INJ-5: the copy of the record, in the language asked for. */
    async copyDocument(caller: Caller, id: string, language: Language) {
      const institutions = await institutionsOf(deps);
      return inTransaction(db, async (tx) => {
        const row = await recordInScope(tx, caller, id);
        await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
          action: 'injuries.copy.document',
          resourceType: 'injury_record',
          resourceId: id,
        });
        const { view, zone } = await views.recordForDocument(tx, id, institutions.zone);
        const person = (await registry.personLabels(tx, [row.person_id])).get(row.person_id);
        const inst = institutions.get(row.institution_id);
        const body = await copyPdf(view, language, {
          zone,
          personLabel: person ? `${person.prisonNumber} · ${person.name}` : '',
          institutionName: inst?.name[language] ?? '',
          generatedAt: clock.now().toISOString(),
          generatedBy: caller.user.displayName,
        });
        return { filename: `injury-record-${id}.pdf`, contentType: 'application/pdf', body };
      });
    },

    /**
     * INJ-6: the register of an institution for a month (its days in the institution's zone); DAT-6:
     * suppressed for readers who do not hold the clinical record.
     */
    async register(
      caller: Caller,
      q: { institutionId: string; month: string; format: 'json' | 'csv' | 'pdf' },
    ) {
      if (!inScope(caller.viewer, q.institutionId)) throw forbidden('Not an institution you work in.');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month))
        throw badRequest('validation_failed', 'Month as YYYY-MM.');
      const inst = (await institutionsOf(deps)).get(q.institutionId);
      const zone = inst?.timeZone ?? deps.timeZone;
      const first = `${q.month}-01`;
      const next = addDays(`${q.month}-28`, 4).slice(0, 7);
      const from = wallTimeToInstant(`${first}T00:00:00`, zone) ?? `${first}T00:00:00.000Z`;
      const to = wallTimeToInstant(`${next}-01T00:00:00`, zone) ?? `${next}-01T00:00:00.000Z`;
      const clinical = caller.has('injuries.record.read');
      const rows = await views.registerRows(q.institutionId, from, to);
      const rate = await deps.screening.screeningRate(caller.viewer, {
        institutionId: q.institutionId,
        from,
        to,
      });
      const summary = registerSummary(rows, rate.admissions, clinical);
      await audit.recordAlone(caller.audit, {
        action: 'injuries.register.read',
        dataClass: 'aggregate',
        outcome: 'allowed',
        resourceType: 'institution',
        resourceId: q.institutionId,
        details: { month: q.month, format: q.format },
      });
      if (q.format === 'json') return { month: q.month, institutionId: q.institutionId, ...summary };
      return registerExport(
        summary,
        { institutionName: inst?.name.en ?? '', month: q.month, format: q.format },
        { timeZone: zone, generatedAt: clock.now().toISOString(), generatedBy: caller.user.displayName },
      );
    },
  };
}
