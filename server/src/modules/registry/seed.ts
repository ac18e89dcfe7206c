import { nameKey, nameTokens, newId, type StaffPosition } from '@custodia/domain';
import type { Tx } from '../../platform/db/database.ts';
import type { SeedPart } from '../../platform/seed.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { CustodyEventTable, PersonTable } from './tables.ts';

/** Inserts rows in chunks that stay under both engines' limits on bound parameters. */
export async function insertChunked<T extends Record<string, unknown>>(tx: Tx, table: string, rows: T[]) {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += perChunk) {
    await tx
      .insertInto(table as never)
      .values(rows.slice(i, i + perChunk) as never)
      .execute();
  }
}

const maleNames = [
  'Əli',
  'Rəşid',
  'Elvin',
  'Orxan',
  'Tural',
  'Kamran',
  'Ramil',
  'Nicat',
  'Vüqar',
  'Elçin',
  'Səbuhi',
  'Fərid',
  'Anar',
  'Rauf',
  'Cavid',
  'Şahin',
  'Emin',
  'İlqar',
  'Mübariz',
  'Yusif',
  'Hüseyn',
  'Həsən',
  'Zaur',
  'Rüfət',
  'Ceyhun',
];
const femaleNames = [
  'Nigar',
  'Aynur',
  'Günel',
  'Leyla',
  'Səbinə',
  'Aysel',
  'Könül',
  'Nərmin',
  'Sevinc',
  'Ülviyyə',
  'Şəbnəm',
  'Lalə',
  'Fidan',
  'Arzu',
  'Təranə',
  'Jalə',
  'Xədicə',
  'Zəhra',
  'Rəna',
  'Gülnar',
];
const surnameStems = [
  'Məmməd',
  'Əliy',
  'Həsən',
  'Hüseyn',
  'Quliy',
  'İsmayıl',
  'Abbas',
  'Cəfər',
  'Hacıy',
  'Rzay',
  'Kərim',
  'Nəsirl',
  'Babay',
  'Süleyman',
  'Əhməd',
  'İbrahim',
  'Xəlil',
  'Şükür',
  'Oruc',
  'Musay',
  'Səfər',
  'Qasım',
  'Bağır',
  'Nəbiy',
  'Vəliy',
];

// Azerbaijani Latin → Russian Cyrillic, as names are usually written in Russian documents.
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
function cyrillic(name: string): string {
  let w = name.toLocaleLowerCase('az');
  w = w.replace(/yev$/, 'ев').replace(/yeva$/, 'ева').replace(/iy/g, 'и');
  for (const [re, to] of toCyrillicMap) w = w.replace(re, to);
  w = [...w].map((ch) => latinToCyrillic[ch] ?? ch).join('');
  return w.charAt(0).toLocaleUpperCase('ru') + w.slice(1);
}

function surname(stem: string, female: boolean): string {
  const yev = /[iy]$/.test(stem) || stem.endsWith('ay');
  if (yev) return `${stem}${female ? 'eva' : 'ev'}`;
  return `${stem}${female ? 'ova' : 'ov'}`;
}

interface DemoInstitution {
  id: string;
  code: string;
  names: [string, string, string];
  kind: string;
  sex: 'male' | 'female';
  capacity: number;
  units: { code: string; name: string; cells: number; cellType: string; capacity: number; area: number }[];
}

/**
 * Three pilot institutions (two for men, one for women with a mother-and-baby unit), about 3,000
 * people admitted over the past two years, transfers between the institutions of the same sex,
 * releases, and a handful of situations the worklists should show.
 */
/** Named staff records for the demo health-care accounts (by role), with their sex (WOM-6). */
const demoClinicianStaff = [
  { role: 'doctor', fullName: 'Rəşad Hüseynov', sex: 'male', position: 'doctor' },
  { role: 'feldsher', fullName: 'Səbinə Quliyeva', sex: 'female', position: 'feldsher' },
  { role: 'nurse', fullName: 'Günay Məmmədova', sex: 'female', position: 'nurse' },
  { role: 'psychiatrist', fullName: 'Nərmin Əliyeva', sex: 'female', position: 'psychiatrist' },
  { role: 'psychologist', fullName: 'Aynur Həsənova', sex: 'female', position: 'psychologist' },
  { role: 'dentist', fullName: 'Elvin Kazımov', sex: 'male', position: 'dentist' },
  { role: 'pharmacist', fullName: 'Lalə Rzayeva', sex: 'female', position: 'pharmacist' },
  { role: 'health_manager', fullName: 'Tofiq Babayev', sex: 'male', position: 'head_of_health_care' },
] as const;

