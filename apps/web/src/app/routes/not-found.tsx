import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no such screen. <Link to="/">Back to Today</Link>
      </p>
    </>
  );
}
