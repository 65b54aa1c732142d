import type { InteractionType } from '../interactions/interaction.entity';
import type { RelationshipStage } from '../people/person.entity';
import type { PersonLinks } from '../people/person-links';

export const EXPORT_FORMAT = 'dossier-export';
export const EXPORT_VERSION = 1;

/**
 * All of one user's data as one JSON document. Versioned: an importer reads any version it knows.
 * Ids are kept so that references inside the document hold; an import gives the rows new ids.
 */
export interface AccountExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  account: { displayName: string; timeZone: string };
  organizations: ExportedOrganization[];
  people: ExportedPerson[];
  interactions: ExportedInteraction[];
}

export interface ExportedOrganization {
  id: string;
  name: string;
  website: string | null;
  description: string | null;
  researchNotes: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  teams: { id: string; name: string; description: string | null; researchNotes: string | null; createdAt: string; updatedAt: string }[];
}

export interface ExportedPerson {
  id: string;
  fullName: string;
  givenName: string | null;
  familyName: string | null;
  headline: string | null;
  role: string | null;
  organizationId: string | null;
  teamId: string | null;
  emails: string[];
  links: PersonLinks;
  tags: string[];
  howWeMet: string | null;
  relationshipStage: RelationshipStage;
  notes: string | null;
  nextFollowUpAt: string | null;
  followUpCadenceDays: number | null;
  lastInteractionAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ExportedInteraction {
  id: string;
  personId: string;
  type: InteractionType;
  occurredAt: string;
  channel: string | null;
  summary: string;
  offered: string | null;
  createdAt: string;
  updatedAt: string;
}
