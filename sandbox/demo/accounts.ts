/**
 * The demo organization and its people, seeded on a sandbox's first start. Everyone signs in
 * with DEMO_PASSWORD and any of: username, email. Jordan Lee answers messages on their own.
 */
export const DEMO_PASSWORD = 'tigerdesk-demo';

export const DEMO_ORGANIZATION = {
  token: '7c1e4a52-9d0b-4f3e-8a61-2b5d90c4e7a1',
  name: 'Tiger General Hospital',
  /** Minutes; a message asking for "never" (-1) or longer gets 30 days. */
  maxTtl: 30 * 24 * 60,
  /** Minutes; seven days when a message names no ttl. */
  defaultTtl: 7 * 24 * 60,
} as const;

/**
 * A second organization, so that working in several can be tried: Alex Morgan and Jordan Lee
 * belong to both, and its own Hannah Kim shares a name with the hospital's.
 */
export const NORTHSIDE_ORGANIZATION = {
  token: 'b3f6d2e8-4c1a-4e7b-9a05-6d8e1f2c3b49',
  name: 'Northside Clinic',
  maxTtl: 30 * 24 * 60,
  /** Minutes; one day when a message names no ttl. */
  defaultTtl: 24 * 60,
  /** Stored once, when the organization is first made; the admin route changes them. */
  settings: [{ name: 'priority_messaging', value: 'false' }],
} as const;

export interface DemoPerson {
  username: string;
  firstName: string;
  lastName: string;
  displayName: string;
  title: string;
  department: string;
}

export const DEMO_RESPONDER = 'jordan.lee';
/** The account a person trying TigerDesk alone signs in with. */
export const DEMO_YOU = 'alex.morgan';

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  person('Alex', 'Morgan', 'Resident Physician', 'Internal Medicine'),
  person('Jordan', 'Lee', 'Charge Nurse', 'Emergency Department'),
  person('Amara', 'Okafor', 'Attending Physician', 'Emergency Medicine', 'Dr.'),
  person('Ben', 'Carter', 'Hospitalist', 'Internal Medicine', 'Dr.'),
  person('Priya', 'Natarajan', 'Clinical Pharmacist', 'Pharmacy'),
  person('Marcus', 'Webb', 'Respiratory Therapist', 'Respiratory Care'),
  person('Sofia', 'Alvarez', 'Cardiologist', 'Cardiology', 'Dr.'),
  person('Hannah', 'Kim', 'Registered Nurse', 'Intensive Care Unit'),
  person('Tom', 'Fischer', 'Anesthesiologist', 'Anesthesiology', 'Dr.'),
  person('Grace', 'Mensah', 'Case Manager', 'Care Coordination'),
  person('Luis', 'Romero', 'Radiologic Technologist', 'Radiology'),
  person('Mei', 'Chen', 'Pediatrician', 'Pediatrics', 'Dr.'),
  person('Olivia', 'Brooks', 'Unit Secretary', 'Emergency Department'),
];

/** Northside's own people (usernames end in `.northside`). */
export const NORTHSIDE_PEOPLE: readonly DemoPerson[] = [
  person('Hannah', 'Kim', 'Nurse Practitioner', 'Family Medicine', undefined, 'northside'),
  person('David', 'Osei', 'Physician Assistant', 'Urgent Care', undefined, 'northside'),
  person('Rosa', 'Delgado', 'Medical Assistant', 'Family Medicine', undefined, 'northside'),
];
/** The demo people who belong to Northside too (their home stays the hospital). */
export const NORTHSIDE_GUESTS: readonly string[] = [DEMO_YOU, DEMO_RESPONDER];

export function demoEmail(username: string): string {
  return `${username}@tigergeneral.test`;
}

function person(firstName: string, lastName: string, title: string, department: string, honorific?: string, place?: string): DemoPerson {
  const name = `${firstName} ${lastName}`;
  return {
    username: [firstName, lastName, ...(place === undefined ? [] : [place])].join('.').toLowerCase(),
    firstName,
    lastName,
    displayName: honorific === undefined ? name : `${honorific} ${name}`,
    title,
    department,
  };
}
