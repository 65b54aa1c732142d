import { FieldControl } from '@/components/field';
import type { ApiError } from '@/lib/api/errors';
import { useOrganizations } from '../api/people';

/** Every problem the API named for a field or its items (`emails`, `emails.0`, `emails.1`…), joined. */
export function problemsUnder(error: ApiError | undefined, field: string): string | undefined {
  const problems = (error?.details ?? []).filter((d) => d.field === field || d.field.startsWith(`${field}.`)).map((d) => (d.field === field ? d.problem : `${d.field.slice(field.length + 1)}: ${d.problem}`));
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** A comma-separated text as a list (tags, emails). */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * An organization and one of its teams, picked from the user's organizations. A team belongs to the
 * organization picked, so changing the organization clears the team.
 */
export function OrgTeamFields({ organizationId, teamId, onChange, anyLabel, error }: {
  organizationId: string;
  teamId: string;
  onChange: (next: { organizationId: string; teamId: string }) => void;
  /** The empty choice's words: "Any organization" in a filter, "None" in a form. */
  anyLabel: { organization: string; team: string };
  error?: ApiError;
}) {
  const organizations = useOrganizations();
  const items = organizations.data?.items ?? [];
  const teams = items.find((o) => o.id === organizationId)?.teams ?? [];
  return (
    <>
      <FieldControl label="Organization" error={error?.fieldProblem('organizationId') ?? (organizations.isError ? organizations.error.message : undefined)}>
        {(props) => (
          <select {...props} value={organizationId} onChange={(e) => onChange({ organizationId: e.target.value, teamId: '' })}>
            <option value="">{organizations.isPending ? 'Loading…' : anyLabel.organization}</option>
            {items.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </FieldControl>
      <FieldControl label="Team" error={error?.fieldProblem('teamId')}>
        {(props) => (
          <select {...props} value={teamId} disabled={teams.length === 0} onChange={(e) => onChange({ organizationId, teamId: e.target.value })}>
            <option value="">{organizationId && teams.length === 0 ? 'No teams' : anyLabel.team}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </FieldControl>
    </>
  );
}
