import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { resolveSecretKey, SECRET_KEYRING, SecretKeyring } from '../security/secret-key';
import { CLOCK, systemClock } from '../time/clock';
import { AppConfig, loadConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class AppConfigModule {
  /** Pass a config to override the environment (tests); otherwise the environment is validated. */
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: APP_CONFIG, useFactory: () => config ?? loadConfig() },
        { provide: SECRET_KEYRING, inject: [APP_CONFIG], useFactory: keyring },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [APP_CONFIG, SECRET_KEYRING, CLOCK],
    };
  }
}

function keyring(config: AppConfig): SecretKeyring {
  const resolved = resolveSecretKey(config.secrets);
  if (resolved.created) {
    new Logger('Secrets').warn(`SECRET_KEY is not set: generated a server key in ${resolved.file} (mode 0600). Keep it with your backups, or set SECRET_KEY.`);
  }
  return new SecretKeyring(resolved.key);
}
