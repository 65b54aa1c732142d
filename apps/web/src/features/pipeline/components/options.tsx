interface Named {
  id: string;
  name: string;
}

/** One <option> per record, its id as the value (a prefix tells kinds apart in one select: "template:<id>"). */
export function NamedOptions<T extends Named>({ items, prefix = '', label = (item) => item.name }: { items: readonly T[] | undefined; prefix?: string; label?: (item: T) => string }) {
  return (
    <>
      {items?.map((item) => (
        <option key={item.id} value={`${prefix}${item.id}`}>
          {label(item)}
        </option>
      ))}
    </>
  );
}
