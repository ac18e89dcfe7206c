import { mayCreateInstitution, mayManageInstitution } from '@custodia/domain/registry';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useErrorMessage } from '../../app/errorMessage.ts';
import { WARNING_COLOR } from '../../app/format.ts';
import { allows, type SessionUser, useCurrentUser } from '../../app/session.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Facts } from './Facts.tsx';
import { type RegistryLabels, useRegistryLabels } from './labels.ts';
import {
  type Cell,
  type InstitutionDetail,
  type Unit,
  useInstitution,
  useInstitutions,
} from './registry.api.ts';
import { CellDialog, CellLightingDialog, InstitutionDialog, UnitDialog } from './StructureForms.tsx';
import type { StructureChange } from './structure.api.ts';
import { Tag } from './Tag.tsx';

function Loading({ label }: { label: string }) {
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text>{label}</Text>
    </Group>
  );
}

/** Floor area per person as RES-8 counts it: for the certified capacity, or the occupants when more. */
export function spacePerPerson(cell: { floorAreaM2: number; certifiedCapacity: number; occupants: number }) {
  return cell.floorAreaM2 / Math.max(cell.occupants, cell.certifiedCapacity, 1);
}

/** The RES-8 flags of a cell as badges (or "meets the standard"). */
export function SpaceFlags({ problems, labels }: { problems: string[]; labels: RegistryLabels }) {
  const { t } = useTranslation('registry');
  if (problems.length === 0) return <Text size="sm">{t('space.ok')}</Text>;
  return (
    <Group gap={4}>
      {problems.map((problem) => (
        <Tag key={problem} color={problem === 'over_capacity' ? 'red.9' : WARNING_COLOR}>
          {labels.spaceProblem(problem)}
        </Tag>
      ))}
    </Group>
  );
}

/** Whether this user may change the structure of that institution (ADR 0009; the server decides again). */
function mayManage(user: SessionUser | null, institutionId: string): boolean {
  return (
    Boolean(user) && allows(user, 'registry.institution.manage') && mayManageInstitution(user!, institutionId)
  );
}

/**
 * The message after a saved change: "Saved", and what it leaves to look at (RES-8): a capacity
 * below the people held there, a cell below the living-space standard.
 */
function useSavedNotice() {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const [notice, setNotice] = useState<{ text: string; warning: boolean } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  const show = (what: string, change: StructureChange) => {
    const parts = [t('structure.saved', { what })];
    if (change.warnings?.includes('capacity_below_occupancy'))
      parts.push(t('structure.capacityBelowOccupancy', { n: change.occupants ?? 0 }));
    if (change.spaceProblems?.length)
      parts.push(
        t('structure.spaceFlagged', {
          flags: change.spaceProblems.map((p) => labels.spaceProblem(p)).join(', '),
        }),
      );
    setNotice({ text: parts.join(' '), warning: parts.length > 1 });
  };
  const element = notice ? (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="status"
      color={notice.warning ? 'orange' : 'green'}
      withCloseButton
      closeButtonLabel={t('form.close')}
      onClose={() => setNotice(null)}
      c="dark.9"
    >
      {notice.text}
    </Alert>
  ) : null;
  return { show, element };
}

