import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError } from '#platform';
import { TimeZonesService } from '../accounts/index';
import { PeopleService, Person } from '../people/index';
import type { Page } from '../people/index';
import { addDays, daysBetween } from '../shared/dates';
import { InteractionInput, interactionColumns } from './interaction-input';
import { Interaction } from './interaction.entity';
import { InteractionsRepository } from './interactions.repository';

export interface DueFollowUp {
  person: Person;
  /** Days between the follow-up date and the user's today: 0 = due today, negative = due later. */
  daysOverdue: number;
}

export interface DueFollowUps extends Page<DueFollowUp> {
  /** The day the list was computed for (yyyy-mm-dd). */
  by: string;
  /** Today in the user's time zone (yyyy-mm-dd). */
  today: string;
}

export interface FollowUpInput {
  /** yyyy-mm-dd; null clears it. */
  nextFollowUpAt?: string | null;
  /** Keep-in-touch cadence in days; null clears it. */
  cadenceDays?: number | null;
}

/** What the user did when following up; a summary logs it as an interaction. */
export type FollowUpDoneInput = InteractionInput;

/**
 * When to reach out to whom next: the due list, setting a follow-up, and marking one done. It lives
 * with interactions because marking one done logs one; the people's columns are written through
 * PeopleService.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly interactions: InteractionsRepository,
    private readonly people: PeopleService,
    private readonly timeZones: TimeZonesService,
  ) {}

  /** People whose next follow-up is on or before `by` (default: the user's today), oldest due first. */
  async due(userId: string, query: { by?: string; limit?: number; offset?: number } = {}): Promise<DueFollowUps> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const today = await this.timeZones.today(userId);
    const by = query.by ?? today;
    const [people, total] = await this.people.findDue(userId, by, limit, offset);
    const items = people.map((person) => ({ person, daysOverdue: daysBetween(person.nextFollowUpAt!, today) }));
    return { by, today, items, total, limit, offset };
  }

  /**
   * Sets or clears the next follow-up and the cadence; a field left out stays as it is. A cadence
   * given without a date schedules the next follow-up that many days after the last interaction
   * (or today, if there was none), as logging an interaction would.
   */
  async set(userId: string, personId: string, input: FollowUpInput): Promise<Person> {
    await this.interactions.transaction(async (em) => {
      const person = await this.people.lock(em, userId, personId);
      const patch: Pick<Partial<Person>, 'nextFollowUpAt' | 'nextFollowUpReason' | 'followUpCadenceDays'> = {};
      if (input.cadenceDays !== undefined) patch.followUpCadenceDays = input.cadenceDays;
      if (input.nextFollowUpAt !== undefined) patch.nextFollowUpAt = input.nextFollowUpAt;
      else if (typeof input.cadenceDays === 'number') {
        const from = person.lastInteractionAt ? person.lastInteractionAt.toISOString().slice(0, 10) : await this.timeZones.today(userId, em);
        patch.nextFollowUpAt = addDays(from, input.cadenceDays);
      }
      // A date set by the user replaces a follow-up Dossier suggested, and its reason.
      if (patch.nextFollowUpAt !== undefined) patch.nextFollowUpReason = null;
      if (Object.keys(patch).length > 0) await this.people.setFollowUp(em, userId, personId, patch);
    });
    return this.people.get(userId, personId);
  }

  /**
   * Not now: the follow-up moves to `until` (a day after the user's today) and keeps its reason, so
   * a follow-up Dossier suggested ("thank them for the referral") still says why when it comes back.
   * The cadence is left as it is. A person with no follow-up planned has nothing to snooze (409).
   */
  async snooze(userId: string, personId: string, until: string): Promise<Person> {
    await this.interactions.transaction(async (em) => {
      const person = await this.people.lock(em, userId, personId);
      const today = await this.timeZones.today(userId, em);
      if (until <= today) throw new InvalidInputError('Invalid until', [{ field: 'until', problem: `must be after today (${today})` }]);
      if (!person.nextFollowUpAt) throw new ConflictError('follow-ups.nothing-to-snooze', 'This person has no follow-up planned: set one instead');
      await this.people.setFollowUp(em, userId, personId, { nextFollowUpAt: until });
    });
    return this.people.get(userId, personId);
  }

  /**
   * The user reached out: with a summary the touch-point is logged as an interaction (type
   * `message` unless given). The next follow-up moves one cadence past today, or is cleared when
   * the person has no cadence.
   */
  async done(userId: string, personId: string, input: FollowUpDoneInput): Promise<{ person: Person; interaction: Interaction | null }> {
    const given = present(input);
    if (given.summary === undefined) {
      const stray = Object.keys(given);
      if (stray.length > 0) {
        throw new InvalidInputError('Invalid summary', [{ field: 'summary', problem: `is required to log the interaction (${stray.join(', ')} given)` }]);
      }
    }
    const columns = given.summary === undefined ? null : interactionColumns({ type: 'message', occurredAt: new Date(), ...given });
    const interactionId = await this.interactions.transaction(async (em) => {
      const person = await this.people.lock(em, userId, personId);
      let id: string | null = null;
      if (columns) {
        const interaction = await this.interactions.insert(em, { channel: null, offered: null, ...columns, userId, personId });
        await this.people.touch(em, userId, personId);
        id = interaction.id;
      }
      const cadence = person.followUpCadenceDays;
      await this.people.setFollowUp(em, userId, personId, { nextFollowUpAt: cadence ? addDays(await this.timeZones.today(userId, em), cadence) : null, nextFollowUpReason: null });
      return id;
    });
    const person = await this.people.get(userId, personId);
    const interaction = interactionId ? await this.interactions.findById(interactionId) : null;
    return { person, interaction };
  }
}

/** The fields that carry a value: a DTO instance has every declared field, most undefined. */
function present<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
