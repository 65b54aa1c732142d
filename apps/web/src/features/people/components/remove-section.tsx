import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '@/components/status';
import { useArchivePerson, useErasePerson, useInteractionCount, type PersonDetail } from '../api/people';
import { countsInWords } from './labels';
import type { PeopleListNotice } from './people-list';

/**
 * Archive (the API's soft delete: restorable from the list) or erase for good (POST /people/:id/erase),
 * the latter only after a dialog says what goes and the person's name is typed.
 */
export function RemoveSection({ person }: { person: PersonDetail }) {
  const archive = useArchivePerson();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const onArchive = () =>
    archive.mutate(person.id, {
      onSuccess: () => void navigate('/people', { state: { notice: `Archived ${person.fullName}: restore them from here or from the archived people.`, restoreId: person.id } satisfies PeopleListNotice }),
    });
  return (
    <section className="card" aria-labelledby="remove-heading">
      <h2 id="remove-heading">Archive or erase</h2>
      <p className="muted small">Archiving hides {person.fullName} from your lists and keeps everything; you can restore them. Erasing removes them and everything about them, for good.</p>
      <div className="row-end people-actions people-remove">
        <button type="button" className="secondary" disabled={archive.isPending} onClick={onArchive}>
          Archive
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Erase for good…
        </button>
      </div>
      {archive.isError && <ErrorMessage error={archive.error} />}
      {confirming && <EraseDialog person={person} onClose={() => setConfirming(false)} />}
    </section>
  );
}

function EraseDialog({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const erase = useErasePerson();
  const interactions = useInteractionCount(person.id);
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  const matches = typed.trim().normalize('NFC') === person.fullName.normalize('NFC');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!matches) return;
    erase.mutate(person.id, {
      onSuccess: ({ erased }) => {
        const what = countsInWords(erased, ['people']);
        void navigate('/people', { state: { notice: `Erased ${person.fullName} for good${what ? `, with ${what}` : ''}.` } satisfies PeopleListNotice });
      },
    });
  };
  const referrals = person.referrals.length;
  return (
    <dialog ref={dialog} className="people-dialog" aria-labelledby="erase-heading" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <h2 id="erase-heading">Erase {person.fullName} for good?</h2>
        <p>This cannot be undone. Dossier will delete:</p>
        <ul>
          <li>their record: name, emails, phones, links, tags, notes, how you met</li>
          <li>{interactions.isSuccess ? `${interactions.data} interaction${interactions.data === 1 ? '' : 's'}` : 'their interactions'} and the tasks about them</li>
          <li>{referrals ? `${referrals} referral${referrals === 1 ? '' : 's'} they made` : 'any referral they made'}; applications they recruit for lose the link</li>
          <li>their scholarly identities, sync runs and reading-list settings</li>
          <li>briefing versions that name them (ask for new ones), and their name in import reports</li>
        </ul>
        <p className="muted small">Notes you wrote on your own records (an application's notes) stay as you wrote them. To keep them restorable instead, close this and archive them.</p>
        <div className="field">
          <label htmlFor="erase-confirm">Type their full name, {person.fullName}, to confirm</label>
          <input id="erase-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        {erase.isError && <ErrorMessage error={erase.error} />}
        <div className="row-end people-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Keep them
          </button>
          <button type="submit" className="danger" disabled={!matches || erase.isPending}>
            {erase.isPending ? 'Erasing…' : `Erase ${person.fullName}`}
          </button>
        </div>
      </form>
    </dialog>
  );
}
