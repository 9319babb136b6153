// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { headerOf } from '../../lib/extract/visits';

// A visit section's heading is found by walking back and up from its table (headerOf), not by
// matching every element of the section. This checks it against the definition it replaced, on
// random sections: the last, in page order, of the headings before the table and not in it,
// and of every caption in the section.

const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, [role="heading"], legend, caption, summary';

/** The definition: every heading of the section, in page order. */
function byDefinition(section: Element, container: Element): Element | undefined {
  let inside: Element | undefined;
  for (const h of section.querySelectorAll(HEADING_SELECTOR)) {
    if (container.contains(h) && h.localName !== 'caption') continue;
    if (h.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_FOLLOWING || h.localName === 'caption') inside = h;
  }
  return section.matches(HEADING_SELECTOR) ? section : inside;
}

type Node_ = { tag: string; role?: boolean; kids: Node_[] };
const TAGS = ['div', 'div', 'p', 'span', 'h2', 'h3', 'legend', 'summary', 'section', 'b', 'caption'];
const tree: fc.Arbitrary<Node_> = fc.letrec<{ node: Node_ }>((tie) => ({
  node: fc.record({ tag: fc.constantFrom(...TAGS), role: fc.boolean(), kids: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant<Node_[]>([]), fc.array(tie('node'), { maxLength: 3 })) }),
})).node;

function build(n: Node_): Element {
  const el = document.createElement(n.tag);
  if (n.role && n.tag === 'div') el.setAttribute('role', 'heading');
  el.textContent = n.tag;
  for (const k of n.kids) el.append(build(k));
  return el;
}

describe('headerOf', () => {
  it('finds the same heading as matching every element of the section (random sections)', () => {
    fc.assert(
      fc.property(tree, fc.array(fc.nat(), { maxLength: 4 }), fc.nat(), (shape, path, depth) => {
        const section = build({ ...shape, tag: shape.tag === 'caption' ? 'div' : shape.tag });
        // The table: somewhere inside the section (or the section itself), by a random path.
        let holder: Element = section;
        for (const step of path.slice(0, depth % 5)) {
          if (!holder.children.length) break;
          holder = holder.children[step % holder.children.length]!;
        }
        const table = document.createElement('table');
        table.innerHTML = `${path.length === 3 ? '<caption>Visit 2</caption>' : ''}<tr><td><input></td></tr>`;
        holder.insertBefore(table, holder.children[(path[0] ?? 0) % (holder.children.length + 1)] ?? null);
        document.body.replaceChildren(section);
        const found = headerOf(section, table, () => false);
        const defined = byDefinition(section, table);
        // With none in the section, both look before it (the same code): nothing inside it.
        if (defined) expect(found).toBe(defined);
        else expect(found && section.contains(found)).toBeFalsy();
      }),
      { numRuns: 1000 },
    );
  });
});
