import { auditActionWords } from '@custodia/domain/audit/words';
import { describe, expect, it } from 'vitest';
import { serverModules } from '../modules.ts';

describe('the FHIR facade in the audit trail (issue 14 item 7)', () => {
  it('every contributed FHIR resource type has words for its read and search actions', () => {
    // resources.ts audits `fhir.<type>.read` and `fhir.<type>.search` for every contributed type.
    // The descriptors are built without services: whatever a module reads from them is a stand-in.
    const anything: unknown = new Proxy(() => anything, { get: () => anything, apply: () => anything });
    const types = serverModules.flatMap((m) => m.fhirResources?.(anything as never) ?? []).map((r) => r.type);
    expect(types.length).toBeGreaterThan(0);
    const missing = types
      .flatMap((type) => [`fhir.${type.toLowerCase()}.read`, `fhir.${type.toLowerCase()}.search`])
      .filter((code) => !(code in auditActionWords));
    expect(missing).toEqual([]);
  });
});
