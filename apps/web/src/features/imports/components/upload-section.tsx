import { useState } from 'react';
import type { UploadKind } from '../api/imports';
import { FileForm } from './file-form';

/** A LinkedIn Connections.csv or a vCard file, into the network; the report opens once it is in. */
export function UploadSection({ onStarted }: { onStarted: (id: string) => void }) {
  const [kind, setKind] = useState<'auto' | Exclude<UploadKind, 'dossier'>>('auto');
  return (
    <section className="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Import contacts</h2>
      <FileForm
        label="Contacts file"
        accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard"
        hint={
          <>
            LinkedIn's <code>Connections.csv</code> (Settings → Data privacy → Get a copy of your data → Connections), or a <code>.vcf</code> file from an address book. People already in Dossier are
            matched, not doubled. A large file is imported in the background.
          </>
        }
        kindFor={(file) => (kind !== 'auto' ? kind : /\.(vcf|vcard)$/i.test(file.name) || /vcard/i.test(file.type) ? 'vcard' : 'linkedin')}
        submit="Import contacts"
        onStarted={onStarted}
      >
        <div className="field imports-kind">
          <label htmlFor="import-kind">The file is</label>
          <select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value === 'linkedin' || e.target.value === 'vcard' ? e.target.value : 'auto')}>
            <option value="auto">Known by its name (.csv or .vcf)</option>
            <option value="linkedin">LinkedIn Connections.csv</option>
            <option value="vcard">vCard (.vcf)</option>
          </select>
        </div>
      </FileForm>
    </section>
  );
}
