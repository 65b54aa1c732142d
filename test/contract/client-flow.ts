/**
 * A dashboard's flow written against the client generated from /docs-json (openapi-typescript +
 * openapi-fetch), the way a browser app would call the API. It is not run: the contract test
 * generates `./schema` from a live test app's document into a temporary project, copies this file
 * beside it and type-checks it. Zero type errors means a client stands on the document as it is.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

type ErrorBody = components['schemas']['ErrorBody'];

/** What a screen shows for a refused request: the message, and each field's problem beside it. */
export function describeError(error: ErrorBody): string {
  const fields = (error.details ?? []).map((detail) => `${detail.field}: ${detail.problem}`);
  return [`${error.statusCode} ${error.code}: ${error.message} (request ${error.requestId})`, ...fields].join('\n');
}

export async function dashboardFlow(baseUrl: string, csv: string): Promise<string[]> {
  const log: string[] = [];
  const api = createClient<paths>({ baseUrl });

  const registered = await api.POST('/auth/register', { body: { email: 'ada@example.org', password: 'correct horse battery', displayName: 'Ada', timeZone: 'Europe/London' } });
  if (registered.error) return [describeError(registered.error)];
  const token: string = registered.data.token;
  const expiresAt: string = registered.data.expiresAt;
  log.push(`signed in until ${new Date(expiresAt).toISOString()}`);
  api.use({ onRequest: ({ request }) => { request.headers.set('authorization', `Bearer ${token}`); return request; } });

  const organization = await api.POST('/organizations', { body: { name: 'Example Frontier Lab', website: 'https://lab.example.org', description: null, researchNotes: 'RL and world models' } });
  if (organization.error) return [describeError(organization.error)];
  const team = await api.POST('/organizations/{id}/teams', { params: { path: { id: organization.data.id } }, body: { name: 'Agents', researchNotes: null } });
  if (team.error) return [describeError(team.error)];

  const person = await api.POST('/people', {
    body: {
      fullName: 'Maya Chen',
      headline: 'Research Scientist, reinforcement learning',
      role: null,
      organizationId: organization.data.id,
      teamId: team.data.id,
      notes: null,
      links: { homepage: 'https://maya.example.org', orcid: '0000-0002-1825-0097' },
      nextFollowUpAt: '2026-12-15',
      followUpCadenceDays: 60,
      howWeMet: null,
    },
  });
  if (person.error) return [describeError(person.error)];
  const homepage: string | undefined = person.data.links.homepage;
  const organizationName: string | undefined = person.data.organization?.name;
  log.push(`${person.data.fullName} at ${organizationName ?? '—'} (${homepage ?? 'no homepage'}), created ${new Date(person.data.createdAt).toLocaleDateString()}`);
  const cleared = await api.PATCH('/people/{id}', { params: { path: { id: person.data.id } }, body: { headline: null, followUpCadenceDays: null, teamId: null } });
  if (cleared.error) log.push(describeError(cleared.error));

  const people = await api.GET('/people', { params: { query: { q: 'maya', limit: 50, offset: 0 } } });
  if (people.error) return [describeError(people.error)];
  for (const item of people.data.items) log.push(`${item.fullName}: ${item.headline ?? ''} next ${item.nextFollowUpAt ?? 'never'}`);
  log.push(`${people.data.items.length} of ${people.data.total}`);

  const application = await api.POST('/applications', {
    body: { organizationId: organization.data.id, teamId: team.data.id, role: 'Research Engineer', recruiterId: person.data.id, notes: null, builtInTemplate: 'research-engineer' },
  });
  if (application.error) return [describeError(application.error)];
  const stageId: string | null = application.data.currentStage?.id ?? null;

  const moved = await api.POST('/applications/{id}/moves', { params: { path: { id: application.data.id } }, body: { move: 'advance', note: 'Recruiter called', ...(stageId ? { fromStageId: stageId } : {}) } });
  if (moved.error) {
    log.push(describeError(moved.error));
    if (moved.response.status === 409) log.push(`allowed: ${(moved.error.allowedMoves ?? []).join(', ')}`);
  } else {
    log.push(`now ${moved.data.status} at ${moved.data.currentStage?.name ?? 'the end'}`);
  }
  const refused = await api.POST('/applications/{id}/moves', { params: { path: { id: application.data.id } }, body: { move: 'accept', note: null } });
  if (refused.error) {
    const allowed: string[] = refused.error.allowedMoves ?? [];
    log.push(`${refused.error.code}: try ${allowed.join(' or ')} from ${refused.error.currentStage ?? 'here'}`);
  }

  const stage = moved.data?.currentStage;
  if (stage) {
    const interview = await api.POST('/interviews', {
      body: { stageId: stage.id, startsAt: '2026-03-10T14:00:00+09:00', timeZone: 'Asia/Tokyo', durationMinutes: 45, format: 'video', location: null, meetingUrl: 'https://meet.example.com/abc', interviewerIds: [person.data.id] },
    });
    if (interview.error) return [...log, describeError(interview.error)];
    const requested = await api.POST('/interviews/{id}/briefings', { params: { path: { id: interview.data.id } } });
    if (requested.error) return [...log, describeError(requested.error)];
    const briefing = await api.GET('/briefings/{id}', { params: { path: { id: requested.data.id } } });
    if (briefing.error) return [...log, describeError(briefing.error)];
    const content = briefing.data.content;
    if (content) {
      log.push(`${content.interview.startsAt} (${content.interview.timeZone}), ${content.interview.stage.name}`);
      for (const interviewer of content.interviewers) {
        log.push(`${interviewer.fullName}: ${interviewer.totals.works} works, last spoke ${interviewer.lastSpokeAt ?? 'never'}`);
        for (const work of interviewer.publishedSince) log.push(`  ${work.title} (${work.year ?? 'n.d.'}) ${work.sources.map((s) => s.url).join(' ')}`);
      }
      log.push(`read ${content.reading?.coverage.read ?? 0} of ${content.reading?.coverage.total ?? 0}`);
    }
    log.push(`html at ${briefing.data.links.html}`);
  }

  const imported = await api.POST('/imports/linkedin', {
    body: csv,
    bodySerializer: (body) => body,
    headers: { 'content-type': 'text/csv' },
  });
  if (imported.error) log.push(describeError(imported.error));
  else log.push(`import ${imported.data.id} ${imported.data.status}: ${imported.data.report?.created ?? 0} created`);

  // A browser's file input: the same route takes the file as a form's `file` field (the body is
  // typed as either: the raw text or the form).
  const uploaded = await api.POST('/imports/vcard', {
    body: { file: 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Ünal\r\nEND:VCARD\r\n' },
    bodySerializer: (body) => {
      if (typeof body === 'string') return body;
      const form = new FormData();
      form.append('file', new Blob([body.file], { type: 'text/vcard' }), 'contacts.vcf');
      return form;
    },
  });
  if (uploaded.error) log.push(describeError(uploaded.error));
  else log.push(`vCards: ${uploaded.data.report?.created ?? 0} created, ${uploaded.data.report?.skips.map((skip) => skip.reason).join('; ') ?? ''}`);

  const imports = await api.GET('/imports', { params: { query: { limit: 20 } } });
  if (imports.data) log.push(`${imports.data.total} imports, last ${imports.data.items[0]?.createdAt ?? 'none'}`);
  return log;
}
