import { useUrlParams } from '@/lib/url-params';
import './imports.css';
import { ExportSection } from './export-section';
import { ImportHistory } from './import-history';
import { ImportReport } from './import-report';
import { RestoreSection } from './restore-section';
import { UploadSection } from './upload-section';

/**
 * Imports and exports: upload contacts, the report of one import (its id in the URL, `?run=`, so a
 * reload or a shared link shows it again), past imports, the downloads, and restoring an export.
 */
export function ImportsPage() {
  const [params, update] = useUrlParams();
  const run = params.get('run') ?? undefined;
  const show = (id: string | undefined) => update({ run: id ?? '' }, { push: true });
  return (
    <div className="stack">
      <UploadSection onStarted={show} />
      {run && <ImportReport id={run} onClose={() => show(undefined)} />}
      <ImportHistory current={run} />
      <ExportSection />
      <RestoreSection onStarted={show} />
    </div>
  );
}
