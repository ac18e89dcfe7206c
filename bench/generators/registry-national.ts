import {
  type CustodyEventFact,
  type CustodyEventType,
  checkEvent,
  deriveState,
  nameKey,
  nameTokens,
} from '@custodia/domain';
import type { Insertable, Kysely } from 'kysely';
import type {
  CellTable,
  CustodyEventTable,
  InstitutionTable,
  PersonNameTokenTable,
  PersonTable,
  StaffMemberTable,
  UnitTable,
} from '../../server/src/modules/registry/tables.ts';
import type { Dialect } from '../../server/src/platform/db/database.ts';
import type { Database } from '../../server/src/platform/db/schema.ts';
import { bulkInsert } from '../lib/bulk-insert.ts';
import { benchId, pick, pickWeighted } from '../lib/ids.ts';
import type { ScaleParameters } from '../lib/scales.ts';

/**
 * The registry at a scale's own size (national: 40 institutions, 25,000 people in custody and
 * 250,000 released people over ten years), written with `bulkInsert`. Every person's derived columns
 * (status, institution, cell, since, legal status, admitted at) come from `deriveState` over that
 * person's generated events, as the service derives them, so the two never disagree.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const YEAR = 365.25 * DAY;

// ---------------------------------------------------------------- names

/** Surname stems, weighted roughly as common as they are: Məmmədov is by far the most common. */
const surnameStems: readonly (readonly [string, number])[] = [
  ['Məmməd', 9],
  ['Əliy', 6],
  ['Həsən', 5],
  ['Hüseyn', 5],
  ['Quliy', 4],
  ['İsmayıl', 4],
  ['Abbas', 3],
  ['Cəfər', 3],
  ['Hacıy', 2],
  ['Rzay', 2],
  ['Kərim', 2],
  ['Babay', 2],
  ['Süleyman', 2],
  ['Əhməd', 2],
  ['İbrahim', 2],
  ['Xəlil', 2],
  ['Musay', 2],
  ['Səfər', 1.5],
  ['Qasım', 1.5],
  ['Bağır', 1.5],
  ['Nəbiy', 1],
  ['Vəliy', 1],
  ['Şükür', 1],
  ['Oruc', 1],
  ['Nəsirl', 1],
  ['Rəhim', 1],
  ['Sadıq', 1],
  ['Salman', 1],
  ['Tağıy', 1],
  ['Rəsul', 1],
  ['Novruz', 1],
  ['Heydər', 1],
  ['Qənbər', 0.8],
  ['Zeynal', 0.8],
  ['Yusif', 0.8],
  ['Kazım', 0.8],
  ['Həmid', 0.8],
  ['Fərzəliy', 0.6],
  ['Allahverdiy', 0.6],
  ['Mehdiy', 0.6],
  ['Nağıy', 0.6],
  ['Sultan', 0.6],
  ['Əsgər', 0.6],
  ['Paşay', 0.5],
  ['Bayram', 0.5],
  ['Mirzəy', 0.5],
  ['Şirin', 0.5],
  ['Qurban', 0.5],
  ['Rüstəm', 0.5],
  ['Talıbl', 0.4],
];
/** Surnames without a gendered ending. */
const invariantSurnames: readonly (readonly [string, number])[] = [
  ['Əlizadə', 1],
  ['Hacızadə', 0.6],
  ['Quluzadə', 0.5],
  ['Nəsirli', 0.5],
  ['Şirinli', 0.4],
  ['Rzazadə', 0.4],
];
const maleNames: readonly (readonly [string, number])[] = [
  ['Əli', 4],
  ['Elvin', 4],
  ['Orxan', 4],
  ['Tural', 4],
  ['Rəşid', 2],
  ['Kamran', 3],
  ['Ramil', 3],
  ['Nicat', 3],
  ['Vüqar', 3],
  ['Elçin', 3],
  ['Səbuhi', 2],
  ['Fərid', 2],
  ['Anar', 3],
  ['Rauf', 2],
  ['Cavid', 2],
  ['Şahin', 2],
  ['Emin', 3],
  ['İlqar', 2],
  ['Mübariz', 1],
  ['Yusif', 2],
  ['Hüseyn', 3],
  ['Həsən', 3],
  ['Zaur', 2],
  ['Rüfət', 2],
  ['Ceyhun', 2],
  ['Məmməd', 4],
  ['Rəşad', 3],
  ['Murad', 3],
  ['Elnur', 3],
  ['Vüsal', 2],
  ['Samir', 3],
  ['Fuad', 2],
  ['Elşən', 2],
  ['Ruslan', 2],
  ['Fikrət', 1],
  ['Aqil', 1],
  ['Mirzə', 1],
  ['Cəlal', 1],
  ['Natiq', 1],
  ['Rövşən', 2],
];
const femaleNames: readonly (readonly [string, number])[] = [
  ['Nigar', 3],
  ['Aynur', 3],
  ['Günel', 3],
  ['Leyla', 3],
  ['Səbinə', 2],
  ['Aysel', 3],
  ['Könül', 2],
  ['Nərmin', 2],
  ['Sevinc', 2],
  ['Ülviyyə', 1],
  ['Şəbnəm', 1],
  ['Lalə', 2],
  ['Fidan', 2],
  ['Arzu', 2],
  ['Təranə', 1],
  ['Jalə', 1],
  ['Xədicə', 1],
  ['Zəhra', 1],
  ['Rəna', 1],
  ['Gülnar', 1],
  ['Samirə', 2],
  ['Vüsalə', 1],
  ['Aytən', 2],
  ['Mehriban', 1],
  ['Kəmalə', 1],
];

