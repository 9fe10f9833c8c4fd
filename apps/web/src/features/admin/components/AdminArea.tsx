import type { Me } from '@parley/contract';
import { useEffect } from 'react';
import { Link, Redirect, useRoute } from 'wouter';
import { isReadOnly } from '../adminPage.ts';
import { adminPagesFor } from '../adminPages.ts';
import '../admin.css';

/** The Admin area: its own list of pages on the left, the chosen page beside it. */
export function AdminArea({ me }: { me: Me }) {
  const [, params] = useRoute('/admin/:page');
  const pages = adminPagesFor(me.role);
  const page = pages.find((candidate) => candidate.path === params?.page);

  useEffect(() => {
    if (page) document.title = `${page.label} · Admin · Parley`;
  }, [page]);

  const first = pages[0];
  if (!first) return <Redirect to="/live" replace />;
  if (!page) return <Redirect to={`/admin/${first.path}`} replace />;
  const Page = page.component;

  return (
    <div className="admin">
      <nav className="admin__nav" aria-label="Admin pages">
        <h1 className="admin__title">Admin</h1>
        <ul className="admin__pages">
          {pages.map((candidate) => {
            const active = candidate === page;
            return (
              <li key={candidate.path}>
                <Link
                  href={`/admin/${candidate.path}`}
                  className={active ? 'admin__link admin__link--active' : 'admin__link'}
                  aria-current={active ? 'page' : undefined}
                >
                  {candidate.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="admin-page">
        <Page key={page.path} me={me} readOnly={isReadOnly(me.role)} />
      </div>
    </div>
  );
}
