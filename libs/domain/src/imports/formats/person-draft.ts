/** Format-neutral person record produced by the import parsers (LinkedIn CSV, vCard). */
export interface PersonDraft {
  fullName: string;
  givenName?: string;
  familyName?: string;
  headline?: string; // e.g. LinkedIn Position, vCard TITLE
  role?: string; // vCard ROLE
  organizationName?: string; // LinkedIn Company, vCard ORG (first component)
  teamName?: string; // vCard ORG second component (org unit)
  emails: string[];
  phones?: string[]; // vCard TEL, as written
  links: Record<string, string>; // raw URLs keyed by kind (see LinkKind); normalization happens elsewhere
  tags: string[]; // vCard CATEGORIES
  notes?: string; // vCard NOTE
  connectedOn?: string; // ISO date yyyy-mm-dd
  externalId?: string; // vCard UID when present
}

export interface ParsedRow {
  line: number;
  draft: PersonDraft;
}

export interface SkippedRow {
  line: number;
  reason: string;
}

export interface ParseResult {
  rows: ParsedRow[];
  skipped: SkippedRow[];
}
