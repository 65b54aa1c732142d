import { recoveryCodeHash } from './two-factor.service';

describe('recoveryCodeHash', () => {
  const code = '7kq2-m9xd-3hfp-c8wn';

  it('reads a recovery code however it is typed: case, spaces and dashes do not matter', () => {
    const hash = recoveryCodeHash(code.replace(/-/g, ''));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash('7KQ2M9XD3HFPC8WN')).toBe(hash);
  });

  it("reads o as 0 and i or l as 1, as Crockford's alphabet does, so a misread character still matches", () => {
    expect(recoveryCodeHash('10000000000000aa')).toBe(recoveryCodeHash('lOOOOoOOOOOOOOaa'));
    expect(recoveryCodeHash('1000000000000011')).toBe(recoveryCodeHash('i00000000000001l'));
  });

  it('refuses what cannot be a code: another length, or a letter outside the alphabet', () => {
    expect(recoveryCodeHash('7kq2m9xd3hfpc8w')).toBeNull();
    expect(recoveryCodeHash('7kq2m9xd3hfpc8wnn')).toBeNull();
    expect(recoveryCodeHash('7kq2m9xd3hfpc8wu')).toBeNull();
    expect(recoveryCodeHash('123456')).toBeNull();
  });
});