// Azerbaijani Latin → Russian Cyrillic, as names are usually written in Russian documents (the
// demo seed's transliteration, server/src/modules/registry/seed.ts).
const toCyrillicMap: [RegExp, string][] = [
  [/ş/g, 'ш'],
  [/ç/g, 'ч'],
  [/ğ/g, 'г'],
  [/ə/g, 'а'],
  [/ı/g, 'ы'],
  [/ö/g, 'ё'],
  [/ü/g, 'ю'],
  [/x/g, 'х'],
  [/q/g, 'г'],
  [/c/g, 'дж'],
  [/j/g, 'ж'],
  [/y/g, 'й'],
  [/h/g, 'г'],
  [/i̇/g, 'и'],
];
const latinToCyrillic: Record<string, string> = {
  a: 'а',
  b: 'б',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  i: 'и',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  z: 'з',
};

/** Memoised per string: there are few distinct names and many people. */
function memo(fn: (value: string) => string): (value: string) => string {
  const cache = new Map<string, string>();
  return (value) => {
    let out = cache.get(value);
    if (out === undefined) {
      out = fn(value);
      cache.set(value, out);
    }
    return out;
  };
}

const cyrillic = memo((name: string) =>
  name
    .split(' ')
    .map((word) => {
      let w = word.toLocaleLowerCase('az');
      w = w.replace(/yev$/, 'ев').replace(/yeva$/, 'ева').replace(/iy/g, 'и');
      for (const [re, to] of toCyrillicMap) w = w.replace(re, to);
      w = [...w].map((ch) => latinToCyrillic[ch] ?? ch).join('');
      return w.charAt(0).toLocaleUpperCase('ru') + w.slice(1);
    })
    .join(' '),
);

const tokenCache = new Map<string, string[]>();
function tokensOf(name: string | null): string[] {
  if (!name) return [];
  let tokens = tokenCache.get(name);
  if (!tokens) {
    tokens = nameTokens(name);
    tokenCache.set(name, tokens);
  }
  return tokens;
}

function surname(random: () => number, female: boolean): string {
  if (random() < 0.08) return pickWeighted(random, invariantSurnames);
  const stem = pickWeighted(random, surnameStems);
  const yev = /[iy]$/.test(stem) || stem.endsWith('ay');
  if (yev) return `${stem}${female ? 'eva' : 'ev'}`;
  return `${stem}${female ? 'ova' : 'ov'}`;
}

// ---------------------------------------------------------------- institutions

type Kind = 'pre_trial' | 'closed_prison' | 'colony' | 'open_prison' | 'prison_hospital' | 'womens_prison';

