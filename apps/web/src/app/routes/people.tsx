import { PeopleList } from '@/features/people';

export function PeopleRoute() {
  return (
    <>
      <h1>People</h1>
      <PeopleList />
    </>
  );
}
