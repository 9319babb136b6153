import { browser } from 'wxt/browser';

// From the side panel and the options page to the Batch page, in a tab of its own.

export const openBatchPage = () => browser.tabs.create({ url: browser.runtime.getURL('/batch.html') });

export function OpenBatchButton() {
  return (
    <p className="buttons">
      <button type="button" onClick={() => void openBatchPage()}>
        Check an export file…
      </button>
    </p>
  );
}
