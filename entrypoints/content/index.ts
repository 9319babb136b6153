// Placeholder: form reading and inline markers arrive with the form-reading issue.
export default defineContentScript({
  matches: ['http://127.0.0.1/*'],
  main() {},
});
