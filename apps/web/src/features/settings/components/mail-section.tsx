import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { Pager } from '@/components/pager';
import { ErrorMessage, Loading, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import type { components } from '@/lib/api/schema';
import { PAGE_SIZE, useMailLog, useMailSettings, useUpdateMailSettings } from '../api/settings';

type MailSettings = components['schemas']['MailSettingsResponse'];
type MailKind = components['schemas']['MailKind'];

const KINDS: { kind: MailKind; label: string; hint: string }[] = [
  { kind: 'digest', label: 'Daily digest', hint: 'Follow-ups and tasks due, interviews coming up, new works by your interviewers. Not sent on a day with nothing in it.' },
  { kind: 'briefing', label: 'Briefings before interviews', hint: 'The briefing in the body, its PDF attached.' },
  { kind: 'account', label: 'Account notices', hint: 'Password and two-factor changes, sign-ins from a new place.' },
];

const STATUS: Record<components['schemas']['MailStatus'], string> = { queued: 'Queued', retrying: 'Retrying', sent: 'Sent', failed: 'Failed' };

/**
 * Mail (GET/PATCH /me/mail-settings, GET /me/mail-log): whether the server sends any, where it goes,
 * each kind on or off, the digest hour, the briefing lead time, and what was sent.
 */
export function MailSection() {
  const settings = useMailSettings();
  return (
    <section className="card" aria-labelledby="mail-heading">
      <h2 id="mail-heading">Mail</h2>
      {settings.isPending ? <Loading /> : settings.isError ? <ErrorMessage error={settings.error} retry={() => void settings.refetch()} /> : <MailForm settings={settings.data} />}
      <MailLog />
    </section>
  );
}

function MailForm({ settings }: { settings: MailSettings }) {
  const save = useUpdateMailSettings();
  const [address, setAddress] = useState(settings.addressIsAccountEmail ? '' : settings.address);
  const [kinds, setKinds] = useState(settings.kinds);
  const [digestHour, setDigestHour] = useState(String(settings.digestHour));
  const [lead, setLead] = useState(String(settings.briefingLeadHours));
  const [saved, setSaved] = useState(false);
  const error = asApiError(save.error);
  // What was typed goes as typed: the API's rules answer under each field.
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(
      { address: address.trim() === '' ? null : address.trim(), kinds, digestHour: Number(digestHour), briefingLeadHours: Number(lead) },
      { onSuccess: () => setSaved(true) },
    );
  };
  const fieldOf = (name: string) => error?.fieldProblem(name);
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Mail settings">
      {settings.server.enabled ? (
        <p className="muted small" data-testid="mail-server-status">
          Mail is sent from {settings.server.from}.
        </p>
      ) : (
        <p className="error" role="note" data-testid="mail-server-status">
          No mail is sent: {settings.server.reason}. Ask the server's admin to set it; your settings are kept meanwhile.
        </p>
      )}
      {settings.failures.count > 0 && settings.failures.latest && (
        <p className="error" role="alert" data-testid="mail-failures">
          {settings.failures.count === 1 ? '1 mail' : `${settings.failures.count} mails`} could not be delivered this week. The latest, “{settings.failures.latest.subject}” to {settings.failures.latest.to}: {settings.failures.latest.error}
        </p>
      )}
      <Field
        label="Send to"
        type="email"
        value={address}
        placeholder={settings.addressIsAccountEmail ? settings.address : 'your account email'}
        onChange={(e) => setAddress(e.target.value)}
        hint="Leave empty to use your account's email."
        error={fieldOf('address')}
      />
      <fieldset className="stack">
        <legend>What to send</legend>
        {KINDS.map(({ kind, label, hint }) => (
          <label key={kind}>
            <input type="checkbox" checked={kinds[kind]} onChange={(e) => setKinds({ ...kinds, [kind]: e.target.checked })} /> {label} <span className="muted small">— {hint}</span>
          </label>
        ))}
      </fieldset>
      <Field
        label="Digest hour"
        type="number"
        inputMode="numeric"
        min={0}
        max={23}
        step={1}
        value={digestHour}
        onChange={(e) => setDigestHour(e.target.value)}
        hint={`Hour of the day (0–23) in your time zone, ${settings.timeZone}.`}
        error={fieldOf('digestHour')}
      />
      <Field
        label="Briefing lead time (hours)"
        type="number"
        inputMode="numeric"
        min={1}
        max={336}
        step={1}
        value={lead}
        onChange={(e) => setLead(e.target.value)}
        hint="How many hours before each interview its briefing is mailed (1–336)."
        error={fieldOf('briefingLeadHours')}
      />
      {error && !['address', 'digestHour', 'briefingLeadHours'].some((f) => fieldOf(f)) && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save mail settings
        </button>
      </div>
      <p role="status" className="small">
        {saved ? 'Mail settings saved.' : ''}
      </p>
    </form>
  );
}

function MailLog() {
  const [offset, setOffset] = useState(0);
  const log = useMailLog(offset);
  return (
    <>
      <h3>Sent mail</h3>
      <QueryStates query={log} isEmpty={(data) => data.items.length === 0} empty="No mail sent yet.">
        {(data) => (
          <>
            <ul className="list" aria-label="Sent mail">
              {data.items.map((mail) => (
                <li key={mail.id} className="row" data-status={mail.status}>
                  <div>
                    <p>
                      <strong>{STATUS[mail.status]}</strong> {mail.subject ?? `(${mail.kind})`}
                    </p>
                    <p className="muted small">
                      {[formatDateTime(mail.createdAt), `to ${mail.to}`, mail.kind, mail.attempts > 1 ? `${mail.attempts} attempts` : null, mail.error].filter(Boolean).join(' · ')}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </>
  );
}
