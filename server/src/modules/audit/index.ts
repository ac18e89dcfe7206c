import type { ServerModule } from '../../platform/module.ts';
import type { Services } from '../../services.ts';
import * as m0003 from './migrations/0003_audit.ts';
import * as m0056 from './migrations/0056_audit_chain_head.ts';
import { auditRoutes } from './routes.ts';
import { type AuditService, createAuditService } from './service.ts';

export type { AuditAction, AuditActor, AuditEntry, AuditService } from './service.ts';

/** What a demo seed part records its writes with. */
export type AuditRecorder = Pick<AuditService, 'record'>;

export interface AuditServices {
  /** The hash-chained audit trail: every module records through it. */
  audit: AuditService;
}

/** The audit trail: its table, its service, and the audit search and reports. */
export const auditModule: ServerModule<AuditServices> = {
  name: 'audit',
  migrations: { '0003_audit': m0003, '0056_audit_chain_head': m0056 },
  needs: [],
  build: ({ database, clock }) => ({ audit: createAuditService(database.db, database.dialect, clock) }),
  routes: (services: Services) => [auditRoutes(services)],
};