interface KindPlan {
  kind: Kind;
  sex: 'male' | 'female';
  /** Share of the institutions, and the relative size of one of them. */
  share: number;
  size: number;
  /** Beds per ordinary (housing) cell, and floor area per bed in m². */
  beds: number;
  code: string;
  names: (n: number) => [string, string, string];
}

const kindPlans: KindPlan[] = [
  {
    kind: 'pre_trial',
    sex: 'male',
    share: 10,
    size: 800,
    beds: 4,
    code: 'IT',
    names: (n) => [
      `${n} nömrəli İstintaq Təcridxanası`,
      `Pre-trial Detention Centre No. ${n}`,
      `Следственный изолятор № ${n}`,
    ],
  },
  {
    kind: 'closed_prison',
    sex: 'male',
    share: 12,
    size: 900,
    beds: 6,
    code: 'CM',
    names: (n) => [
      `${n} nömrəli Cəzaçəkmə Müəssisəsi`,
      `Penitentiary Institution No. ${n}`,
      `Пенитенциарное учреждение № ${n}`,
    ],
  },
  {
    kind: 'colony',
    sex: 'male',
    share: 8,
    size: 800,
    beds: 12,
    code: 'KL',
    names: (n) => [
      `${n} nömrəli İslah Koloniyası`,
      `Correctional Colony No. ${n}`,
      `Исправительная колония № ${n}`,
    ],
  },
  {
    kind: 'open_prison',
    sex: 'male',
    share: 5,
    size: 400,
    beds: 8,
    code: 'AÇ',
    names: (n) => [
      `${n} nömrəli Açıq Tipli Müəssisə`,
      `Open Institution No. ${n}`,
      `Учреждение открытого типа № ${n}`,
    ],
  },
  {
    kind: 'prison_hospital',
    sex: 'male',
    share: 2,
    size: 250,
    beds: 4,
    code: 'MM',
    names: (n) => [
      `${n} nömrəli Müalicə Müəssisəsi`,
      `Prison Hospital No. ${n}`,
      `Лечебное учреждение № ${n}`,
    ],
  },
  {
    kind: 'womens_prison',
    sex: 'female',
    share: 2,
    size: 500,
    beds: 6,
    code: 'QM',
    names: (n) => [
      `${n} nömrəli Qadınlar üçün Cəzaçəkmə Müəssisəsi`,
      `Penitentiary Institution for Women No. ${n}`,
      `Пенитенциарное учреждение для женщин № ${n}`,
    ],
  },
  {
    kind: 'pre_trial',
    sex: 'female',
    share: 1,
    size: 250,
    beds: 4,
    code: 'QT',
    names: (n) => [
      `${n} nömrəli Qadınlar üçün İstintaq Təcridxanası`,
      `Pre-trial Detention Centre for Women No. ${n}`,
      `Следственный изолятор для женщин № ${n}`,
    ],
  },
];

interface CellSlot {
  id: string;
  capacity: number;
  occupants: number;
}

interface Institution {
  id: string;
  kind: Kind;
  sex: 'male' | 'female';
  capacity: number;
  /** Cells people are placed in: ordinary cells (medical wards in a hospital). */
  housing: CellSlot[];
  /** Housing cells with a free bed, for today's population. */
  free: CellSlot[];
}

/** How many of each kind for `total` institutions: the shares, at least one each, rounded to fit. */
function kindCounts(total: number): number[] {
  const shares = kindPlans.map((p) => p.share);
  const sum = shares.reduce((a, b) => a + b, 0);
  const counts = shares.map((s) => Math.max(1, Math.round((s * total) / sum)));
  const closed = kindPlans.findIndex((p) => p.kind === 'closed_prison');
  counts[closed] = Math.max(1, (counts[closed] ?? 1) + total - counts.reduce((a, b) => a + b, 0));
  return counts;
}

// ---------------------------------------------------------------- the part

export interface RegistryGeneration {
  db: Kysely<Database>;
  dialect: Dialect;
  params: ScaleParameters;
  random: () => number;
  now: Date;
  log: (message: string) => void;
}

