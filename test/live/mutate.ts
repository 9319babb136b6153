/** Records a MutationObserver would deliver for what `change` does under `root` (the body; the document, as the content script observes it) (happy-dom delivers them async). */
export async function mutate(change: () => void, root: Node = document.body): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  change();
  await new Promise((r) => setTimeout(r, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}
