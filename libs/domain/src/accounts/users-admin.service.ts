import { Injectable } from '@nestjs/common';
import { NotFoundError } from '#platform';
import type { Page } from '../people/index';
import { LastAdminError } from './accounts.errors';
import { User, UserRole } from './user.entity';
import { UsersRepository } from './users.repository';

/** Changes to roles and disabled flags run one at a time, so two admins cannot remove each other at once. */
const ADMIN_LOCK = "hashtext('dossier.admins')";

/** What an admin sees and changes of the server's accounts. */
@Injectable()
export class UsersAdminService {
  constructor(private readonly users: UsersRepository) {}

  /** Every account, oldest first (the first is the one who set the server up). */
  async list(page: { limit?: number; offset?: number } = {}): Promise<Page<User>> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const [items, total] = await this.users.page(limit, offset);
    return { items, total, limit, offset };
  }

  /**
   * Disables or enables an account, or changes its role. A disabled account's tokens are refused
   * from the next request on (they work again if it is enabled). The last active admin can be
   * neither disabled nor demoted: the server would have nobody to run it.
   */
  async update(userId: string, patch: { disabled?: boolean; role?: UserRole }): Promise<User> {
    return this.users.transaction(async (em) => {
      await this.users.advisoryLock(em, ADMIN_LOCK);
      const user = await this.users.findById(userId, em);
      if (!user) throw new NotFoundError('user', userId);
      const disabledAt = patch.disabled === undefined ? user.disabledAt : patch.disabled ? (user.disabledAt ?? new Date()) : null;
      const role = patch.role ?? user.role;
      const losesAdmin = user.role === 'admin' && !user.disabledAt && (role !== 'admin' || disabledAt !== null);
      if (losesAdmin && !(await this.users.otherActiveAdminExists(em, user.id))) throw new LastAdminError();
      await this.users.update(user.id, { disabledAt, role }, em);
      return Object.assign(user, { disabledAt, role });
    });
  }
}
