/** Request bodies many API tests need: a complete admission (ADM-3) of a new person. */
export function admissionBody(
  institutionId: string,
  admittedAt: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    institutionId,
    admittedAt,
    commitmentOrderReference: 'QƏR-2026-12345',
    issuingAuthority: 'Bakı Ağır Cinayətlər Məhkəməsi',
    legalBasis: 'CM 177.2',
    legalStatus: 'remand',
    arrestedAt: new Date(Date.parse(admittedAt) - 48 * 3_600_000).toISOString(),
    arrestPlace: 'Bakı',
    visibleInjuries: 'Yoxdur',
    illTreatmentComplaints: 'Yoxdur',
    propertySummary: 'Saat, telefon',
    familyMembers: [],
    emergencyContact: { name: 'Rəşid Məmmədov', relation: 'qardaş', phone: '+994 50 123 45 67' },
    informationGivenInLanguage: true,
    ...overrides,
  };
}

export function personBody(overrides: Record<string, unknown> = {}) {
  return {
    surnameLatin: 'Məmmədov',
    givenNameLatin: 'Əli',
    patronymicLatin: 'Vüqar oğlu',
    surnameCyrillic: null,
    givenNameCyrillic: null,
    birthDate: '1990-05-04',
    sex: 'male',
    citizenship: 'AZ',
    language: 'az',
    interpreterNeeded: false,
    prisonNumber: `T-${Math.floor(Math.random() * 1e9)}`,
    ...overrides,
  };
}
