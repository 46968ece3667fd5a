import { useEffect, useState } from 'react';

/** The current instant (ms), refreshed every `everyMs` (the now-line moves, "today" turns over at midnight). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
