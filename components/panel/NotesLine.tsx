import type { Finding } from '@/lib/model';
import type { Revealed } from '@/lib/messages';
import { FindingCard } from './FindingCard';
import { subjectMap } from './finding-text';

// Notes never hold up a claim: the rules' notes and what the reader noticed while reading the
// form fold into one line ("3 notes"), opened when the user wants them.

export function NotesLine({ findings, readerNotes, dataText, subjects, onReveal }: { findings: Finding[]; readerNotes: string[]; dataText: string; subjects?: ReadonlyMap<Finding, string>; onReveal(finding: Finding): Promise<Revealed> | void }) {
  const count = findings.length + readerNotes.length;
  if (!count) return null;
  const names = subjects ?? subjectMap(findings);
  return (
    <details className="notes">
      <summary>
        {count} {count === 1 ? 'note' : 'notes'}
      </summary>
      {findings.length > 0 && (
        <ul aria-label="Notes" className="cards">
          {findings.map((f, i) => (
            <FindingCard key={`${f.rule}#${i}`} finding={f} subject={names.get(f) ?? f.rule} dataText={dataText} onReveal={onReveal} />
          ))}
        </ul>
      )}
      {readerNotes.length > 0 && (
        <>
          <h3 className="small">How the form was read</h3>
          <ul aria-label="How the form was read" className="reader-notes">
            {readerNotes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
