import { FileForm } from './file-form';

/** A whole account from a Dossier export (another server, or a backup), into this one while it is empty. */
export function RestoreSection({ onStarted }: { onStarted: (id: string) => void }) {
  return (
    <section className="card" aria-labelledby="restore-heading">
      <h2 id="restore-heading">Restore from a Dossier export</h2>
      <FileForm
        label="Dossier export file"
        accept=".json,application/json"
        hint={
          <>
            The <code>dossier-export.json</code> a Dossier account downloaded (above, or on another server): people, organizations, the pipeline, interviews, reading, briefings. Only into an empty
            account: one with no people, organizations, stage templates, tasks or résumé projects yet.
          </>
        }
        kindFor={() => 'dossier'}
        submit="Restore this export"
        onStarted={onStarted}
      />
    </section>
  );
}
