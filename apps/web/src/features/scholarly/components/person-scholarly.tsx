import { IdentitiesSection } from './identities-section';
import { SyncSection } from './sync-section';
import { WorksSection } from './works-section';
import './scholarly.css';

/** The scholarly half of a person's page: who they are at the sources, the sync of their works, and the works. */
export function PersonScholarly({ personId, onSynced }: { personId: string; onSynced?: () => void }) {
  return (
    <>
      <IdentitiesSection personId={personId} />
      <SyncSection personId={personId} onSynced={onSynced} />
      <WorksSection personId={personId} />
    </>
  );
}
