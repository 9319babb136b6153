/** Records a MutationObserver would deliver for what `change` does to the body (happy-dom delivers them async). */
export async function mutate(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  change();
  await new Promise((r) => setTimeout(r, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}
