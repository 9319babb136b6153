// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { EditNews } from '../../lib/live/edit-news';

const input = (html: string) => {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLInputElement;
};

describe('EditNews', () => {
  it('a change after the input events that brought its value is no news', () => {
    const el = input('<input value="2">');
    const news = new EditNews();
    el.value = '23';
    expect(news.news({ type: 'input', target: el })).toBe(true);
    expect(news.news({ type: 'change', target: el })).toBe(false);
  });

  it('a change to a value no input brought is news: a page that reformats the value, or a field never typed in', () => {
    const el = input('<input value="2">');
    const news = new EditNews();
    el.value = '23';
    news.news({ type: 'input', target: el });
    el.value = '23 min';
    expect(news.news({ type: 'change', target: el })).toBe(true);
    const other = document.createElement('input');
    other.value = '8';
    document.body.append(other);
    expect(news.news({ type: 'change', target: other })).toBe(true);
  });

  it('a select changed by its own events is news each time its choice differs from the last input', () => {
    document.body.innerHTML = '<select><option value="GP">GP</option><option value="GO">GO</option></select>';
    const select = document.querySelector('select')!;
    const news = new EditNews();
    select.selectedIndex = 1;
    expect(news.news({ type: 'change', target: select })).toBe(true);
    expect(news.news({ type: 'input', target: select })).toBe(true);
    expect(news.news({ type: 'change', target: select })).toBe(false);
    select.selectedIndex = 0;
    expect(news.news({ type: 'change', target: select })).toBe(true);
  });

  it('an event with no element for a target is news (the caller decides)', () => {
    expect(new EditNews().news({ type: 'change', target: null })).toBe(true);
    expect(new EditNews().news({ type: 'change', target: window })).toBe(true);
  });
});
