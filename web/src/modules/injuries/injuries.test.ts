import { describe, expect, it } from 'vitest';
import { injuriesModule } from './module.ts';

const item = (kind: string, subjectId: string) => ({
  module: 'injuries',
  kind,
  severity: 'due' as const,
  subjectId,
  label: 'AZ-1 · Məmmədov Əli',
  since: null,
});

describe('injuries in the web app (ADR 0035)', () => {
  it('INJ-4, INJ-9: a record’s worklist lines lead to the record', () => {
    for (const kind of [
      'injuries_report_to_send',
      'injuries_second_review_due',
      'injuries_reprisal_review_due',
    ]) {
      expect(injuriesModule.worklistLink?.(item(kind, 'r1'))).toBe('/injuries/records/r1');
    }
  });

  it('issue 18 item 3: admission findings lead to the new-record form with the screening as source', () => {
    expect(injuriesModule.worklistLink?.(item('injuries_admission_injuries', 'p1:e1'))).toBe(
      '/injuries/persons/p1/new?context=admission&source=e1',
    );
    expect(injuriesModule.worklistLink?.(item('segregation_review_due', 's1'))).toBeNull();
  });
});
