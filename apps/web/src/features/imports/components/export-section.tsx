import { EXPORT_LINKS } from '../api/imports';

/** Downloads, as plain links: the browser sends its session cookie and saves the file the server names. */
export function ExportSection() {
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export your data</h2>
      <ul className="list">
        <li className="row">
          <div>
            <a href={EXPORT_LINKS.json} download>
              Everything, as a Dossier export (JSON)
            </a>
            <p className="muted small">Your whole account in one file: restore it into an empty account here or on another server, or keep it as a backup.</p>
          </div>
        </li>
        <li className="row">
          <div>
            <a href={EXPORT_LINKS.vcard} download>
              Your people as vCards (.vcf)
            </a>
            <p className="muted small">
              For an address book or a phone (vCard 4.0). Older address books: <a href={EXPORT_LINKS.vcard3} download>the same as vCard 3.0</a>.
            </p>
          </div>
        </li>
      </ul>
    </section>
  );
}
