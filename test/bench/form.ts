// The demo flowsheet grown to any size: 5 fields per row (intervention, code, minutes, units,
// modifiers), the same markup test/fixtures/ehr/huge.html builds in the browser (?rows=N&mb=0).
const CODES = ['97110', '97112', '97116', '97140', '97530'];

export function bigFlowsheetBody(rows: number): string {
  const html: string[] = [];
  for (let i = 0; i < rows; i++) {
    const code = CODES[i % CODES.length];
    html.push(`<tr><td><input name="int-${i}" value="Exercise block ${i}"></td><td><input name="cpt-${i}" value="${code}"></td><td><input name="min-${i}" value="8"></td><td><input name="units-${i}" value="1"></td><td><input name="mod-${i}" value="GP"></td><td></td></tr>`);
  }
  return `<p>Payer: <b>Medicare Part B</b> · Discipline: <b>Physical Therapy</b> · Date of service: <b>2026-11-20</b></p>
<table id="flowsheet"><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th><th>Note</th></tr></thead><tbody>${html.join('')}</tbody></table>`;
}
