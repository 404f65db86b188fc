/**
 * Clinical-sounding message bodies and search queries for the hospital-year profile. The
 * bodies are built from templates and a vocabulary of a few hundred words (drugs, labs,
 * procedures, symptoms, wards, names), so that full-text search meets common words with
 * tens of thousands of hits, rare ones with a few, prefixes and misses, as in a real year.
 */
import type { Random } from './hospital-year-random';

const drugs = [
  'heparin', 'enoxaparin', 'warfarin', 'apixaban', 'vancomycin', 'piperacillin', 'tazobactam', 'ceftriaxone', 'cefazolin',
  'metronidazole', 'meropenem', 'gentamicin', 'furosemide', 'bumetanide', 'spironolactone', 'metoprolol', 'labetalol',
  'amlodipine', 'lisinopril', 'hydralazine', 'nitroglycerin', 'norepinephrine', 'vasopressin', 'dobutamine', 'amiodarone',
  'digoxin', 'insulin', 'glargine', 'lispro', 'dextrose', 'potassium', 'magnesium', 'phosphate', 'calcium', 'bicarbonate',
  'morphine', 'hydromorphone', 'fentanyl', 'oxycodone', 'acetaminophen', 'ketorolac', 'ondansetron', 'metoclopramide',
  'pantoprazole', 'famotidine', 'lorazepam', 'haloperidol', 'quetiapine', 'propofol', 'dexmedetomidine', 'midazolam',
  'prednisone', 'methylprednisolone', 'hydrocortisone', 'levothyroxine', 'albuterol', 'ipratropium', 'naloxone', 'alteplase',
];
const labs = [
  'potassium', 'sodium', 'creatinine', 'BUN', 'lactate', 'troponin', 'hemoglobin', 'platelets', 'INR', 'PTT', 'glucose',
  'magnesium', 'phosphorus', 'lipase', 'bilirubin', 'ALT', 'AST', 'albumin', 'procalcitonin', 'CRP', 'BNP', 'TSH',
  'ferritin', 'fibrinogen', 'D-dimer', 'WBC', 'neutrophils', 'ammonia', 'cortisol', 'A1c', 'ABG', 'VBG', 'osmolality',
];
const procedures = [
  'central line', 'arterial line', 'PICC', 'lumbar puncture', 'thoracentesis', 'paracentesis', 'bronchoscopy', 'intubation',
  'extubation', 'chest tube', 'dialysis', 'CRRT', 'echocardiogram', 'CT angiogram', 'MRI brain', 'ultrasound', 'EEG',
  'endoscopy', 'colonoscopy', 'cardioversion', 'cath lab', 'wound debridement', 'Foley catheter', 'NG tube', 'transfusion',
];
const symptoms = [
  'chest pain', 'shortness of breath', 'hypotension', 'hypertension', 'tachycardia', 'bradycardia', 'fever', 'rigors',
  'confusion', 'delirium', 'agitation', 'nausea', 'vomiting', 'abdominal pain', 'headache', 'syncope', 'desaturation',
  'hematuria', 'melena', 'rash', 'edema', 'oliguria', 'hypoglycemia', 'hyperkalemia', 'seizure', 'dizziness', 'wheezing',
];
const services = [
  'cardiology', 'nephrology', 'neurology', 'pulmonology', 'infectious disease', 'oncology', 'hematology', 'surgery',
  'orthopedics', 'urology', 'gastroenterology', 'endocrinology', 'psychiatry', 'palliative care', 'pharmacy', 'radiology',
  'physical therapy', 'social work', 'case management', 'nutrition', 'respiratory therapy', 'wound care', 'chaplaincy',
];
const wards = ['ICU', 'CCU', 'MICU', 'SICU', 'NICU', 'PACU', 'ED', 'step-down', 'telemetry', 'oncology ward', 'maternity', 'ortho floor', 'med-surg', 'rehab'];
const surnames = [
  'Okafor', 'Lindqvist', 'Ramirez', 'Nakamura', 'Kowalski', 'Haddad', 'Fitzgerald', 'Mbeki', 'Petrov', 'Castellano',
  'Nguyen', 'Abernathy', 'Sorensen', 'Delacroix', 'Yamamoto', 'Oyelaran', 'Brennan', 'Achterberg', 'Szabo', 'Ivanova',
  'Marchetti', 'Adeyemi', 'Gallagher', 'Rosenthal', 'Chaudhry', 'Whitfield', 'Moreau', 'Quintero', 'Halvorsen', 'Tanaka',
];
const givenNames = [
  'Amara', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonah', 'Kavya', 'Liam', 'Mei', 'Noor',
  'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomas', 'Uma', 'Victor', 'Wen', 'Yusuf', 'Zara',
];
const titles = ['Registered Nurse', 'Charge Nurse', 'Resident Physician', 'Attending Physician', 'Pharmacist', 'Respiratory Therapist', 'Nurse Practitioner', 'Physician Assistant', 'Case Manager', 'Unit Clerk'];
const departments = ['Medicine', 'Surgery', 'Critical Care', 'Emergency', 'Pediatrics', 'Obstetrics', 'Oncology', 'Cardiology', 'Neurology', 'Pharmacy', 'Radiology', 'Laboratory'];
const teamWords = ['Rapid Response', 'Stroke Alert', 'Sepsis Huddle', 'Night Float', 'Charge Nurses', 'Bed Flow', 'Code Team', 'Discharge Planning', 'Wound Team', 'Pharmacy Rounds', 'Trauma Bay', 'Transfusion Service'];
const times = ['0600', '0700', '0800', '0930', '1000', '1100', 'noon', '1300', '1400', '1530', '1600', '1800', '1900', '2100', '2300', 'midnight'];
const units = ['mg', 'mcg', 'units', 'mEq', 'mL/hr'];

