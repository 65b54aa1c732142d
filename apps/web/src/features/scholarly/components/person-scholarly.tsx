import { asApiError } from '@/lib/api/errors';
import { useIdentities } from '../api/scholarly';
import { IdentitiesSection } from './identities-section';
import { SyncSection } from './sync-section';
import { WorksSection } from './works-section';
import './scholarly.css';

/** The scholarly half of a person's page: who they are at the sources, the sync of their works, and the works (nothing for a person who does not exist). */
export function PersonScholarly({ personId, onSynced }: { personId: string; onSynced?: () => void }) {
  // No such person: the person's own page says so; these sections add nothing to it.
  const identities = useIdentities(personId);
  if (asApiError(identities.error)?.status === 404) return null;
  return (
    <>
      <IdentitiesSection personId={personId} />
      <SyncSection personId={personId} onSynced={onSynced} />
      <WorksSection personId={personId} onChanged={onSynced} />
    </>
  );
}
