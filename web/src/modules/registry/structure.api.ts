import type {
  CellInput,
  CellLightingInput,
  InstitutionInput,
  StructureChange,
  UnitInput,
} from '@custodia/domain/registry';
import { apiFetch } from '../../app/api.ts';
import { useWrite } from '../../app/useWriteForm.tsx';
import { worklistKey } from '../../app/Worklist.tsx';
import { registryKeys } from './registry.api.ts';

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

/** SEG-12: records the cell's lighting from a date, with the reason. */
export function setCellLighting(id: string, input: CellLightingInput) {
  return apiFetch<StructureChange>(`${path('cells', id)}/lighting`, { method: 'PUT', json: input });
}

// Writes (ADR 0024): a change to the structure refreshes the registry and the worklist.

const structureWrites = () => [registryKeys.all, worklistKey];

/** Adds an institution, or edits the one given (at the version shown). */
export function useSaveInstitution(institution: { id: string; version: number } | null) {
  return useWrite(
    (input: InstitutionInput) =>
      institution
        ? updateInstitution(institution.id, { ...input, version: institution.version })
        : createInstitution(input),
    structureWrites,
  );
}

/** Adds a unit to the institution, or renames the one given. */
export function useSaveUnit(institutionId: string, unit: { id: string; version: number } | null) {
  return useWrite(
    (input: UnitInput) =>
      unit ? updateUnit(unit.id, { ...input, version: unit.version }) : createUnit(institutionId, input),
    structureWrites,
  );
}

/** Adds a cell to the unit, or corrects the one given. */
export function useSaveCell(unitId: string, cell: { id: string; version: number } | null) {
  return useWrite(
    (input: CellInput) =>
      cell ? updateCell(cell.id, { ...input, version: cell.version }) : createCell(unitId, input),
    structureWrites,
  );
}

/** SEG-12: records the lighting of the cell given (at the version shown). */
export function useSaveCellLighting(cell: { id: string; version: number }) {
  return useWrite(
    (input: Omit<CellLightingInput, 'version'>) =>
      setCellLighting(cell.id, { ...input, version: cell.version }),
    structureWrites,
  );
}
