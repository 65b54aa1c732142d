import { SettingsPage } from '@/features/settings';

export function SettingsRoute() {
  return (
    <>
      <h1>Settings</h1>
      <SettingsPage />
    </>
  );
}
