import { ConflictError } from '#platform';

/** The example loads only into an account without pipeline data, so it never mixes with the user's own. */
export class ExampleAccountNotEmptyError extends ConflictError {
  constructor(applications: number) {
    super(
      'example.account-not-empty',
      `The research-lab example loads only into an empty account (no applications yet); this account has ${applications} application${applications === 1 ? '' : 's'}. Load it into a new account, or delete the applications first.`,
      { applications },
    );
  }
}

export class ExampleAlreadyLoadedError extends ConflictError {
  constructor(name: string, organizationId: string) {
    super('example.already-loaded', `This account already has an organization named "${name}": the example was loaded before. Delete that organization to load it again.`, { organizationId });
  }
}
