import { createRequire } from 'node:module';
import {
  boardSchema,
  episodeSchema,
  episodeStartedSchema,
  eventRecordedSchema,
  monthlyReportSchema,
  type Permission,
  pageQuerySchema,
  permissionCatalogue,
  personEpisodesSchema,
  policiesSchema,
  policyCreatedSchema,
  registerPageSchema,
  restraintAddTypesSchema,
  restraintApprovalSchema,
  restraintComplaintSchema,
  restraintCorrectionSchema,
  restraintDebriefSchema,
  restraintEndSchema,
  restraintEscalationSchema,
  restraintEventPermission,
  restraintHandoverSchema,
  restraintMedicalExaminationSchema,
  restraintObservationSchema,
  restraintPolicyInputSchema,
  restraintReviewSchema,
  restraintStartSchema,
  restraintSupervisionLapseSchema,
  restraintTrainingSchema,
  restraintTypes,
  suppressMonthlyReport,
  trainingRecordedSchema,
} from '@custodia/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { idempotencyHeaders } from '../../platform/http/idempotency.ts';
import { fileResponse } from '../../platform/http/responses.ts';
import type { Services } from '../../services.ts';
import { actorOf, requestContext } from '../identity/auth.ts';
import { type Actor, actorForAudit } from '../identity/service.ts';
import { createBoardStreams } from './live.ts';
import type { EventKind, RestraintActor } from './service.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const idParams = z.object({ id: z.string().min(1).max(64) });
const period = z.object({
  institutionId: z.string().min(1).max(64),
  from: z.iso.date(),
  to: z.iso.date(),
});

/** Event routes: the path, the permission and the body of each kind of event. */
const eventRoutes: {
  path: string;
  kind: EventKind;
  permission: Permission;
  body: z.ZodType;
  summary: string;
}[] = [
  {
    path: 'types',
    kind: 'types_added',
    permission: restraintEventPermission.types_added,
    body: restraintAddTypesSchema,
    summary: 'RST-1: another type added to the open episode, with the reason for the combination',
  },
  {
    path: 'approval',
    kind: 'approval',
    permission: restraintEventPermission.approval,
    body: restraintApprovalSchema,
    summary: 'RST-2: a doctor approves an emergency start',
  },
  {
    path: 'examinations',
    kind: 'examination',
    permission: restraintEventPermission.examination,
    body: restraintReviewSchema,
    summary: 'RST-2: the doctor’s examination',
  },
  {
    path: 'reviews',
    kind: 'review',
    permission: restraintEventPermission.review,
    body: restraintReviewSchema,
    summary: 'RST-7: a doctor’s review (hourly)',
  },
  {
    path: 'second-doctor',
    kind: 'second_doctor',
    permission: restraintEventPermission.second_doctor,
    body: restraintReviewSchema,
    summary: 'RST-7: a second doctor’s review (4 h or repeated use)',
  },
  {
    path: 'observations',
    kind: 'observation',
    permission: restraintEventPermission.observation,
    body: restraintObservationSchema,
    summary: 'RST-6: a structured observation note',
  },
  {
    path: 'handovers',
    kind: 'handover',
    permission: restraintEventPermission.handover,
    body: restraintHandoverSchema,
    summary: 'RST-4/5: supervision handed over to a named staff member',
  },
  {
    path: 'supervision-lapses',
    kind: 'supervision_lapse',
    permission: restraintEventPermission.supervision_lapse,
    body: restraintSupervisionLapseSchema,
    summary: 'RST-4/5: a lapse of supervision (a breach)',
  },
  {
    path: 'escalations',
    kind: 'escalation',
    permission: restraintEventPermission.escalation,
    body: restraintEscalationSchema,
    summary: 'RST-7: escalation to the head of health care and the ministry (24 h)',
  },
  {
    path: 'end',
    kind: 'end',
    permission: restraintEventPermission.end,
    body: restraintEndSchema,
    summary: 'RST-9: the end, why, and injuries; opens the examination after (RST-11)',
  },
  {
    path: 'person-debrief',
    kind: 'debrief_person',
    permission: restraintEventPermission.debrief_person,
    body: restraintDebriefSchema.omit({ with: true }),
    summary: 'RST-9: the debrief with the person',
  },
  {
    path: 'staff-debrief',
    kind: 'debrief_staff',
    permission: restraintEventPermission.debrief_staff,
    body: restraintDebriefSchema.omit({ with: true }),
    summary: 'RST-9: the staff debrief',
  },
  {
    path: 'medical-examinations',
    kind: 'medical_examination',
    permission: restraintEventPermission.medical_examination,
    body: restraintMedicalExaminationSchema,
    summary: 'RST-11: the medical examination after the measure; clears its countdown and the task',
  },
  {
    path: 'corrections',
    kind: 'correction',
    permission: restraintEventPermission.correction,
    body: restraintCorrectionSchema.extend({ at: z.iso.datetime({ offset: false }) }),
    summary: 'X-2: a correction pointing at an earlier event, with its reason',
  },
  {
    path: 'complaints',
    kind: 'complaint',
    permission: restraintEventPermission.complaint,
    body: restraintComplaintSchema,
    summary: 'RST-14: the person’s complaint about the episode',
  },
];

