import type { StiPerson } from '@custodia/domain/programmes';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';
import { bbvKeys } from './bbv.api.ts';

export type { StiPerson } from '@custodia/domain/programmes';

const enc = encodeURIComponent;

export const stiKeys = { person: (id: string) => ['programmes', 'sti', id] as const };

/** A person's STI risk assessments; treatments and the hepatitis B prompt for the treating team (ADR 0054). */
export function usePersonSti(personId: string) {
  return useQuery({
    queryKey: stiKeys.person(personId),
    queryFn: ({ signal }) => apiFetch<StiPerson>(`/api/v1/persons/${enc(personId)}/sti`, { signal }),
  });
}

const post = <T>(path: string, json?: unknown) => apiFetch<T>(path, { method: 'POST', json });

/** Every write of the section: the STI and blood-borne views and the worklist are read again after it. */
export function useStiWrite<Body>(personId: string, send: (body: Body) => Promise<unknown>) {
  return useWrite(send, () => [stiKeys.person(personId), bbvKeys.person(personId), worklistKey]);
}

export const stiWrites = {
  assess: (personId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/persons/${enc(personId)}/sti-assessments`, body),
  treat: (personId: string, body: unknown) =>
    post<{ id: string }>(`/api/v1/persons/${enc(personId)}/sti-treatments`, body),
};

/** BBV-3: the hepatitis C referral letter for release, as PDF in a language. */
export const hcvLetterUrl = (episodeId: string, language: string) =>
  `/api/v1/bbv-episodes/${enc(episodeId)}/referral-letter?language=${enc(language)}`;
