import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A screen's filters kept in the URL (a reload or a shared link shows the same thing): the current
 * params, and `update` to set some of them at once (an empty value removes the key), replacing the
 * history entry so Back leaves the screen rather than undoing each keystroke (`push` adds one instead,
 * for what Back should close, such as a report or a briefing opened).
 *
 * The router applies a new URL in a transition: until it has, the params answered already hold what
 * was just chosen (so a checkbox or a select never flicks back), and two quick updates both count.
 */
export function useUrlParams(): [URLSearchParams, (next: Record<string, string>, options?: { push?: boolean }) => void] {
  const [url, setParams] = useSearchParams();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const urlKey = url.toString();
  useEffect(() => setChosen({}), [urlKey]);
  const params = useMemo(() => withValues(new URLSearchParams(urlKey), chosen), [urlKey, chosen]);
  const update = (next: Record<string, string>, options: { push?: boolean } = {}) => {
    setChosen((before) => ({ ...before, ...next }));
    setParams(withValues(new URLSearchParams(params), next), { replace: !options.push });
  };
  return [params, update];
}

function withValues(params: URLSearchParams, values: Record<string, string>): URLSearchParams {
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  return params;
}
