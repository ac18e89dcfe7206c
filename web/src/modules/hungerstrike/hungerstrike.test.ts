import { describe, expect, it } from 'vitest';
import { hungerstrikeModule } from './module.ts';

const item = (kind: string) => ({
  module: 'hungerstrike',
  kind,
  severity: 'due' as const,
  subjectId: 'e1',
  label: 'Məmmədov Əli · AZ-1',
  since: null,
});

describe('hunger strikes in the web app (ADR 0042)', () => {
  it('HUN-5, HUN-6, HUN-10: each worklist line leads to the page where it is done', () => {
    expect(hungerstrikeModule.worklistLink?.(item('hungerstrike_daily_offer'))).toBe('/hunger-strikes/e1');
    expect(hungerstrikeModule.worklistLink?.(item('hungerstrike_reconfirmation'))).toBe(
      '/hunger-strikes/e1/instructions',
    );
    expect(hungerstrikeModule.worklistLink?.(item('hungerstrike_refeeding_step'))).toBe(
      '/hunger-strikes/e1/refeeding',
    );
    expect(hungerstrikeModule.worklistLink?.(item('injuries_report_to_send'))).toBeNull();
  });
});
