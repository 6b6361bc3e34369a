import { useEffect, useState } from 'react';
import type { ConsentEntryView } from '../../../../shared/contract/views';
import { useConsoleSession } from '../../session/console-session.context';

/** The no-publish list of the chosen accounts' schools (all schools for a trust account); administrators only. */
export function useNoPublishList(enabled: boolean, schoolCodes: readonly string[]): ConsentEntryView[] | null {
  const { call } = useConsoleSession();
  const key = schoolCodes.join(',');
  const [entries, setEntries] = useState<{ key: string; list: ConsentEntryView[] } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void Promise.all(key.split(',').filter((code) => code !== '').map((school) => call('consent.list', { school }))).then((results) => {
      if (live) setEntries({ key, list: results.flatMap((r) => (r.ok ? r.value.filter((e) => e.active) : [])) });
    });
    return () => {
      live = false;
    };
  }, [call, enabled, key]);
  return entries !== null && entries.key === key ? entries.list : null;
}
