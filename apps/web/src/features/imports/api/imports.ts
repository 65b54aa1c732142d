import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type ImportRun = components['schemas']['ImportRunResponse'];
export type ImportFormat = ImportRun['format'];
/** What the person chooses to upload: contacts (LinkedIn, vCard) or a whole Dossier export. */
export type UploadKind = 'linkedin' | 'vcard' | 'dossier';

export const PAGE_SIZE = 10;
/** How often a running import is asked for its progress. */
const POLL_MS = 1000;

export const importsKeys = {
  all: ['imports'] as const,
  lists: () => [...importsKeys.all, 'list'] as const,
  list: (offset: number) => [...importsKeys.lists(), offset] as const,
  run: (id: string) => [...importsKeys.all, 'run', id] as const,
};

export function isActive(run: Pick<ImportRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/**
 * An import that has finished changed the account: the list of imports, and every other screen's data
 * (people, organizations, today…). Features never import each other, so those are refreshed by key
 * prefix, by value, as the app shell shares the signed-in user's key.
 */
function settle(queryClient: QueryClient): void {
  // Not the runs: one of them is the query that saw the end (invalidating it would cancel its own fetch, again and again).
  void queryClient.invalidateQueries({ predicate: ({ queryKey: [feature, kind] }) => feature !== 'auth' && !(feature === importsKeys.all[0] && kind === 'run') });
}

/** Past imports, newest first, a page at a time; asked again while one of them still runs. */
export function useImports(offset: number) {
  return useQuery({
    queryKey: importsKeys.list(offset),
    queryFn: () => unwrap(api.GET('/imports', { params: { query: { limit: PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? POLL_MS : false),
  });
}

/** One import: its report, or its progress (polled) while the worker runs it. */
export function useImportRun(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importsKeys.run(id),
    queryFn: async () => {
      const before = queryClient.getQueryData<ImportRun>(importsKeys.run(id));
      const run = await unwrap(api.GET('/imports/{id}', { params: { path: { id } } }));
      if (before && isActive(before) && !isActive(run)) settle(queryClient);
      return run;
    },
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? POLL_MS : false),
  });
}

/**
 * Uploads a file as a browser form (multipart/form-data, the file in the `file` field), as the API
 * takes it on every import route. The generated form body carries the file's text.
 */
export function useUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, file }: { kind: UploadKind; file: File }): Promise<ImportRun> => {
      const text = await file.text();
      const body = { file: text };
      const bodySerializer = () => {
        const data = new FormData();
        data.append('file', new Blob([text], { type: file.type || 'application/octet-stream' }), file.name);
        return data;
      };
      if (kind === 'linkedin') return unwrap(api.POST('/imports/linkedin', { body, bodySerializer }));
      if (kind === 'vcard') return unwrap(api.POST('/imports/vcard', { body, bodySerializer }));
      return unwrap(api.POST('/imports/dossier', { body, bodySerializer }));
    },
    onSuccess: (run) => {
      queryClient.setQueryData(importsKeys.run(run.id), run);
      if (isActive(run)) void queryClient.invalidateQueries({ queryKey: importsKeys.lists() });
      else settle(queryClient);
    },
  });
}

/** The export downloads: plain links, opened with the browser's session cookie. */
export const EXPORT_LINKS = {
  json: '/export',
  vcard: '/export/vcard',
  vcard3: '/export/vcard?version=3.0',
} as const;