/** People per write transaction: keeps memory flat and each commit a few seconds long. */
const PEOPLE_PER_BATCH = 10_000;

export async function generateRegistry({ db, dialect, params, random, now, log }: RegistryGeneration) {
  const nowMs = now.getTime();
  const historyStart = nowMs - params.historyDays * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  const createdAt = iso(historyStart - 30 * DAY);

  // Institutions, units and cells.
  const institutionRows: Insertable<InstitutionTable>[] = [];
  const unitRows: Record<string, unknown>[] = [];
  const cellRows: Record<string, unknown>[] = [];
  const institutions: Institution[] = [];
  const counts = kindCounts(params.institutions);
  const sizeSum = kindPlans.reduce((sum, p, i) => sum + p.size * (counts[i] ?? 0), 0);
  const bedsPerSize = (params.inCustody * 1.15) / sizeSum;
  for (const [k, plan] of kindPlans.entries()) {
    for (let n = 1; n <= (counts[k] ?? 0); n++) {
      const id = benchId(random, historyStart - 30 * DAY);
      const capacity = Math.max(20, Math.round(plan.size * bedsPerSize * (0.8 + 0.4 * random())));
      const names = plan.names(n);
      institutionRows.push({
        id,
        code: `${plan.code}-${String(n).padStart(2, '0')}`,
        name_az: names[0],
        name_en: names[1],
        name_ru: names[2],
        kind: plan.kind,
        population_sex: plan.sex,
        capacity,
        time_zone: 'Asia/Baku',
        version: 1,
        created_at: createdAt,
      });
      const institution: Institution = {
        id,
        kind: plan.kind,
        sex: plan.sex,
        capacity,
        housing: [],
        free: [],
      };
      institutions.push(institution);
      const housingType = plan.kind === 'prison_hospital' ? 'medical' : 'ordinary';
      const housingCells = Math.ceil(capacity / plan.beds);
      const units: { code: string; name: string; cells: number; type: string; beds: number }[] = [];
      const letters = 'ABCDEFGHJKLNOPRUVYZ';
      for (let u = 0; u * 40 < housingCells; u++) {
        units.push({
          code: letters[u] ?? `X${u}`,
          name: `${letters[u] ?? `X${u}`} ${plan.kind === 'prison_hospital' ? 'şöbə' : 'blok'}`,
          cells: Math.min(40, housingCells - u * 40),
          type: housingType,
          beds: plan.beds,
        });
      }
      if (plan.kind !== 'prison_hospital')
        units.push({
          code: 'M',
          name: 'Tibbi hissə',
          cells: 4 + Math.floor(random() * 5),
          type: 'medical',
          beds: 2,
        });
      units.push({
        code: 'S',
        name: 'Xüsusi otaqlar',
        cells: 2 + Math.floor(random() * 3),
        type: 'safe',
        beds: 1,
      });
      units.push({ code: 'T', name: 'Təcrid', cells: 2, type: 'infectious_isolation', beds: 1 });
      if (plan.kind === 'pre_trial' || plan.kind === 'closed_prison')
        units.push({ code: 'Q', name: 'Seqreqasiya', cells: 4, type: 'segregation', beds: 1 });
      if (plan.kind === 'womens_prison')
        units.push({ code: 'U', name: 'Ana və uşaq evi', cells: 8, type: 'mother_and_baby', beds: 2 });
      for (const unit of units) {
        const unitId = benchId(random, historyStart - 30 * DAY);
        unitRows.push({ id: unitId, institution_id: id, code: unit.code, name: unit.name });
        for (let c = 1; c <= unit.cells; c++) {
          const cellId = benchId(random, historyStart - 30 * DAY);
          // Mostly 4-5.5 m² a bed; about one cell in eight is below the 4 m² minimum (RES-8).
          const perBed = unit.beds === 1 ? 5 + 4 * random() : 3.6 + 2 * random();
          cellRows.push({
            id: cellId,
            unit_id: unitId,
            institution_id: id,
            code: `${unit.code}-${String(c).padStart(3, '0')}`,
            cell_type: unit.type,
            certified_capacity: unit.beds,
            floor_area_m2: Math.round(perBed * unit.beds * 10) / 10,
          });
          if (unit.type === housingType) {
            const slot = { id: cellId, capacity: unit.beds, occupants: 0 };
            institution.housing.push(slot);
            institution.free.push(slot);
          }
        }
      }
    }
  }
  await db.transaction().execute(async (tx) => {
    await bulkInsert(tx, dialect, 'institution', institutionRows);
    await bulkInsert(tx, dialect, 'unit', unitRows as unknown as Insertable<UnitTable>[]);
    await bulkInsert(tx, dialect, 'cell', cellRows as unknown as Insertable<CellTable>[]);
  });
  log(`${institutionRows.length} institutions, ${unitRows.length} units, ${cellRows.length} cells`);

  const byCapacity = (list: Institution[]) => list.map((i) => [i, i.capacity] as const);
  const of = (sex: string, kinds: Kind[]) =>
    institutions.filter((i) => i.sex === sex && kinds.includes(i.kind));
  const sentencedKinds: Kind[] = ['closed_prison', 'colony', 'open_prison', 'womens_prison'];
  const pools = {
    male: {
      all: byCapacity(institutions.filter((i) => i.sex === 'male')),
      preTrial: byCapacity(of('male', ['pre_trial'])),
      sentenced: byCapacity(of('male', sentencedKinds)),
      hospital: of('male', ['prison_hospital']),
    },
    female: {
      all: byCapacity(institutions.filter((i) => i.sex === 'female')),
      preTrial: byCapacity(of('female', ['pre_trial'])),
      sentenced: byCapacity(of('female', sentencedKinds)),
      hospital: of('female', ['prison_hospital']),
    },
  };
  const femaleShare =
    institutions.filter((i) => i.sex === 'female').reduce((s, i) => s + i.capacity, 0) /
    institutions.reduce((s, i) => s + i.capacity, 0);
  const anyCell = (i: Institution) => pick(random, i.housing).id;
  const freeCell = (i: Institution) => {
    if (i.free.length === 0) return anyCell(i); // full: over capacity, as real prisons are
    const at = Math.floor(random() * i.free.length);
    const slot = i.free[at] as CellSlot;
    slot.occupants++;
    if (slot.occupants >= slot.capacity) {
      i.free[at] = i.free[i.free.length - 1] as CellSlot;
      i.free.pop();
    }
    return slot.id;
  };

  const courts = [
    'Bakı Ağır Cinayətlər Məhkəməsi',
    'Sumqayıt Şəhər Məhkəməsi',
    'Gəncə Apellyasiya Məhkəməsi',
    'Lənkəran Rayon Məhkəməsi',
    'Şəki Ağır Cinayətlər Məhkəməsi',
  ];
  const places = ['Bakı', 'Sumqayıt', 'Gəncə', 'Lənkəran', 'Şəki', 'Mingəçevir', 'Quba', 'Şirvan'];
  const bases = ['CM 177.2', 'CM 234.1', 'CM 126.1', 'CM 178.3', 'CM 120.1', 'CM 228.1'];

  let prisonNumber = 1_000_000;
  let persons: Insertable<PersonTable>[] = [];
  let tokens: Insertable<PersonNameTokenTable>[] = [];
  let events: Insertable<CustodyEventTable>[] = [];
  const totals = { persons: 0, tokens: 0, events: 0 };
  const statusCounts = new Map<string, number>();

  const flush = async () => {
    if (persons.length === 0) return;
    await db.transaction().execute(async (tx) => {
      await bulkInsert(tx, dialect, 'person', persons);
      await bulkInsert(tx, dialect, 'person_name_token', tokens);
      await bulkInsert(tx, dialect, 'custody_event', events);
    });
    totals.persons += persons.length;
    totals.tokens += tokens.length;
    totals.events += events.length;
    persons = [];
    tokens = [];
    events = [];
  };

  /** One person's events in order; each kept as a fact too, to derive the person's columns. */
  function makePerson(current: boolean) {
    const female = random() < femaleShare;
    const sex = female ? 'female' : 'male';
    const pool = pools[sex];
    const facts: CustodyEventFact[] = [];
    const rows: Insertable<CustodyEventTable>[] = [];
    let lastAt = 0;
    const push = (type: CustodyEventType, wanted: number, extra: Partial<CustodyEventTable> = {}) => {
      // Never before the previous event (the service refuses that), whatever the random moments say.
      const at = Math.max(wanted, lastAt + 60_000);
      lastAt = at;
      const row: Insertable<CustodyEventTable> = {
        id: benchId(random, at),
        person_id: '',
        type,
        occurred_at: iso(at),
        recorded_at: iso(Math.min(at + 10 * 60_000, nowMs)),
        recorded_by: null,
        institution_id: null,
        cell_id: null,
        destination_institution_id: null,
        absence_kind: null,
        legal_status: null,
        returned_from_police: null,
        corrects_event_id: null,
        note: null,
        data: null,
        ...extra,
      };
      rows.push(row);
      facts.push({
        id: row.id,
        type,
        occurredAt: row.occurred_at,
        institutionId: row.institution_id ?? null,
        cellId: row.cell_id ?? null,
        destinationInstitutionId: row.destination_institution_id ?? null,
        absenceKind: row.absence_kind ?? null,
        legalStatus: row.legal_status ?? null,
        correctsEventId: null,
      });
    };
    const family = surname(random, female);
    const given = pickWeighted(random, female ? femaleNames : maleNames);
    const father = pickWeighted(random, maleNames);

    /**
     * One custody episode from `start` to `end` (a release), or to today when `end` is null. The
     * route: pre-trial on remand, sentenced, transferred to serve the sentence; sometimes moved on.
     */
    const episode = (start: number, end: number | null, last: boolean) => {
      const until = end ?? nowMs - HOUR;
      const route: Institution[] = [];
      const viaPreTrial = pool.preTrial.length > 0 && random() < 0.65;
      if (viaPreTrial) route.push(pickWeighted(random, pool.preTrial));
      const length = until - start;
      if (!viaPreTrial || (length > 90 * DAY && random() < 0.85)) {
        route.push(pickWeighted(random, pool.sentenced.length ? pool.sentenced : pool.all));
        if (length > 2 * YEAR && random() < 0.2) {
          const next = pickWeighted(random, pool.sentenced.length ? pool.sentenced : pool.all);
          if (next !== route[route.length - 1]) route.push(next);
        }
      }
      if (pool.hospital.length && length > 60 * DAY && random() < 0.03)
        route.push(pick(random, pool.hospital));
      // A few people in custody today are on the road between two institutions.
      const inTransit = current && last && random() < 0.0015;
      if (inTransit && route.length === 1) {
        const other = institutions.find((i) => i.sex === sex && i !== route[0]);
        if (other) route.unshift(other);
      }
      // The moves happen at sorted random moments of the episode.
      const moves = Array.from(
        { length: route.length - 1 },
        () => start + DAY + random() * (length - 3 * DAY),
      ).sort((a, b) => a - b);
      const first = route[0] as Institution;
      const remand = first.kind === 'pre_trial';
      const arrested = start - (1 + Math.floor(random() * 3)) * DAY;
      push('admission', start, {
        institution_id: first.id,
        legal_status: remand ? 'remand' : 'sentenced',
        data: JSON.stringify({
          commitmentOrderReference: `QƏR-${new Date(start).getUTCFullYear()}-${Math.floor(random() * 90_000) + 10_000}`,
          issuingAuthority: pick(random, courts),
          legalBasis: pick(random, bases),
          arrestedAt: iso(arrested),
          arrestPlace: pick(random, places),
          visibleInjuries: random() < 0.05 ? 'Sol qolda göyərmə' : 'Yoxdur',
          illTreatmentComplaints: 'Yoxdur',
          propertySummary: 'Şəxsi geyim, saat',
          familyMembers: [],
          emergencyContact: {
            name: `${pickWeighted(random, maleNames)} ${family}`,
            relation: 'qardaş',
            phone: '+994 50 000 00 00',
          },
          informationGivenInLanguage: true,
        }),
      });
      const placeIn = (inst: Institution, at: number, final: boolean) =>
        push('placement', at, { institution_id: inst.id, cell_id: final ? freeCell(inst) : anyCell(inst) });
      const finalStay = current && last;
      placeIn(first, start + 3 * HOUR, finalStay && route.length === 1);
      let legal = remand ? 'remand' : 'sentenced';
      for (let m = 0; m < moves.length; m++) {
        const from = route[m] as Institution;
        const to = route[m + 1] as Institution;
        const leave = moves[m] as number;
        if (legal === 'remand' && to.kind !== 'prison_hospital') {
          push('legal_status', leave - (2 + Math.floor(random() * 10)) * DAY, {
            institution_id: from.id,
            legal_status: 'sentenced',
          });
          legal = 'sentenced';
        }
        const arrivingLast = m === moves.length - 1;
        if (inTransit && arrivingLast) {
          push('transfer_out', nowMs - (2 + random() * 70) * HOUR, {
            institution_id: from.id,
            destination_institution_id: to.id,
          });
          return;
        }
        push('transfer_out', leave, { institution_id: from.id, destination_institution_id: to.id });
        push('transfer_in', leave + 8 * HOUR, { institution_id: to.id });
        placeIn(to, leave + 11 * HOUR, finalStay && arrivingLast);
      }
      const here = route[route.length - 1] as Institution;
      if (end !== null) {
        push('release', end, {
          institution_id: here.id,
          data: JSON.stringify({
            releaseReason: pick(random, [
              'Cəza müddəti başa çatıb',
              'Şərti olaraq vaxtından əvvəl azad edilib',
              'Bəraət alıb',
              'Əfv fərmanı',
            ]),
          }),
        });
      } else if (random() < 0.004) {
        push('absence_out', nowMs - (1 + random() * 8) * HOUR, {
          institution_id: here.id,
          absence_kind: pick(random, ['court', 'court', 'hospital', 'investigative']),
        });
      }
    };

    // Episodes: today's (for people in custody), and sometimes an earlier one that ended in release.
    const episodes: [number, number | null][] = [];
    if (current) {
      const sentencedLength = Math.min(
        -Math.log(1 - random()) * 2.5 * YEAR,
        params.historyDays * DAY - 120 * DAY,
      );
      const start = nowMs - Math.max(2 * DAY, random() < 0.3 ? random() * 300 * DAY : sentencedLength);
      episodes.push([start, null]);
    } else {
      const end = nowMs - 2 * DAY - random() * (params.historyDays * DAY - 40 * DAY);
      const length = random() < 0.3 ? (3 + random() * 300) * DAY : (60 + -Math.log(1 - random()) * 800) * DAY;
      episodes.push([Math.max(historyStart, end - length), end]);
    }
    const firstStart = (episodes[0] as [number, number | null])[0];
    if (random() < (current ? 0.2 : 0.12) && firstStart - historyStart > 200 * DAY) {
      const end = firstStart - 30 * DAY - random() * (firstStart - historyStart - 150 * DAY) * 0.5;
      const start = Math.max(historyStart, end - (40 + random() * 700) * DAY);
      episodes.unshift([start, end]);
    }
    for (const [e, [start, end]] of episodes.entries()) episode(start, end, e === episodes.length - 1);

    const firstAdmission = (episodes[0] as [number, number | null])[0];
    const birth = new Date(firstAdmission - (18 + random() * 47) * YEAR);
    const id = benchId(random, firstAdmission);
    for (const row of rows) row.person_id = id;
    const birthDate = birth.toISOString().slice(0, 10);
    // Every event is one the service would accept after the ones before it (domain checkEvent).
    for (let e = 0; e < facts.length; e++) {
      const fact = facts[e] as CustodyEventFact;
      const problem = checkEvent(facts.slice(0, e), fact, {
        birthDate,
        now,
        cellInstitutionId: fact.type === 'placement' ? fact.institutionId : null,
      });
      if (problem) throw new Error(`generated ${fact.type} event breaks the custody rules: ${problem}`);
    }
    const state = deriveState(facts);
    statusCounts.set(state.status, (statusCounts.get(state.status) ?? 0) + 1);

    const patronymic = `${father} ${female ? 'qızı' : 'oğlu'}`;
    const script = random();
    const latin = script >= 0.1;
    const cyr = script < 0.1 || script > 0.3;
    const p: Insertable<PersonTable> = {
      id,
      prison_number: `AZ${prisonNumber++}`,
      surname_latin: latin ? family : null,
      given_name_latin: latin ? given : null,
      patronymic_latin: latin ? patronymic : null,
      surname_cyrillic: cyr ? cyrillic(family) : null,
      given_name_cyrillic: cyr ? cyrillic(given) : null,
      patronymic_cyrillic: cyr ? `${cyrillic(father)} ${female ? 'кызы' : 'оглы'}` : null,
      name_key: '',
      birth_date: birthDate,
      sex,
      gender_identity: null,
      citizenship: random() < 0.95 ? 'AZ' : pick(random, ['GE', 'RU', 'IR', 'TR', 'UZ']),
      language: random() < 0.9 ? 'az' : 'ru',
      interpreter_needed: random() < 0.03 ? 1 : 0,
      national_id: null,
      status: state.status,
      institution_id: state.institutionId,
      cell_id: state.cellId,
      status_since: state.since,
      destination_institution_id: state.destinationInstitutionId,
      legal_status: state.legalStatus,
      admitted_at: state.admittedAt,
      version: rows.length,
      created_at: iso(firstAdmission + 10 * 60_000),
    };
    // As the service keys a name: the Latin spelling when there is one, else the Cyrillic.
    p.name_key = nameKey(
      p.surname_latin ?? p.surname_cyrillic,
      p.given_name_latin ?? p.given_name_cyrillic,
      p.patronymic_latin ?? p.patronymic_cyrillic,
    );
    persons.push(p);
    const own = new Set<string>();
    for (const name of [
      p.surname_latin,
      p.given_name_latin,
      p.patronymic_latin,
      p.surname_cyrillic,
      p.given_name_cyrillic,
      p.patronymic_cyrillic,
    ]) {
      for (const token of tokensOf(name ?? null)) own.add(token);
    }
    // name_key given here: the insert trigger (migration 0009) would otherwise look it up per row.
    for (const token of own) tokens.push({ token, person_id: id, name_key: p.name_key });
    events.push(...rows);
  }

  // Today's population first (it fills the cells), then the released people.
  const total = params.inCustody + params.historicalPeople;
  for (let n = 0; n < total; n++) {
    makePerson(n < params.inCustody);
    if (persons.length >= PEOPLE_PER_BATCH) {
      await flush();
      if (totals.persons % 50_000 === 0 || totals.persons === params.inCustody)
        log(`${totals.persons.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} people`);
    }
  }
  await flush();

  const positions = [
    'Nəzarətçi',
    'Şəxsi zabit',
    'Həkim',
    'Tibb bacısı',
    'Feldşer',
    'Psixoloq',
    'Sosial işçi',
  ];
  const staff: Insertable<StaffMemberTable>[] = institutions.flatMap((inst) =>
    Array.from({ length: Math.max(10, Math.round(inst.capacity / 20)) }, () => {
      const female = inst.sex === 'female' ? random() < 0.8 : random() < 0.3;
      return {
        id: benchId(random, historyStart),
        institution_id: inst.id,
        full_name: `${pickWeighted(random, female ? femaleNames : maleNames)} ${surname(random, female)}`,
        sex: female ? 'female' : 'male',
        position: pick(random, positions),
        user_id: null,
        active: 1,
        version: 1,
        created_at: createdAt,
      };
    }),
  );
  await bulkInsert(db, dialect, 'staff_member', staff);
  const statuses = [...statusCounts].map(([s, n]) => `${s} ${n.toLocaleString('en-US')}`).join(', ');
  log(`people by status: ${statuses}`);
  return (
    `${institutionRows.length} institutions, ${cellRows.length.toLocaleString('en-US')} cells, ` +
    `${totals.persons.toLocaleString('en-US')} people, ${totals.events.toLocaleString('en-US')} custody events, ` +
    `${totals.tokens.toLocaleString('en-US')} name tokens, ${staff.length.toLocaleString('en-US')} staff`
  );
}