type Template = (r: Random) => string;

const bed = (r: Random) => `${r.pick(['bed', 'room'])} ${1 + r.below(48)}${r.pick(['', '', 'A', 'B'])}`;
const dose = (r: Random) => `${r.pick([0.5, 1, 2, 2.5, 4, 5, 10, 12.5, 20, 25, 40, 50, 80, 100, 250, 500, 1000])} ${r.pick(units)}`;
const value = (r: Random) => `${(r.next() * 9 + 0.5).toFixed(1)}`;
const person = (r: Random) => `Dr. ${r.pick(surnames)}`;
const mrn = (r: Random) => `MRN ${100_000 + r.below(900_000)}`;

const templates: readonly Template[] = [
  (r) => `${bed(r)} needs a repeat ${r.pick(labs)} before ${r.pick(times)}, last was ${value(r)}`,
  (r) => `Pharmacy confirmed the ${r.pick(drugs)} rate for ${bed(r)}; next level at ${r.pick(times)}`,
  (r) => `Can you review the ${r.pick(['chest film', 'CT', 'ECG', 'ultrasound', 'MRI'])} for ${bed(r)}? Concern for ${r.pick(symptoms)}`,
  (r) => `Patient in ${bed(r)} is ready for discharge, waiting on ${r.pick(services)} sign-off`,
  (r) => `Rapid response in ${r.pick(wards)} ${bed(r)} for ${r.pick(symptoms)}, now stable after ${r.pick(drugs)} ${dose(r)}`,
  (r) => `${r.pick(labs)} came back ${value(r)} on ${mrn(r)}, please reorder ${r.pick(drugs)} ${dose(r)}`,
  (r) => `${person(r)} from ${r.pick(services)} will see ${bed(r)} after rounds about the ${r.pick(procedures)}`,
  (r) => `${r.pick(procedures)} scheduled for ${r.pick(times)} in ${r.pick(wards)}, consent signed, NPO since midnight`,
  (r) => `Family of ${bed(r)} asking for an update on the ${r.pick(symptoms)}; can ${person(r)} call them back?`,
  (r) => `Held ${r.pick(drugs)} this morning because of ${r.pick(symptoms)}; ${r.pick(labs)} pending`,
  (r) => `Transfer from ${r.pick(wards)} to ${r.pick(wards)} approved for ${bed(r)}, report called to ${r.pick(givenNames)}`,
  (r) => `${r.pick(givenNames)}, could you cover ${bed(r)} while I take the ${r.pick(procedures)} patient down?`,
  (r) => `Started ${r.pick(drugs)} ${dose(r)} per ${r.pick(services)}; watch for ${r.pick(symptoms)} overnight`,
  (r) => `Blood cultures times two drawn on ${bed(r)}, ${r.pick(drugs)} and ${r.pick(drugs)} hung at ${r.pick(times)}`,
  (r) => `Bed huddle at ${r.pick(times)}: ${r.below(9)} admissions pending, ${r.below(6)} discharges, ${r.pick(wards)} is full`,
  (r) => `${mrn(r)} needs ${r.pick(services)} consult for ${r.pick(symptoms)}; paged ${person(r)} twice`,
  (r) => `Fall precautions for ${bed(r)}, sitter requested, ${r.pick(symptoms)} worse since ${r.pick(times)}`,
  () => `Thanks, got it`,
  (r) => `On my way to ${bed(r)}`,
  (r) => `Can someone grab the ${r.pick(['glucometer', 'bladder scanner', 'vein finder', 'crash cart', 'Doppler', 'pump'])} from ${r.pick(wards)}?`,
  (r) => `${r.pick(drugs)} drip titrated to ${value(r)} ${r.pick(units)}, MAP above 65 now`,
  (r) => `Wound care done on ${bed(r)}, dressing changed, next check at ${r.pick(times)}`,
  (r) => `Post-op ${bed(r)} back from ${r.pick(procedures)}, vitals stable, pain controlled with ${r.pick(drugs)}`,
  (r) => `Critical ${r.pick(labs)} of ${value(r)} called by the lab for ${mrn(r)}; ${person(r)} notified`,
];