export const registrySeed: SeedPart<AuditRecorder> = {
  module: 'registry',
  async run(ctx) {
    const { tx, now, random } = ctx;
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const at = now.toISOString();
    const institutions: DemoInstitution[] = [
      {
        id: newId(),
        code: 'PILOT-1',
        names: [
          '1 nömrəli Cəzaçəkmə Müəssisəsi',
          'Penitentiary Institution No. 1',
          'Пенитенциарное учреждение № 1',
        ],
        kind: 'closed_prison',
        sex: 'male',
        capacity: 1300,
        units: [
          { code: 'A', name: 'A blok', cells: 60, cellType: 'ordinary', capacity: 8, area: 34 },
          { code: 'B', name: 'B blok', cells: 60, cellType: 'ordinary', capacity: 8, area: 30 },
          { code: 'C', name: 'C blok', cells: 60, cellType: 'ordinary', capacity: 6, area: 26 },
          { code: 'M', name: 'Tibbi hissə', cells: 8, cellType: 'medical', capacity: 2, area: 14 },
          { code: 'S', name: 'Xüsusi otaqlar', cells: 4, cellType: 'safe', capacity: 1, area: 7 },
          { code: 'T', name: 'Təcrid', cells: 4, cellType: 'infectious_isolation', capacity: 1, area: 9 },
        ],
      },
      {
        id: newId(),
        code: 'PILOT-2',
        names: [
          '2 nömrəli İstintaq Təcridxanası',
          'Pre-trial Detention Centre No. 2',
          'Следственный изолятор № 2',
        ],
        kind: 'pre_trial',
        sex: 'male',
        capacity: 1000,
        units: [
          { code: 'A', name: 'A korpus', cells: 120, cellType: 'ordinary', capacity: 6, area: 25 },
          { code: 'B', name: 'B korpus', cells: 120, cellType: 'ordinary', capacity: 6, area: 22 },
          { code: 'M', name: 'Tibbi hissə', cells: 6, cellType: 'medical', capacity: 2, area: 13 },
          { code: 'S', name: 'Seqreqasiya', cells: 6, cellType: 'segregation', capacity: 1, area: 5.5 },
          { code: 'R', name: 'Sakitləşdirmə otağı', cells: 2, cellType: 'seclusion', capacity: 1, area: 8 },
        ],
      },
      {
        id: newId(),
        code: 'PILOT-W',
        names: [
          'Qadınlar üçün Cəzaçəkmə Müəssisəsi',
          'Penitentiary Institution for Women',
          'Пенитенциарное учреждение для женщин',
        ],
        kind: 'womens_prison',
        sex: 'female',
        capacity: 450,
        units: [
          { code: 'A', name: 'A blok', cells: 45, cellType: 'ordinary', capacity: 6, area: 26 },
          { code: 'B', name: 'B blok', cells: 45, cellType: 'ordinary', capacity: 6, area: 24 },
          {
            code: 'U',
            name: 'Ana və uşaq evi',
            cells: 8,
            cellType: 'mother_and_baby',
            capacity: 2,
            area: 18,
          },
          { code: 'M', name: 'Tibbi hissə', cells: 4, cellType: 'medical', capacity: 2, area: 14 },
        ],
      },
    ];

    const cellsByInstitution = new Map<
      string,
      { id: string; capacity: number; type: string; occupants: number }[]
    >();
    const unitRows = [];
    const cellRows = [];
    for (const inst of institutions) {
      const cells: { id: string; capacity: number; type: string; occupants: number }[] = [];
      for (const unit of inst.units) {
        const unitId = newId();
        unitRows.push({ id: unitId, institution_id: inst.id, code: unit.code, name: unit.name });
        for (let n = 1; n <= unit.cells; n++) {
          const id = newId();
          cellRows.push({
            id,
            unit_id: unitId,
            institution_id: inst.id,
            code: `${unit.code}-${String(n).padStart(3, '0')}`,
            cell_type: unit.cellType,
            certified_capacity: unit.capacity,
            floor_area_m2: unit.area,
          });
          cells.push({ id, capacity: unit.capacity, type: unit.cellType, occupants: 0 });
        }
      }
      cellsByInstitution.set(inst.id, cells);
    }
    await insertChunked(
      tx,
      'institution',
      institutions.map((i) => ({
        id: i.id,
        code: i.code,
        name_az: i.names[0],
        name_en: i.names[1],
        name_ru: i.names[2],
        kind: i.kind,
        population_sex: i.sex,
        capacity: i.capacity,
        time_zone: 'Asia/Baku',
        version: 1,
        created_at: at,
      })),
    );
    await insertChunked(tx, 'unit', unitRows);
    await insertChunked(tx, 'cell', cellRows);

    const persons: PersonTable[] = [];
    const tokens: { token: string; person_id: string }[] = [];
    const events: CustodyEventTable[] = [];
    const day = 86_400_000;
    const twoYears = 730 * day;
    let number = 100_000;
    const event = (
      personId: string,
      type: string,
      occurredAt: number,
      extra: Partial<CustodyEventTable>,
    ): CustodyEventTable => ({
      id: newId(),
      person_id: personId,
      type,
      occurred_at: new Date(occurredAt).toISOString(),
      recorded_at: new Date(occurredAt + 600_000).toISOString(),
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
    });
    const freeCell = (institutionId: string) => {
      const cells = cellsByInstitution
        .get(institutionId)!
        .filter((c) => c.type === 'ordinary' && c.occupants < c.capacity);
      const cell = cells.length
        ? pick(cells)
        : pick(cellsByInstitution.get(institutionId)!.filter((c) => c.type === 'ordinary'));
      cell.occupants++;
      return cell.id;
    };
    const plan: [DemoInstitution, number][] = [
      [institutions[0]!, 1250],
      [institutions[1]!, 1300],
      [institutions[2]!, 450],
    ];
    let transitsLeft = 3;
    for (const [inst, count] of plan) {
      const female = inst.sex === 'female';
      const sameSex = institutions.filter((i) => i.sex === inst.sex && i.id !== inst.id);
      for (let k = 0; k < count; k++) {
        const id = newId();
        const given = pick(female ? femaleNames : maleNames);
        const family = surname(pick(surnameStems), female);
        const father = pick(maleNames);
        const patronymic = `${father} ${female ? 'qızı' : 'oğlu'}`;
        const script = random();
        const latin = script >= 0.1;
        const cyr = script < 0.1 || script > 0.3;
        const birth = new Date(
          now.getTime() - (19 + Math.floor(random() * 45)) * 365.25 * day - Math.floor(random() * 365) * day,
        );
        const admittedAt = now.getTime() - Math.floor(random() * twoYears) - day;
        const legal = random() < 0.6 ? 'sentenced' : 'remand';
        const p: PersonTable = {
          id,
          prison_number: `AZ${number++}`,
          surname_latin: latin ? family : null,
          given_name_latin: latin ? given : null,
          patronymic_latin: latin ? patronymic : null,
          surname_cyrillic: cyr ? cyrillic(family) : null,
          given_name_cyrillic: cyr ? cyrillic(given) : null,
          patronymic_cyrillic: cyr ? `${cyrillic(father)} ${female ? 'кызы' : 'оглы'}` : null,
          name_key: nameKey(family, given, patronymic),
          birth_date: birth.toISOString().slice(0, 10),
          sex: inst.sex,
          gender_identity: null,
          citizenship: random() < 0.95 ? 'AZ' : pick(['GE', 'RU', 'IR', 'TR']),
          language: random() < 0.9 ? 'az' : 'ru',
          interpreter_needed: random() < 0.03 ? 1 : 0,
          national_id: null,
          status: 'in_custody',
          institution_id: inst.id,
          cell_id: null,
          status_since: new Date(admittedAt).toISOString(),
          destination_institution_id: null,
          legal_status: legal,
          admitted_at: new Date(admittedAt).toISOString(),
          // ADR 0050: the sentenced have a planned release date, spread over the next 1000 days
          // (from the prison number, so the demo's random sequence stays the same).
          planned_release_date:
            legal === 'sentenced'
              ? new Date(now.getTime() + (((number * 37) % 1000) + 1) * day).toISOString().slice(0, 10)
              : null,
          version: 1,
          created_at: at,
        };
        const rule7 = {
          commitmentOrderReference: `QƏR-${2025 + Math.floor(random() * 2)}-${Math.floor(random() * 90_000) + 10_000}`,
          issuingAuthority: pick([
            'Bakı Ağır Cinayətlər Məhkəməsi',
            'Sumqayıt Şəhər Məhkəməsi',
            'Gəncə Apellyasiya Məhkəməsi',
          ]),
          legalBasis: pick(['CM 177.2', 'CM 234.1', 'CM 126.1', 'CM 178.3']),
          arrestedAt: new Date(admittedAt - 2 * day).toISOString(),
          arrestPlace: pick(['Bakı', 'Sumqayıt', 'Gəncə', 'Lənkəran']),
          visibleInjuries: random() < 0.05 ? 'Sol qolda göyərmə' : 'Yoxdur',
          illTreatmentComplaints: 'Yoxdur',
          propertySummary: 'Şəxsi geyim, saat',
          familyMembers:
            female && random() < 0.4
              ? [
                  {
                    relation: 'övlad',
                    name: pick(femaleNames),
                    isChild: true,
                    age: 4,
                    whereabouts: 'Bakı',
                    caredForBy: 'nənəsi',
                  },
                ]
              : [],
          emergencyContact: {
            name: `${pick(maleNames)} ${family}`,
            relation: 'qardaş',
            phone: '+994 50 000 00 00',
          },
          informationGivenInLanguage: true,
        };
        events.push(
          event(id, 'admission', admittedAt, {
            institution_id: inst.id,
            legal_status: legal,
            data: JSON.stringify(rule7),
          }),
        );
        let current = inst.id;
        let t = admittedAt + 3 * 3_600_000;
        const roll = random();
        if (transitsLeft > 0 && sameSex.length) {
          // A few people left for another institution two days ago and have not arrived: a worklist item.
          transitsLeft--;
          const destination = pick(sameSex).id;
          events.push(
            event(id, 'transfer_out', now.getTime() - 2 * day, {
              institution_id: current,
              destination_institution_id: destination,
            }),
          );
          Object.assign(p, {
            status: 'in_transit',
            status_since: new Date(now.getTime() - 2 * day).toISOString(),
            destination_institution_id: destination,
          });
        } else {
          if (roll < 0.15 && sameSex.length) {
            const destination = pick(sameSex).id;
            const leave = Math.min(
              t + Math.floor(random() * (now.getTime() - t) * 0.5),
              now.getTime() - 3 * day,
            );
            if (leave > t) {
              events.push(
                event(id, 'transfer_out', leave, {
                  institution_id: current,
                  destination_institution_id: destination,
                }),
              );
              events.push(event(id, 'transfer_in', leave + day, { institution_id: destination }));
              current = destination;
              t = leave + day + 3_600_000;
              Object.assign(p, {
                institution_id: current,
                status_since: new Date(leave + day).toISOString(),
              });
            }
          }
          const released = roll > 0.78 && now.getTime() - t > 10 * day;
          if (released) {
            const out = t + Math.floor(random() * (now.getTime() - t - 2 * day));
            events.push(
              event(id, 'release', out, {
                institution_id: current,
                data: JSON.stringify({ releaseReason: 'Cəza müddəti başa çatıb' }),
              }),
            );
            Object.assign(p, {
              status: 'released',
              cell_id: null,
              status_since: new Date(out).toISOString(),
            });
          } else {
            const cellId = freeCell(current);
            events.push(event(id, 'placement', t, { institution_id: current, cell_id: cellId }));
            p.cell_id = cellId;
          }
        }
        persons.push(p);
        for (const token of new Set(
          [
            p.surname_latin,
            p.given_name_latin,
            p.patronymic_latin,
            p.surname_cyrillic,
            p.given_name_cyrillic,
            p.patronymic_cyrillic,
          ].flatMap((n) => nameTokens(n)),
        )) {
          tokens.push({ token, person_id: id });
        }
      }
    }
    // Issue 14 item 9: fresh arrivals in the first pilot prison, hours before the seed's `now`, so the
    // nurse has screenings due today whenever the demo starts (the 26-hour one already overdue, ADM-1)
    // and the doctor has screenings to countersign.
    // No `random()` here: the rest of the demo stays as it was.
    const home = institutions[0];
    if (home) {
      const fresh: [string, string, string, number][] = [
        ['Məmmədov', 'Elvin', 'Rauf oğlu', 1.5],
        ['Quliyev', 'Tural', 'Anar oğlu', 4],
        ['Hüseynov', 'Nicat', 'Kamran oğlu', 7],
        ['Kərimov', 'Ramil', 'Zaur oğlu', 26],
        // Screened by the nurse since, awaiting the doctor's countersignature (the clinical seed).
        ['Əliyev', 'Orxan', 'Vüqar oğlu', 34],
        ['Rzayev', 'Kamran', 'Elçin oğlu', 50],
      ];
      for (const [family, given, patronymic, hoursAgo] of fresh) {
        const id = newId();
        const admittedAt = now.getTime() - hoursAgo * 3_600_000;
        const cell = cellsByInstitution
          .get(home.id)!
          .find((c) => c.type === 'ordinary' && c.occupants < c.capacity)!;
        cell.occupants++;
        persons.push({
          id,
          prison_number: `AZ${number++}`,
          surname_latin: family,
          given_name_latin: given,
          patronymic_latin: patronymic,
          surname_cyrillic: null,
          given_name_cyrillic: null,
          patronymic_cyrillic: null,
          name_key: nameKey(family, given, patronymic),
          birth_date: '1992-03-14',
          sex: 'male',
          gender_identity: null,
          citizenship: 'AZ',
          language: 'az',
          interpreter_needed: 0,
          national_id: null,
          status: 'in_custody',
          institution_id: home.id,
          cell_id: cell.id,
          status_since: new Date(admittedAt).toISOString(),
          destination_institution_id: null,
          legal_status: 'remand',
          admitted_at: new Date(admittedAt).toISOString(),
          planned_release_date: null,
          version: 1,
          created_at: at,
        });
        events.push(
          event(id, 'admission', admittedAt, {
            institution_id: home.id,
            legal_status: 'remand',
            data: JSON.stringify({
              commitmentOrderReference: `QƏR-2026-${70_000 + number}`,
              issuingAuthority: 'Bakı Ağır Cinayətlər Məhkəməsi',
              legalBasis: 'CM 177.2',
              arrestedAt: new Date(admittedAt - 2 * day).toISOString(),
              arrestPlace: 'Bakı',
              visibleInjuries: hoursAgo === 4 ? 'Sol qolda göyərmə' : 'Yoxdur',
              illTreatmentComplaints: 'Yoxdur',
              propertySummary: 'Şəxsi geyim, saat',
              familyMembers: [],
              emergencyContact: {
                name: `Aynur ${family}a`,
                relation: 'həyat yoldaşı',
                phone: '+994 50 000 00 00',
              },
              informationGivenInLanguage: true,
            }),
          }),
          event(id, 'placement', admittedAt + 3_600_000 / 2, { institution_id: home.id, cell_id: cell.id }),
        );
        for (const token of new Set([family, given, patronymic].flatMap((n) => nameTokens(n))))
          tokens.push({ token, person_id: id });
      }
    }
    await insertChunked(tx, 'person', persons as unknown as Record<string, unknown>[]);
    await insertChunked(tx, 'person_name_token', tokens);
    await insertChunked(tx, 'custody_event', events as unknown as Record<string, unknown>[]);

    // Positions as codes of the list (domain `staffPositions`), shown in words in each language.
    const positions: StaffPosition[] = [
      'custodial_officer',
      'personal_officer',
      'doctor',
      'nurse',
      'psychologist',
      'social_worker',
    ];
    const staff = institutions.flatMap((inst) =>
      Array.from({ length: 40 }, () => ({
        id: newId(),
        institution_id: inst.id,
        full_name: `${pick(inst.sex === 'female' ? femaleNames : maleNames)} ${surname(pick(surnameStems), inst.sex === 'female')}`,
        sex: inst.sex === 'female' && random() < 0.8 ? 'female' : random() < 0.7 ? 'male' : 'female',
        position: pick(positions),
        user_id: null,
        active: 1,
        version: 1,
        created_at: at,
      })),
    );
    // The staff records of the demo health-care accounts, in the first pilot prison (WOM-6: a
    // clinician's sex is read from their staff record); the identity seed links the accounts.
    const demoClinicians: Record<string, string> = {};
    if (home) {
      for (const d of demoClinicianStaff) {
        const id = newId();
        demoClinicians[d.role] = id;
        staff.push({
          id,
          institution_id: home.id,
          full_name: d.fullName,
          sex: d.sex,
          position: d.position,
          user_id: null,
          active: 1,
          version: 1,
          created_at: at,
        });
      }
    }
    await insertChunked(tx, 'staff_member', staff);
    ctx.store.set('demoClinicianStaff', demoClinicians);
    ctx.store.set(
      'institutionIds',
      institutions.map((i) => i.id),
    );
    await ctx.audit.record(
      tx,
      { userId: null, username: 'seed', role: null, clientAddress: null },
      {
        action: 'registry.seed_demo',
        dataClass: 'custodial',
        outcome: 'allowed',
        details: { institutions: institutions.length, persons: persons.length, events: events.length },
      },
    );
    return `${institutions.length} pilot institutions, ${cellRows.length} cells, ${persons.length} people, ${events.length} custody events, ${staff.length} staff`;
  },
};
