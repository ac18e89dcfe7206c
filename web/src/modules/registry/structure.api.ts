import type { CellInput, InstitutionInput, StructureChange, UnitInput } from '@custodia/domain/registry';
import { apiFetch } from '../../app/api.ts';

export type { StructureChange } from '@custodia/domain/registry';

const path = (...parts: string[]) => `/api/v1/${parts.map(encodeURIComponent).join('/')}`;

export function createInstitution(input: InstitutionInput) {
  return apiFetch<StructureChange>('/api/v1/institutions', { method: 'POST', json: input });
}

export function updateInstitution(id: string, input: InstitutionInput & { version: number }) {
  return apiFetch<StructureChange>(path('institutions', id), { method: 'PATCH', json: input });
}

export function createUnit(institutionId: string, input: UnitInput) {
  return apiFetch<StructureChange>(`${path('institutions', institutionId)}/units`, {
    method: 'POST',
    json: input,
  });
}

export function updateUnit(id: string, input: UnitInput & { version: number }) {
  return apiFetch<StructureChange>(path('units', id), { method: 'PATCH', json: input });
}

export function createCell(unitId: string, input: CellInput) {
  return apiFetch<StructureChange>(`${path('units', unitId)}/cells`, { method: 'POST', json: input });
}

export function updateCell(id: string, input: CellInput & { version: number }) {
  return apiFetch<StructureChange>(path('cells', id), { method: 'PATCH', json: input });
}
