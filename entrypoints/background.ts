// Wiring comes with the form-reading issue; the rules engine lives in lib/rules and never depends on this file.
export default defineBackground(() => {});
