import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { DeleteProfile, ImportProfiles, ProfileReply, RenameProfile } from '@/lib/messages';
import { SiteProfiles, parseProfileFile, type SiteProfile } from '@/lib/site-profiles';
import { siteProfilesItem } from '@/lib/storage';
import type { MappingStatus } from '@/components/SiteMappings';

// The practice's site mappings as the side panel and options page use them: the saved list,
// and import, delete and rename through the background (the one writer), with a status line.

export interface SiteMappingActions {
  profiles: SiteProfile[];
  status?: MappingStatus;
  setStatus(status: MappingStatus | undefined): void;
  importFile(file: File): Promise<void>;
  remove(profile: SiteProfile): Promise<void>;
  rename(profile: SiteProfile, newName: string): Promise<void>;
}

export function useSiteMappings(): SiteMappingActions {
  const [profiles, setProfiles] = useState<SiteProfile[]>([]);
  const [status, setStatus] = useState<MappingStatus>();
  useEffect(() => {
    const set = (value: unknown) => {
      const parsed = SiteProfiles.safeParse(value);
      setProfiles(parsed.success ? parsed.data : []);
    };
    void siteProfilesItem.getValue().then(set);
    return siteProfilesItem.watch(set);
  }, []);

  const ask = async (message: ImportProfiles | DeleteProfile | RenameProfile, ok: (saved: string[]) => string, failPrefix = '') => {
    const reply = (await browser.runtime.sendMessage(message)) as ProfileReply;
    setStatus(reply.ok ? { kind: 'ok', text: ok(reply.saved) } : { kind: 'error', text: `${failPrefix}${reply.error}` });
  };

  const importFile = async (file: File) => {
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (e) {
      return setStatus({ kind: 'error', text: `${file.name} is not a JSON file: ${(e as Error).message}` });
    }
    // Checked here first: selector syntax can only be checked where there is a DOM, and the
    // background worker has none (it checks the shape again).
    const checked = parseProfileFile(json);
    if (!checked.ok) return setStatus({ kind: 'error', text: `${file.name} was not imported: ${checked.error}` });
    await ask({ type: 'import-profiles', file: json }, (saved) => `Imported ${saved.map((n) => `'${n}'`).join(', ')}.`, `${file.name} was not imported: `);
  };
  const remove = (p: SiteProfile) => ask({ type: 'delete-profile', origin: p.origin, name: p.name }, () => `Deleted '${p.name}'.`);
  const rename = (p: SiteProfile, newName: string) => ask({ type: 'rename-profile', origin: p.origin, name: p.name, newName }, (saved) => `Renamed to '${saved[0]}'.`);
  return { profiles, status, setStatus, importFile, remove, rename };
}
