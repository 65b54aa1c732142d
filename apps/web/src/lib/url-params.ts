import { useSearchParams } from 'react-router';

/**
 * A screen's filters kept in the URL (a reload or a shared link shows the same thing): the current
 * params, and `update` to set some of them at once (an empty value removes the key), replacing the
 * history entry so Back leaves the screen rather than undoing each keystroke.
 */
export function useUrlParams(): [URLSearchParams, (next: Record<string, string>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged, { replace: true });
  };
  return [params, update];
}
