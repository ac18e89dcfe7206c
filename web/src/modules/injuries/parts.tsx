import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { useErrorMessage } from '../../app/errorMessage.ts';

/**
 * What went wrong, in words: the server's field codes translated (`injuries:errors.<code>`), else the
 * problem's own code's words (`report_withdrawal_refused`…). Never a raw code.
 */
export function useProblemText() {
  const { t } = useTranslation('injuries');
  const message = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      const known = fields.map((f) => t(`errors.${f.code}`, { defaultValue: '' })).filter(Boolean);
      return known.length ? [...new Set(known)].join(' ') : message(error);
    },
    [t, message],
  );
}

export { newIdempotencyKey } from '../../app/idempotency.ts';
