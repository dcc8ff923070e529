/** The refresh tokens a provider replaced on use, kept in the store (src/mail/oauth2.ts). */
import type { RefreshTokenKeeper } from '../mail/oauth2.ts';
import type { Db } from './client.ts';

export function refreshTokenKeeper(db: Db): RefreshTokenKeeper {
  return {
    async load(configKey) {
      const row = await db.oAuthRefreshToken.findUnique({ where: { configKey } });
      return row?.refreshToken ?? null;
    },
    async save(configKey, refreshToken, at) {
      await db.oAuthRefreshToken.upsert({
        where: { configKey },
        create: { configKey, refreshToken, updatedAt: at },
        update: { refreshToken, updatedAt: at },
      });
    },
  };
}