/** CSV field: quoted when needed; a leading =, +, - or @ is neutralised (no formula injection). */
const csv = (value: unknown) => {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function restraintRoutes(services: Services): FastifyPluginAsyncZod {
  const { restraint } = services;
  const tags = ['restraint'];
  const route = (permission: Permission) => ({
    permission,
    dataClass: permissionCatalogue[permission].dataClass,
  });
  const actorFor = (request: Parameters<typeof actorOf>[0], permission: Permission): RestraintActor => {
    const actor: Actor = actorOf(request);
    return {
      userId: actor.userId,
      viewer: {
        institutionIds: actor.institutionIds,
        national: actor.national,
        breakGlassPersonIds: actor.breakGlassPersonIds,
      },
      audit: actorForAudit(actor, requestContext(request), permission),
      permissions: actor.permissions,
      doctor: actor.permissions.has('restraint.episode.approve'),
      clinical: actor.permissions.has('clinical.record.read'),
    };
  };

  /**
   * RST-15, DAT-6: the monthly report; outside the health service (no clinical reader) counts from
   * 1 to 4 and those they could be worked out from are left out, and the report says so.
   */
  async function monthlyReportFor(
    request: Parameters<typeof actorOf>[0],
    institutionId: string,
    month: string,
  ) {
    const actor = actorOf(request);
    const report = await restraint.monthlyReport(
      { institutionIds: actor.institutionIds, national: actor.national },
      institutionId,
      month,
    );
    if (actor.permissions.has('clinical.record.read')) return { ...report, suppression: null };
    return { ...report, ...suppressMonthlyReport(report, services.config.smallCellThreshold) };
  }

  return async (app) => {
    // Open board streams end with their session, are capped per session and per server, and end
    // when the server stops, so shutting down never waits on them.
    const boardStreams = createBoardStreams(services.restraintLive, {
      board: (institutionId) => restraint.liveBoard(institutionId),
      activeSessions: (ids) => services.identity.activeSessionIds(ids),
      limits: services.config.liveStreams,
    });
    const refuseStream = (sessionId: string) => {
      const refusal = boardStreams.refusal(sessionId);
      if (refusal === 'per_session')
        throw new AppError(
          'too_many_streams',
          429,
          `At most ${services.config.liveStreams.perSession} live boards are open per session: close one.`,
        );
      if (refusal === 'per_server')
        throw new AppError(
          'too_many_streams',
          503,
          'This server has as many live boards open as it serves; the board is read every 15 seconds instead.',
        );
    };
    app.addHook('preClose', async () => {
      boardStreams.close();
      await services.restraintLive.close();
    });

    app.post(
      '/api/v1/persons/:id/restraint-episodes',
      {
        config: route('restraint.episode.start'),
        schema: {
          tags,
          summary:
            'Start restraint or seclusion: a doctor’s order or an emergency start (RST-1 … RST-3, RST-13, RST-16)',
          params: idParams,
          body: restraintStartSchema,
          response: { 201: episodeStartedSchema },
        },
      },
      async (request, reply) => {
        const actor = actorFor(request, 'restraint.episode.start');
        return reply.status(201).send(await restraint.start(actor, request.params.id, request.body));
      },
    );

    app.get(
      '/api/v1/persons/:id/restraint-episodes',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary: 'A person’s episodes (also in the medical file), newest first',
          params: idParams,
          response: { 200: personEpisodesSchema },
        },
      },
      async (request) => ({
        items: await restraint.ofPerson(actorFor(request, 'restraint.register.read'), request.params.id),
      }),
    );

    app.get(
      '/api/v1/restraint-episodes/:id',
      {
        config: route('restraint.board.read'),
        schema: {
          tags,
          summary: 'An episode with its events and countdowns',
          params: idParams,
          response: { 200: episodeSchema },
        },
      },
      async (request) => restraint.get(actorFor(request, 'restraint.board.read'), request.params.id),
    );

    for (const r of eventRoutes) {
      app.post(
        `/api/v1/restraint-episodes/:id/${r.path}`,
        {
          config: route(r.permission),
          schema: {
            tags,
            summary: r.summary,
            params: idParams,
            headers: idempotencyHeaders,
            body: r.body,
            response: { 201: eventRecordedSchema },
          },
        },
        async (request, reply) => {
          const body = request.body as Record<string, unknown> & { at: string };
          const key = request.headers['idempotency-key'];
          const id = await restraint.record(
            actorFor(request, r.permission),
            request.params.id,
            r.kind,
            body,
            key,
          );
          return reply.status(201).send({ id });
        },
      );
    }

    app.get(
      '/api/v1/restraint/board',
      {
        config: route('restraint.board.read'),
        schema: {
          tags,
          summary: 'The ward board: open episodes with their countdowns',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: { 200: boardSchema },
        },
      },
      async (request) =>
        restraint.viewBoard(actorFor(request, 'restraint.board.read'), request.query.institutionId, 'page'),
    );

    app.get(
      '/api/v1/restraint/board/stream',
      {
        config: route('restraint.board.read'),
        schema: {
          tags,
          summary:
            'The ward board as Server-Sent Events: a `board` event now and after every change (across replicas on PostgreSQL)',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: {
            200: fileResponse(['text/event-stream'], 'Server-Sent Events: `board` events carrying the board'),
          },
        },
      },
      async (request, reply) => {
        const actor = actorFor(request, 'restraint.board.read');
        const { sessionId } = actorOf(request);
        const institutionId = request.query.institutionId;
        refuseStream(sessionId);
        // Audited once, when the stream opens; the updates it then carries are not new views.
        const first = await restraint.viewBoard(actor, institutionId, 'stream');
        // Again: another stream of the session may have opened while the board was read.
        refuseStream(sessionId);
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const remove = boardStreams.add(
          { sessionId, institutionId, write: (chunk) => out.write(chunk), end: () => out.end() },
          first,
        );
        const ping = setInterval(() => out.write(': ping\n\n'), 25_000);
        // Closed by the browser, or ended here (sign-out, expiry, the server stopping).
        out.on('close', () => {
          clearInterval(ping);
          remove();
        });
      },
    );

    app.get(
      '/api/v1/restraint/register',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary: 'RST-10: the append-only register of an institution for a period (audited)',
          querystring: period.merge(pageQuerySchema),
          response: { 200: registerPageSchema },
        },
      },
      async (request) => {
        const { institutionId, from, to, limit, cursor } = request.query;
        return restraint.register(actorFor(request, 'restraint.register.read'), {
          institutionId,
          from: `${from}T00:00:00.000Z`,
          to: `${to}T00:00:00.000Z`,
          limit,
          ...(cursor ? { cursor } : {}),
        });
      },
    );

    app.get(
      '/api/v1/restraint/register/export',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary: 'RST-10: the register for a period as CSV or PDF (no clinical detail)',
          querystring: period.extend({ format: z.enum(['csv', 'pdf']) }),
          response: { 200: fileResponse(['text/csv', 'application/pdf'], 'The register as CSV or PDF') },
        },
      },
      async (request, reply) => {
        const actor = { ...actorFor(request, 'restraint.register.read'), clinical: false };
        const { institutionId, from, to, format } = request.query;
        const rows: Awaited<ReturnType<typeof restraint.register>>['items'] = [];
        let cursor: string | undefined;
        do {
          const page = await restraint.register(actor, {
            institutionId,
            from: `${from}T00:00:00.000Z`,
            to: `${to}T00:00:00.000Z`,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          rows.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        // RST-10: the person and the staff by name (prison number and name; who applied,
        // supervised, ordered or approved), as a delegation reads it, never account ids.
        const header = [
          'started',
          'ended',
          'minutes',
          'prison number',
          'person',
          'types',
          'authorisation',
          'harm',
          'applied by',
          'supervised by',
          'ordered or approved by',
          'flags',
          'injuries to person',
          'injuries to staff',
          'end reason',
        ];
        const lines = rows.map((e) => [
          e.startedAt,
          e.state.endedAt ?? '',
          e.state.durationMinutes,
          e.person?.prisonNumber ?? '',
          e.person?.name ?? '',
          e.types.join('+'),
          e.authorisation,
          e.harm,
          e.appliedByNames.join('; '),
          e.supervisedByNames.join('; '),
          e.orderedOrApprovedByName ?? '',
          e.flags.join('+'),
          e.injuriesToPerson ?? '',
          e.injuriesToStaff ?? '',
          e.endReason ?? '',
        ]);
        const name = `restraint-register-${from}-${to}`;
        if (format === 'csv') {
          return reply
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .type('text/csv; charset=utf-8')
            .send(`\uFEFF${[header, ...lines].map((l) => l.map(csv).join(',')).join('\r\n')}\r\n`);
        }
        const doc = new PDFDocument({
          size: 'A4',
          layout: 'landscape',
          margin: 30,
          info: { Title: name, Producer: 'Custodia' },
        });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
        doc.font(FONT_BOLD).fontSize(14).text(`Restraint register · ${from} – ${to}`);
        doc.moveDown(0.5).font(FONT).fontSize(8).text(`${rows.length} episodes`);
        const widths = [60, 60, 28, 62, 70, 55, 55, 55, 60, 60, 60, 50, 40, 40, 27];
        const row = (cells: unknown[], bold = false) => {
          const y = doc.y;
          let x = doc.page.margins.left;
          doc.font(bold ? FONT_BOLD : FONT).fontSize(7);
          let height = 0;
          cells.forEach((cell, i) => {
            const w = widths[i] as number;
            const text = String(cell ?? '');
            doc.text(text, x, y, { width: w - 4 });
            height = Math.max(height, doc.heightOfString(text, { width: w - 4 }));
            x += w;
          });
          doc.x = doc.page.margins.left;
          doc.y = y + height + 3;
          if (doc.y > doc.page.height - 50) doc.addPage();
        };
        row(header, true);
        for (const l of lines) row(l);
        doc.end();
        return reply
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .type('application/pdf')
          .send(await done);
      },
    );

    app.get(
      '/api/v1/restraint/reports/monthly',
      {
        config: route('restraint.report.read'),
        schema: {
          tags,
          summary: 'RST-15: the monthly report per unit and institution (counts only)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          }),
          response: { 200: monthlyReportSchema },
        },
      },
      async (request) => monthlyReportFor(request, request.query.institutionId, request.query.month),
    );

    app.get(
      '/api/v1/restraint/reports/monthly/export',
      {
        config: route('restraint.report.read'),
        schema: {
          tags,
          summary: 'RST-15: the monthly report as CSV, with its small-cell suppression stated (DAT-6)',
          querystring: z.object({
            institutionId: z.string().min(1).max(64),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          }),
          response: { 200: fileResponse(['text/csv'], 'The monthly report as CSV') },
        },
      },
      async (request, reply) => {
        const { institutionId, month } = request.query;
        const report = await monthlyReportFor(request, institutionId, month);
        const header = [
          'unit',
          'episodes',
          ...restraintTypes,
          'people',
          'median minutes',
          'longest minutes',
          'over 30 min',
          'over 4 h',
          'over 24 h',
          'people with repeat use',
          'still open',
        ];
        // A suppressed count is written as "suppressed", never as an empty or zero cell.
        const cell = (n: number | null) => (n === null ? 'suppressed' : n);
        const line = (unit: string, c: (typeof report.units)[number] | typeof report.total) => [
          unit,
          cell(c.episodes),
          ...restraintTypes.map((t) => cell(c.byType[t])),
          cell(c.people),
          c.medianMinutes ?? '',
          c.maxMinutes ?? '',
          cell(c.beyondSoftAlert),
          cell(c.beyondSecondDoctor),
          cell(c.beyondEscalation),
          cell(c.repeatPeople),
          cell(c.stillOpen),
        ];
        const note = report.suppression
          ? `DAT-6: counts from 1 to ${report.suppression.threshold - 1}, and the counts from which they could be worked out, are suppressed (${report.suppression.cells.length} cells).`
          : 'Within the health service: no count is suppressed.';
        const rows = [
          [`Restraint monthly report ${month}`],
          [note],
          header,
          line('institution', report.total),
          ...report.units.map((u) => line(u.unitCode, u)),
        ];
        return reply
          .header('content-disposition', `attachment; filename="restraint-report-${month}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(`\uFEFF${rows.map((l) => l.map(csv).join(',')).join('\r\n')}\r\n`);
      },
    );

    app.put(
      '/api/v1/staff/:id/restraint-training',
      {
        config: route('staff.training.record'),
        schema: {
          tags,
          summary: 'RST-8: a staff member’s restraint training valid until a date (null: none)',
          params: idParams,
          body: restraintTrainingSchema,
          response: { 200: trainingRecordedSchema },
        },
      },
      async (request) => {
        const actor = actorFor(request, 'staff.training.record');
        // The system administrator and national roles keep records of every prison.
        const who = actorOf(request);
        const everywhere = who.national || who.roles.includes('system_admin');
        return restraint.recordTraining(
          { ...actor, viewer: { ...actor.viewer, national: everywhere } },
          request.params.id,
          request.body,
        );
      },
    );

    app.get(
      '/api/v1/restraint/policies',
      {
        config: route('restraint.register.read'),
        schema: {
          tags,
          summary: 'RST-14: the institution’s restraint policy, every version',
          querystring: z.object({ institutionId: z.string().min(1).max(64) }),
          response: { 200: policiesSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return {
          items: await restraint.policies(
            { institutionIds: actor.institutionIds, national: actor.national },
            request.query.institutionId,
          ),
        };
      },
    );

    app.post(
      '/api/v1/restraint/policies',
      {
        config: route('restraint.policy.manage'),
        schema: {
          tags,
          summary: 'RST-14: a new version of the institution’s restraint policy',
          body: restraintPolicyInputSchema,
          response: { 201: policyCreatedSchema },
        },
      },
      async (request, reply) => {
        const actor = actorFor(request, 'restraint.policy.manage');
        return reply
          .status(201)
          .send(await restraint.addPolicy(actor, request.body.institutionId, request.body.text));
      },
    );
  };
}
