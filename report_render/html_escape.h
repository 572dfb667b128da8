// The one escaper of text put into the report's markup: Mustache's {{x}} in lkip.html and the
// SVG charts' labels alike.
#pragma once

#include <string>

namespace lkip::render {

// The text with & < > " ' replaced by their entities, byte for byte what kainjow's default
// escape gives (&apos; is also an XML entity, so the SVG charts take it too), without building
// the result one character at a time.
std::string HtmlEscape(const std::string& text);

}  // namespace lkip::render
