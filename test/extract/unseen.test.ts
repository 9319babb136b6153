// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { frameOriginOf, unseenNotes } from '../../lib/extract/unseen';

describe('what Unitwise cannot see, said plainly', () => {
  it('a grid drawn on a canvas, and frames from other sites; not small canvases, the page’s own frames or about:blank', () => {
    document.body.innerHTML = `<canvas width="900" height="400"></canvas><canvas width="24" height="24"></canvas>
      <iframe src="https://billing.example.com/visit/7"></iframe><iframe src="https://billing.example.com/other"></iframe>
      <iframe src="/local.html"></iframe><iframe src="about:blank"></iframe>`;
    const notes = unseenNotes(document, location.origin);
    expect(notes[0]).toMatch(/drawn on a canvas \(900×400 px\): Unitwise cannot read what is drawn there/);
    expect(notes.slice(1)).toEqual(['A frame from https://billing.example.com is on this page: Unitwise reads it only if that site is allowed (Options → Sites, or Allow below).']);
    expect(frameOriginOf(notes[1]!)).toBe('https://billing.example.com');
    expect(frameOriginOf(notes[0]!)).toBeUndefined();
  });

  it('a plain form page: nothing to say', () => {
    document.body.innerHTML = '<table><tr><td><input value="97110"></td></tr></table>';
    expect(unseenNotes(document, location.origin)).toEqual([]);
  });
});