/** All institutions: code, name in the current language, kind, population and capacity. */
export function InstitutionsPage() {
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const errorMessage = useErrorMessage();
  const institutions = useInstitutions();
  const user = useCurrentUser();
  const [adding, setAdding] = useState(false);
  const notice = useSavedNotice();
  usePageTitle(t('institutions.title'));
  const mayAdd = Boolean(user) && allows(user, 'registry.institution.manage') && mayCreateInstitution(user!);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1}>{t('institutions.title')}</Title>
        {mayAdd ? (
          <Button className="no-print" onClick={() => setAdding(true)}>
            {t('structure.addInstitution')}
          </Button>
        ) : null}
      </Group>
      {notice.element}
      {mayAdd ? (
        <InstitutionDialog
          opened={adding}
          codeEditable
          onClose={() => setAdding(false)}
          onSaved={async (change) => {
            setAdding(false);
            notice.show(t('structure.institution'), change);
          }}
        />
      ) : null}
      {institutions.isPending ? (
        <Loading label={t('institutions.loading')} />
      ) : institutions.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(institutions.error)}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder>
            <Table.Caption>{t('institutions.caption', { n: institutions.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('institutions.code')}</Table.Th>
                <Table.Th scope="col">{t('institutions.name')}</Table.Th>
                <Table.Th scope="col">{t('institutions.kind')}</Table.Th>
                <Table.Th scope="col">{t('institutions.population')}</Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('institutions.capacity')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {institutions.data.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/registry/institutions/${i.id}`}>
                      {i.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{labels.institutionName(i.name)}</Table.Td>
                  <Table.Td>{labels.institutionKind(i.kind)}</Table.Td>
                  <Table.Td>{labels.populationSex(i.populationSex)}</Table.Td>
                  <Table.Td ta="end">{labels.number(i.capacity)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function CellRow({
  cell,
  labels,
  highlighted,
  onEdit,
  onLighting,
}: {
  cell: Cell;
  labels: RegistryLabels;
  highlighted: boolean;
  onEdit?: () => void;
  onLighting?: () => void;
}) {
  const { t } = useTranslation('registry');
  // A server from before lighting (ADR 0039) sends none: adequate.
  const lighting = cell.lighting ?? 'adequate';
  const dark = lighting !== 'adequate';
  return (
    <Table.Tr
      id={`cell-${cell.id}`}
      tabIndex={highlighted ? -1 : undefined}
      bg={highlighted ? 'yellow.0' : undefined}
      data-flagged={cell.spaceProblems.length > 0 || undefined}
    >
      <Table.Th scope="row">{cell.code}</Table.Th>
      <Table.Td>{labels.cellType(cell.cellType)}</Table.Td>
      <Table.Td ta="end">{cell.occupants}</Table.Td>
      <Table.Td ta="end">{cell.certifiedCapacity}</Table.Td>
      <Table.Td ta="end">{labels.number(cell.floorAreaM2)}</Table.Td>
      <Table.Td ta="end">{labels.number(spacePerPerson(cell))}</Table.Td>
      <Table.Td>
        <SpaceFlags problems={cell.spaceProblems} labels={labels} />
      </Table.Td>
      <Table.Td data-lighting={lighting}>
        {/* SEG-12: a dark or constantly lit cell cannot be allocated; said in words, with since and why. */}
        {dark ? (
          <Stack gap={2}>
            <Tag color={WARNING_COLOR}>{labels.cellLighting(lighting)}</Tag>
            <Text size="xs">{t('structure.notAllocatable')}</Text>
            {cell.lightingSince ? (
              <Text size="xs">
                {t('structure.lightingRecorded', {
                  date: labels.date(cell.lightingSince),
                  reason: cell.lightingReason ?? '',
                })}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text size="sm">{labels.cellLighting(lighting)}</Text>
        )}
      </Table.Td>
      {onEdit ? (
        <Table.Td className="no-print">
          <Group gap={4} wrap="nowrap">
            <Button
              size="xs"
              variant="default"
              onClick={onEdit}
              aria-label={`${t('structure.edit')} ${t('structure.cellLabel', { cell: cell.code })}`}
            >
              {t('structure.edit')}
            </Button>
            {onLighting ? (
              <Button
                size="xs"
                variant="default"
                onClick={onLighting}
                aria-label={`${t('structure.setLighting')} ${t('structure.cellLabel', { cell: cell.code })}`}
              >
                {t('structure.setLighting')}
              </Button>
            ) : null}
          </Group>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

type Editing =
  | { kind: 'institution' }
  | { kind: 'unit'; unit: Unit | null }
  | { kind: 'cell'; unit: Unit; cell: Cell | null }
  | { kind: 'lighting'; cell: Cell }
  | null;

/** The dialogs of the institution page: one open at a time. */
function StructureDialogs({
  institution,
  editing,
  codeEditable,
  onClose,
  onSaved,
}: {
  institution: InstitutionDetail;
  editing: Editing;
  codeEditable: boolean;
  onClose: () => void;
  onSaved: (what: 'institution' | 'unit' | 'cell', change: StructureChange) => void;
}) {
  return (
    <>
      <InstitutionDialog
        opened={editing?.kind === 'institution'}
        institution={institution}
        codeEditable={codeEditable}
        onClose={onClose}
        onSaved={(change) => onSaved('institution', change)}
      />
      <UnitDialog
        opened={editing?.kind === 'unit'}
        institution={institution}
        unit={editing?.kind === 'unit' ? editing.unit : null}
        onClose={onClose}
        onSaved={(change) => onSaved('unit', change)}
      />
      {editing?.kind === 'cell' ? (
        <CellDialog
          opened
          unit={editing.unit}
          cell={editing.cell}
          onClose={onClose}
          onSaved={(change) => onSaved('cell', change)}
        />
      ) : null}
      {editing?.kind === 'lighting' ? (
        <CellLightingDialog
          cell={editing.cell}
          onClose={onClose}
          onSaved={(change) => onSaved('cell', change)}
        />
      ) : null}
    </>
  );
}

/** One institution: its units and cells, who is in them, and the RES-8 living-space flags per cell. */
export function InstitutionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('registry');
  const labels = useRegistryLabels();
  const errorMessage = useErrorMessage();
  const { hash } = useLocation();
  const institution = useInstitution(id);
  const user = useCurrentUser();
  const notice = useSavedNotice();
  const [editing, setEditing] = useState<Editing>(null);
  const manage = mayManage(user, id);
  const data = institution.data;
  usePageTitle(data ? `${data.code} · ${labels.institutionName(data.name)}` : t('institutions.title'));
  const highlighted = hash.startsWith('#cell-') ? hash.slice('#cell-'.length) : null;

  // Coming from a worklist item or the living-space list: show that cell.
  useEffect(() => {
    if (!data || !highlighted) return;
    const row = document.getElementById(`cell-${highlighted}`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus({ preventScroll: true });
  }, [data, highlighted]);

  if (institution.isPending) return <Loading label={t('institutions.loading')} />;
  if (institution.isError)
    return (
      <Stack gap="md">
        <Title order={1}>{t('institutions.title')}</Title>
        <Alert color="red" role="alert">
          {errorMessage(institution.error)}
        </Alert>
      </Stack>
    );

  const d = institution.data;
  const cells = d.units.flatMap((u) => u.cells);
  const occupants = cells.reduce((sum, c) => sum + c.occupants, 0);
  const places = cells.reduce((sum, c) => sum + c.certifiedCapacity, 0);
  const flagged = cells.filter((c) => c.spaceProblems.length > 0).length;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/registry/institutions" size="sm" className="no-print">
        {t('institutions.back')}
      </Anchor>
      <Title order={1}>
        {d.code} · {labels.institutionName(d.name)}
      </Title>
      {notice.element}
      {manage ? (
        <>
          <Group gap="sm" className="no-print">
            <Button variant="default" onClick={() => setEditing({ kind: 'institution' })}>
              {t('structure.editInstitution')}
            </Button>
            <Button onClick={() => setEditing({ kind: 'unit', unit: null })}>{t('structure.addUnit')}</Button>
          </Group>
          <StructureDialogs
            institution={d}
            editing={editing}
            codeEditable={mayCreateInstitution(user!)}
            onClose={() => setEditing(null)}
            onSaved={async (what, change) => {
              setEditing(null);
              notice.show(t(`structure.${what}`), change);
            }}
          />
        </>
      ) : null}
      <Paper withBorder p="md" maw={720}>
        <Facts
          items={[
            [t('institutions.kind'), labels.institutionKind(d.kind)],
            [t('institutions.population'), labels.populationSex(d.populationSex)],
            [t('institutions.capacity'), labels.number(d.capacity)],
            [t('institutions.cells'), labels.number(cells.length)],
            [t('institutions.places'), labels.number(places)],
            [t('institutions.occupants'), labels.number(occupants)],
            [t('institutions.flagged'), labels.number(flagged)],
          ]}
        />
      </Paper>
      <Text size="sm">{t('space.explain')}</Text>
      {d.units.map((unit) => {
        const unitFlagged = unit.cells.filter((c) => c.spaceProblems.length > 0).length;
        return (
          <section key={unit.id} aria-labelledby={`unit-${unit.id}`}>
            <Group justify="space-between" align="baseline" mb={4}>
              <Title order={2} size="h3" id={`unit-${unit.id}`}>
                {unit.code} · {unit.name}
              </Title>
              {manage ? (
                <Group gap="xs" className="no-print">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing({ kind: 'unit', unit })}
                    aria-label={`${t('structure.edit')} ${t('structure.unitLabel', { unit: unit.code })}`}
                  >
                    {t('structure.edit')}
                  </Button>
                  <Button
                    size="xs"
                    onClick={() => setEditing({ kind: 'cell', unit, cell: null })}
                    aria-label={`${t('structure.addCell')} ${t('structure.toUnit', { unit: unit.code })}`}
                  >
                    {t('structure.addCell')}
                  </Button>
                </Group>
              ) : null}
            </Group>
            <Text size="sm" mb="xs">
              {t('institutions.unitSummary', {
                cells: unit.cells.length,
                occupants: unit.cells.reduce((s, c) => s + c.occupants, 0),
                places: unit.cells.reduce((s, c) => s + c.certifiedCapacity, 0),
                flagged: unitFlagged,
              })}
            </Text>
            <Table.ScrollContainer minWidth={760}>
              <Table striped withTableBorder>
                <Table.Caption>
                  {t('institutions.cellsCaption', { unit: `${unit.code} · ${unit.name}` })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('space.cell')}</Table.Th>
                    <Table.Th scope="col">{t('space.type')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('space.occupants')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('space.capacity')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('space.area')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('space.perPerson')}
                    </Table.Th>
                    <Table.Th scope="col">{t('space.flags')}</Table.Th>
                    <Table.Th scope="col">{t('structure.lighting')}</Table.Th>
                    {manage ? (
                      <Table.Th scope="col" className="no-print">
                        {t('structure.actions')}
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {unit.cells.map((cell) => (
                    <CellRow
                      key={cell.id}
                      cell={cell}
                      labels={labels}
                      highlighted={cell.id === highlighted}
                      {...(manage
                        ? {
                            onEdit: () => setEditing({ kind: 'cell', unit, cell }),
                            onLighting: () => setEditing({ kind: 'lighting', cell }),
                          }
                        : {})}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
        );
      })}
    </Stack>
  );
}