/** One message body: a template, sometimes followed by a second sentence. */
export function clinicalBody(r: Random): string {
  const first = r.pick(templates)(r);
  return r.next() < 0.25 ? `${first}. ${r.pick(templates)(r)}` : first;
}

export function personName(r: Random): { first: string; last: string; title: string; department: string } {
  return { first: r.pick(givenNames), last: r.pick(surnames), title: r.pick(titles), department: r.pick(departments) };
}

export function teamName(r: Random, n: number): string {
  return `${r.pick(wards)} ${r.pick(teamWords)} ${n}`;
}

/**
 * Queries as people type them: one common word, a prefix still being typed, two words that
 * meet in some messages, a surname, a record number, and words found nowhere.
 */
export function searchQueries(r: Random, count: number): string[] {
  const kinds: readonly ((r: Random) => string)[] = [
    (q) => q.pick(drugs),
    (q) => q.pick(labs),
    (q) => q.pick(drugs).slice(0, 4 + q.below(3)),
    (q) => `${q.pick(labs)} ${q.pick(['repeat', 'critical', 'reorder', 'pending'])}`,
    (q) => `${q.pick(drugs)} ${q.pick(symptoms).split(' ')[0]!}`,
    (q) => q.pick(surnames),
    (q) => q.pick(procedures),
    (q) => `${q.pick(wards)} ${q.pick(['full', 'transfer', 'huddle'])}`,
    (q) => `MRN ${100_000 + q.below(900_000)}`.slice(0, 8 + q.below(3)),
    (q) => q.pick(['zebrafish', 'quasar', 'xylophone', 'flamenco']),
  ];
  return Array.from({ length: count }, (_, n) => kinds[n % kinds.length]!(r));
}
