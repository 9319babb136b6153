import { useEffect, useState } from 'react';
import { importFromFiles } from '@/lib/import/browser-import';
import { ruleDataFrom, tablesOf } from '@/lib/rule-context';
import { dataPackItem } from '@/lib/storage';
import { DataPackSection, type DataInForce } from '@/components/options/DataPackSection';

// Rule data: the CMS files are read here, in the page, with the same importer as
// `npm run import`; the pack is stored in storage.local and the background switches to it.

function inForce(pack: unknown): DataInForce {
  const { data } = ruleDataFrom(pack);
  return { version: data.version, builtIn: data.builtIn, tables: tablesOf(data) };
}

export function RuleDataPanel() {
  const [pack, setPack] = useState<unknown>(null);
  useEffect(() => {
    void dataPackItem.getValue().then(setPack);
    return dataPackItem.watch(setPack);
  }, []);
  return (
    <DataPackSection
      current={inForce(pack)}
      onImport={async (files, onProgress) => {
        const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        const result = await importFromFiles(read, pack, onProgress);
        if (result.ok) await dataPackItem.setValue(result.pack);
        return result;
      }}
      onUseBuiltIn={() => dataPackItem.setValue(null)}
    />
  );
}
