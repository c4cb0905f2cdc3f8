// The corpus pages with their autocomplete attributes removed, as served by the real-fill tool
// (the corpus tool removes them in the DOM instead: there, page scripts and the extension do
// not run before it). Removes the attribute from every input, select, textarea and form start
// tag; quoted attribute values are skipped over, never searched.

const START_TAG = /<(input|select|textarea|form)(\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/gi;
const ATTRIBUTE = /(\s*)([^\s"'>\/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

export function stripAutocomplete(html) {
  return html.replace(START_TAG, (tag, name, attributes = '') => {
    const kept = attributes.replace(ATTRIBUTE, (attribute, _space, attrName) =>
      attrName.toLowerCase() === 'autocomplete' ? '' : attribute,
    );
    return `<${name}${kept}>`;
  });
}
