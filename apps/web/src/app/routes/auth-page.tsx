import type { ReactNode } from 'react';

/** The frame of the screens before sign-in. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page" id="main">
      <p className="brand">Dossier</p>
      <div className="card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
